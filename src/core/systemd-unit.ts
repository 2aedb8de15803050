/**
 * The systemd unit for `smsmatch daemon`. Restart on failure, but not on a config error (78) or a usage error
 * (64): restarting cannot fix those and would only fill the journal.
 */
export interface UnitOptions {
  user: boolean;
  nodePath: string;
  scriptPath: string;
  configPath: string;
  /** System units run as this dedicated account. */
  account: string;
}

export function renderUnit(o: UnitOptions): string {
  const lines = [
    '[Unit]',
    'Description=smsmatch: confirm mobile-money payments for WooCommerce',
    'Documentation=man:smsmatch(1) https://github.com/smsmatch/smsmatch#readme',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    // A small young generation keeps an idle daemon under ~80 MB resident (npm run bench measures it).
    `ExecStart=${o.nodePath} --max-semi-space-size=1 ${o.scriptPath} daemon --config ${o.configPath}`,
    'ExecReload=/bin/kill -HUP $MAINPID',
    'Restart=on-failure',
    'RestartSec=15',
    'RestartPreventExitStatus=64 78',
    'TimeoutStopSec=60',
    'Environment=NODE_ENV=production',
    'StateDirectory=smsmatch',
    'StateDirectoryMode=0700',
    'UMask=0077',
    'NoNewPrivileges=yes',
    'PrivateTmp=yes',
    'LockPersonality=yes',
    'RestrictRealtime=yes',
    'RestrictSUIDSGID=yes',
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
    'SystemCallArchitectures=native',
    'MemoryMax=256M',
  ];
  if (!o.user) {
    lines.push(
      `User=${o.account}`,
      `Group=${o.account}`,
      'ConfigurationDirectory=smsmatch',
      'ConfigurationDirectoryMode=0700',
      'ProtectSystem=strict',
      'ProtectHome=read-only',
      'PrivateDevices=yes',
      'ProtectKernelTunables=yes',
      'ProtectKernelModules=yes',
      'ProtectKernelLogs=yes',
      'ProtectControlGroups=yes',
      'ProtectClock=yes',
      'ProtectHostname=yes',
      'RestrictNamespaces=yes',
      'CapabilityBoundingSet=',
    );
  }
  lines.push('', '[Install]', `WantedBy=${o.user ? 'default.target' : 'multi-user.target'}`, '');
  return lines.join('\n');
}

export function installSteps(o: UnitOptions): string[] {
  if (o.user) {
    return [
      'mkdir -p ~/.config/systemd/user',
      'smsmatch systemd --user > ~/.config/systemd/user/smsmatch.service',
      'systemctl --user daemon-reload',
      'systemctl --user enable --now smsmatch',
      'loginctl enable-linger "$USER"   # keep it running after you log out',
      'journalctl --user -u smsmatch -f',
    ];
  }
  return [
    `sudo useradd --system --home-dir /var/lib/smsmatch --shell /usr/sbin/nologin ${o.account}`,
    `sudo install -d -o ${o.account} -g ${o.account} -m 700 /etc/smsmatch`,
    `sudo install -o ${o.account} -g ${o.account} -m 600 ~/.config/smsmatch/config.json ${o.configPath}`,
    'smsmatch systemd | sudo tee /etc/systemd/system/smsmatch.service',
    'sudo systemctl daemon-reload',
    'sudo systemctl enable --now smsmatch',
    'journalctl -u smsmatch -f',
  ];
}

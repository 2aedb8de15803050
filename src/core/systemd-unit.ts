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

/** Where a system service keeps its config and ledger (ConfigurationDirectory= and StateDirectory=smsmatch). */
export const SYSTEM_CONFIG_PATH = '/etc/smsmatch/config.json';
export const SYSTEM_LEDGER_PATH = '/var/lib/smsmatch/ledger.json';
export const README_URL = 'https://github.com/smsmatch/smsmatch#readme';

export interface InstallOptions extends UnitOptions {
  /** The config file in use where `smsmatch systemd` ran (--config, $SMSMATCH_CONFIG or the default), absolute. */
  sourceConfig: string;
  /** An existing ledger of the person installing (and its archive folder), moved in so the service does not start from nothing. */
  existingLedger: string | null;
  existingArchive: string | null;
}

export function renderUnit(o: UnitOptions): string {
  const lines = [
    '[Unit]',
    'Description=smsmatch: confirm mobile-money payments for WooCommerce',
    // No man page ships; a man: link fails `systemd-analyze verify`.
    `Documentation=${README_URL}`,
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

/**
 * The install steps. A system service runs as its own account with its ledger in /var/lib/smsmatch, so the config
 * it gets says so (`ledger.path`): whoever runs status, review or assign with that config, as that account, reads
 * the daemon's own ledger instead of an empty one of their own.
 */
export function installSteps(o: InstallOptions): string[] {
  const q = shellQuote;
  if (o.user) {
    return [
      'mkdir -p ~/.config/systemd/user',
      `smsmatch systemd --user --config ${q(o.sourceConfig)} > ~/.config/systemd/user/smsmatch.service`,
      'systemctl --user daemon-reload',
      'systemctl --user enable --now smsmatch',
      'loginctl enable-linger "$USER"   # keep it running after you log out',
      'journalctl --user -u smsmatch -f',
    ];
  }
  const a = o.account;
  const moveLedger = o.existingLedger === null ? [] : [
    `sudo install -d -o ${a} -g ${a} -m 700 /var/lib/smsmatch   # stop your own cron line or daemon first`,
    `sudo cp -p ${q(o.existingLedger)} ${SYSTEM_LEDGER_PATH}   # the ledger you used so far`,
    ...(o.existingArchive === null ? [] : [`sudo cp -pr ${q(o.existingArchive)} /var/lib/smsmatch/`]),
    `sudo chown -R ${a}:${a} /var/lib/smsmatch`,
  ];
  return [
    `sudo useradd --system --home-dir /var/lib/smsmatch --shell /usr/sbin/nologin ${a}`,
    `sudo install -d -o ${a} -g ${a} -m 700 /etc/smsmatch`,
    `smsmatch systemd --service-config --config ${q(o.sourceConfig)} | sudo install -o ${a} -g ${a} -m 600 /dev/stdin ${o.configPath}   # your config, with ledger.path ${SYSTEM_LEDGER_PATH}`,
    ...moveLedger,
    `smsmatch systemd --config ${q(o.sourceConfig)} | sudo tee /etc/systemd/system/smsmatch.service`,
    'sudo systemctl daemon-reload',
    'sudo systemctl enable --now smsmatch',
    'journalctl -u smsmatch -f',
  ];
}

/** How a person works with the system service's ledger afterwards: as its account, with its config. */
export function operatorSteps(o: InstallOptions): string[] {
  if (o.user) return ['smsmatch status', 'smsmatch review', 'smsmatch assign CODE ORDER'];
  const as = `sudo -u ${o.account} smsmatch`;
  return [`${as} status --config ${o.configPath}`, `${as} review --config ${o.configPath}`, `${as} assign CODE ORDER --config ${o.configPath}`];
}

function shellQuote(path: string): string {
  return /^[\w@%+=:,./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

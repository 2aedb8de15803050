import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

describe('smsmatch systemd', () => {
  it('prints a hardened system unit that does not restart on config errors', async () => {
    const io = captureIo({ env: { HOME: '/home/shop' } });

    const code = await main(['systemd'], io);

    expect(code).toBe(0);
    const unit = io.out();
    expect(unit).toMatch(/^\[Unit\]/);
    expect(unit).toMatch(/ExecStart=\S+node\S* --max-semi-space-size=1 \S+bin\/smsmatch\.js daemon --config \/etc\/smsmatch\/config\.json/);
    for (const line of ['Restart=on-failure', 'RestartPreventExitStatus=64 78', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'StateDirectory=smsmatch', 'User=smsmatch', 'WantedBy=multi-user.target']) {
      expect(unit).toContain(line);
    }
    expect(io.err()).toContain('sudo systemctl enable --now smsmatch');
  });

  it('prints a user unit pointing at the per-user config', async () => {
    const io = captureIo({ env: { HOME: '/home/shop' } });

    await main(['systemd', '--user'], io);

    expect(io.out()).toContain('--config /home/shop/.config/smsmatch/config.json');
    expect(io.out()).toContain('WantedBy=default.target');
    expect(io.out()).not.toContain('User=');
    expect(io.err()).toContain('loginctl enable-linger');
  });
});

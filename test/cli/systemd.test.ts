import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLedgerPath } from '../../src/config/paths.js';
import { main } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

const shop = { url: 'https://shop.example', consumerKey: 'ck_0123456789abcdef', consumerSecret: 'cs_0123456789abcdef' };
const dropbox = { url: 'http://127.0.0.1:9/wp-json/smsmatch/v1', token: 't'.repeat(32) };

function configIn(content: unknown): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-systemd-'));
  const file = join(dir, 'shop config.json');
  writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
  return { dir, file };
}

const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

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

  it('documents with a URL, not a man page that does not exist', async () => {
    const io = captureIo({ env: { HOME: '/home/shop' } });

    await main(['systemd'], io);

    const docs = io.out().split('\n').filter((l) => l.startsWith('Documentation='));
    expect(docs).toEqual(['Documentation=https://github.com/smsmatch/smsmatch#readme']);
  });

  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify (system and user units)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-unit-'));
    for (const args of [['systemd'], ['systemd', '--user']]) {
      const io = captureIo({ env: { HOME: '/home/shop' } });
      await main(args, io);
      const file = join(dir, 'smsmatch.service');
      writeFileSync(file, io.out());

      const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });

      expect(`${r.stdout}${r.stderr}`, args.join(' ')).not.toMatch(/smsmatch\.service/);
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it('installs the config actually in use ($SMSMATCH_CONFIG or --config), and says how to run status/review/assign as the service', async () => {
    const { file } = configIn({ shop, dropbox });
    const viaEnv = captureIo({ env: { HOME: '/home/shop', SMSMATCH_CONFIG: file } });
    const viaFlag = captureIo({ env: { HOME: '/home/shop' } });

    await main(['systemd'], viaEnv);
    await main(['systemd', '--config', file], viaFlag);

    for (const io of [viaEnv, viaFlag]) {
      const steps = io.err();
      expect(steps).not.toContain('~/.config/smsmatch/config.json');
      expect(steps).toContain(`smsmatch systemd --service-config --config '${file}' | sudo install -o smsmatch -g smsmatch -m 600 /dev/stdin /etc/smsmatch/config.json`);
      for (const cmd of ['status', 'review', 'assign CODE ORDER']) expect(steps).toContain(`sudo -u smsmatch smsmatch ${cmd} --config /etc/smsmatch/config.json`);
      expect(io.out()).toContain('daemon --config /etc/smsmatch/config.json');
    }
  });

  it('offers to move the ledger used so far (and its archive) into the service\'s state directory', async () => {
    const { dir, file } = configIn({ shop, dropbox, ledger: { path: 'PLACEHOLDER' } });
    const ledger = join(dir, 'state', 'ledger.json');
    mkdirSync(join(dir, 'state', 'archive'), { recursive: true });
    writeFileSync(ledger, '{}');
    writeFileSync(file, JSON.stringify({ shop, dropbox, ledger: { path: ledger } }), { mode: 0o600 });
    const io = captureIo({ env: { HOME: '/home/shop' } });

    await main(['systemd', '--config', file], io);

    expect(io.err()).toContain(`sudo cp -p ${ledger} /var/lib/smsmatch/ledger.json`);
    expect(io.err()).toContain(`sudo cp -pr ${join(dir, 'state', 'archive')} /var/lib/smsmatch/`);
    expect(io.err()).toContain('sudo chown -R smsmatch:smsmatch /var/lib/smsmatch');
  });

  it('--service-config prints the config in use with the service\'s ledger, secrets from the environment written in, so status with it finds the daemon\'s ledger', async () => {
    const { dir, file } = configIn({ shop: { url: shop.url }, dropbox, matching: { windowDays: 3 } });
    const io = captureIo({ env: { HOME: '/home/shop', SMSMATCH_CONSUMER_KEY: shop.consumerKey, SMSMATCH_CONSUMER_SECRET: shop.consumerSecret } });

    expect(await main(['systemd', '--service-config', '--config', file], io), io.err()).toBe(0);

    const installed = JSON.parse(io.out()) as { shop: Record<string, string>; ledger: { path: string }; matching: unknown };
    expect(installed).toMatchObject({ shop, matching: { windowDays: 3 }, ledger: { path: '/var/lib/smsmatch/ledger.json' } });
    // The daemon under the unit ($STATE_DIRECTORY set) and an operator running status with the same file agree.
    expect(resolveLedgerPath(undefined, installed.ledger.path, { STATE_DIRECTORY: '/var/lib/smsmatch' })).toBe('/var/lib/smsmatch/ledger.json');
    const serviceConfig = join(dir, 'service.json');
    writeFileSync(serviceConfig, io.out(), { mode: 0o600 });
    const status = captureIo({ env: { HOME: '/home/operator' } });
    expect(await main(['status', '--json', '--config', serviceConfig], status), status.err()).toBe(0);
    expect((JSON.parse(status.out()) as { ledger: string }).ledger).toBe('/var/lib/smsmatch/ledger.json');
  });

  it('--service-config never prints secrets on a terminal, and refuses a config the daemon would refuse', async () => {
    const { file } = configIn({ shop, dropbox });
    const tty = captureIo({ env: { HOME: '/home/shop' }, isTTY: true });
    const incomplete = captureIo({ env: { HOME: '/home/shop' } });

    expect(await main(['systemd', '--service-config', '--config', file], tty)).toBe(64);
    expect(await main(['systemd', '--service-config', '--config', configIn({ shop }).file], incomplete)).toBe(78);

    expect(tty.out()).toBe('');
    expect(tty.err()).not.toContain(shop.consumerSecret);
    expect(incomplete.out()).toBe('');
    expect(incomplete.err()).toContain('no drop-box configured');
  });

  it('the daemon under systemd warns while its config does not name the ledger', async () => {
    const { dir, file } = configIn({ shop, dropbox });
    const io = captureIo({ env: { HOME: '/home/shop', STATE_DIRECTORY: dir } });

    const code = await main(['daemon', '--once', '--config', file], io);

    expect(code).toBe(69);
    expect(io.err()).toContain(`the ledger is ${join(dir, 'ledger.json')} (systemd's StateDirectory), which status, review and assign run by hand do not know`);
  });
});


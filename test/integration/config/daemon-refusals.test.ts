import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { buildRuntime } from '../../../src/app/daemon/runtime.js';
import { localParts } from '../../../src/app/daemon/local-time.js';
import { newDaemonState } from '../../../src/app/daemon/state.js';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';
import { main } from '../../../src/main.js';
import { captureIo } from '../../helpers/io.js';

const dir = mkdtempSync(join(tmpdir(), 'smsmatch-refusals-'));
let n = 0;
function writeConfig(content: unknown): string {
  const file = join(dir, `config-${n++}.json`);
  writeFileSync(file, JSON.stringify(content));
  chmodSync(file, 0o600);
  return file;
}

const shop = { url: 'https://shop.example', consumerKey: 'ck_0123456789abcdef', consumerSecret: 'cs_0123456789abcdef' };
const dropbox = { url: 'https://shop.example/wp-json/smsmatch/v1', token: 't'.repeat(32) };
const env = { HOME: '/nonexistent' };

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('config check refuses what the daemon refuses', () => {
  it('names daemon.schedule, the bad value and a good example; status and the daemon exit 78 with one line', async () => {
    const file = writeConfig({ shop, dropbox, daemon: { schedule: 'every 5 minutes' } });
    const state = join(dir, 'ledger-a.json');

    for (const args of [['config', 'check'], ['status', '--state', state], ['daemon', '--once', '--state', state]]) {
      const r = await run([...args, '--config', file]);

      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(78);
      expect(r.err).toMatch(/daemon\.schedule:? "every 5 minutes" is not a cron expression \(expected 5 or 6 fields but got 3\)/);
      expect(r.err).toContain('"*/30 * * * * *"');
      expect(r.err).not.toMatch(/RangeError|internal error|\n\s+at /);
    }
  });

  it('names daemon.timezone, the bad value and a good example; status never crashes with a RangeError', async () => {
    const file = writeConfig({ shop, dropbox, daemon: { timezone: 'Nairobi' } });

    const check = await run(['config', 'check', '--config', file]);
    const status = await run(['status', '--config', file, '--state', join(dir, 'ledger-b.json')]);

    for (const r of [check, status]) {
      expect(r.code).toBe(78);
      expect(r.err).toMatch(/daemon\.timezone:? "Nairobi" is not an IANA time zone name; use a region\/city name such as "Africa\/Nairobi"/);
      expect(r.err).not.toMatch(/RangeError|internal error/);
    }
  });

  it('fails a config without a drop-box or shop with the daemon\'s own reason', async () => {
    const noDropbox = await run(['config', 'check', '--config', writeConfig({ shop })]);
    const nothing = await run(['config', 'check', '--config', writeConfig({})]);

    expect(noDropbox.code).toBe(78);
    expect(noDropbox.err).toContain('no drop-box configured (the daemon reads SMS from the drop-box)');
    expect(nothing.err).toMatch(/no shop configured.*no drop-box configured/);
    expect((await run(['config', 'check', '--config', writeConfig({ shop, dropbox })])).code).toBe(0);
  });

  it('warns that shop.queryStringAuth does nothing over http', async () => {
    const http = await run(['config', 'check', '--config', writeConfig({ shop: { ...shop, url: 'http://shop.example', queryStringAuth: true }, dropbox })]);
    const https = await run(['config', 'check', '--config', writeConfig({ shop: { ...shop, queryStringAuth: true }, dropbox })]);

    expect(http.code).toBe(0);
    expect(http.err).toMatch(/^warning: shop\.queryStringAuth is ignored: it only applies to an https shop\.url/m);
    expect(https.err).not.toMatch(/queryStringAuth/); // (config check also says how the daemon would be woken; this test's drop-box is not there)
  });

  // Schedules: node-cron's own grammar pieces, mixed with junk; zones: every zone this Node knows, plus near misses.
  const field = fc.oneof(
    fc.constantFrom('*', '*/5', '0', '30', '1-5', '1,15', 'MON-FRI', 'JAN', 'L', '?', '*/0', '61', '-1', '7', '1/2', ''),
    fc.string({ maxLength: 4 }),
  );
  const schedule = fc.oneof(
    fc.array(field, { minLength: 3, maxLength: 7 }).map((f) => f.join(' ')),
    fc.constantFrom('*/30 * * * * *', '*/2 * * * *', 'every 5 minutes', '@hourly', '0 0 30 2 *', ' * * * * * '),
    fc.string({ maxLength: 20 }),
  );
  const zone = fc.oneof(
    fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
    fc.constantFrom('Nairobi', '+03:00', 'EAT', 'UTC', 'africa/nairobi', 'Etc/GMT-3', 'Africa/Narobi', '', 'Mars/Olympus'),
    fc.string({ maxLength: 12 }),
  );

  /** What the daemon does with a config before its first tick: load it, build its runtime, schedule, read the clock. */
  function daemonRefuses(file: string): string | null {
    try {
      const loaded = loadConfig(file, env);
      const state = newDaemonState(new Date());
      buildRuntime(loaded, state, () => new Date());
      const task = cron.createTask(loaded.config.daemon.schedule, () => undefined, { timezone: loaded.config.daemon.timezone, noOverlap: true });
      void task.destroy();
      localParts(new Date(), loaded.config.daemon.timezone);
      return null;
    } catch (error) {
      return error instanceof ConfigError ? error.message : `crash: ${String(error)}`;
    }
  }

  it('property: whenever the daemon would refuse a config, config check exits 78 for the same field; never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(schedule, zone, fc.boolean(), fc.boolean(), async (s, z, withShop, withDropbox) => {
        const file = writeConfig({ ...(withShop ? { shop } : {}), ...(withDropbox ? { dropbox } : {}), daemon: { schedule: s, timezone: z } });

        const refused = daemonRefuses(file);
        const check = await run(['config', 'check', '--config', file]);

        expect(refused ?? '', 'the daemon must refuse with a ConfigError, never crash').not.toMatch(/^crash:/);
        expect(check.code, `${JSON.stringify({ s, z, withShop, withDropbox })}: daemon said ${refused}, config check said ${check.out}${check.err}`).toBe(refused === null ? 0 : 78);
        if (refused?.includes('daemon.schedule')) expect(check.err).toContain('daemon.schedule');
        if (refused?.includes('daemon.timezone')) expect(check.err).toContain('daemon.timezone');
        expect(check.err).not.toMatch(/internal error|RangeError/);
      }),
      { numRuns: 300 },
    );
  });
});

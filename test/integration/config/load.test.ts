import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { resolveConfigPath, resolveLedgerPath } from '../../../src/config/paths.js';
import { ConfigError } from '../../../src/errors.js';
import { main } from '../../../src/main.js';
import { captureIo } from '../../helpers/io.js';

function writeConfig(content: unknown, mode = 0o600): string {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(file, mode);
  return file;
}

const shop = { url: 'https://shop.example', consumerKey: 'ck_0123456789abcdef', consumerSecret: 'cs_0123456789abcdef' };

describe('config loading', () => {
  it('resolves --config, then SMSMATCH_CONFIG, then the XDG default', () => {
    expect(resolveConfigPath('/a.json', { SMSMATCH_CONFIG: '/b.json' })).toEqual({ path: '/a.json', explicit: true });
    expect(resolveConfigPath(undefined, { SMSMATCH_CONFIG: '/b.json' })).toEqual({ path: '/b.json', explicit: true });
    expect(resolveConfigPath(undefined, { HOME: '/home/x' })).toEqual({ path: '/home/x/.config/smsmatch/config.json', explicit: false });
    expect(resolveLedgerPath(undefined, undefined, { STATE_DIRECTORY: '/var/lib/smsmatch' })).toBe('/var/lib/smsmatch/ledger.json');
  });

  it('fills defaults and lets the environment supply secrets', () => {
    const file = writeConfig({ shop: { url: 'https://shop.example' } });

    const { config } = loadConfig(file, { SMSMATCH_CONSUMER_KEY: shop.consumerKey, SMSMATCH_CONSUMER_SECRET: shop.consumerSecret });

    expect(config.shop).toEqual({ ...shop, queryStringAuth: false, timeoutSeconds: 20 });
    expect(config.apply.onHoldStatus).toBe('processing');
    // Payments arrive through the signal file within seconds; the schedule is only the safety net.
    expect(config.daemon).toMatchObject({ schedule: '*/5 * * * *', signal: true, signalSeconds: 1, pollSeconds: 30 });
  });

  it('names every bad field in one error', () => {
    const file = writeConfig({ shop: { ...shop, consumerKey: 'oops' }, ledger: { retentionDays: 0 }, typo: true });

    expect(() => loadConfig(file, {})).toThrowError(ConfigError);
    try {
      loadConfig(file, {});
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('shop.consumerKey must look like ck_');
      expect(message).toContain('ledger.retentionDays');
      expect(message).toContain('typo');
      expect(message).not.toContain(shop.consumerSecret);
    }
  });

  it('names every unknown key (with the key meant) and every missing or bad field in one pass, in plain words', async () => {
    const file = writeConfig({
      shop: { url: shop.url, consumerKey: shop.consumerKey, consumerSecert: shop.consumerSecret, timeoutSeconds: '20' },
      dropbox: { url: 'https://shop.example/wp-json/smsmatch/v1' },
      apply: { onHoldStatus: 'done', balanceChain: { onBrake: 'alert' } },
      matching: { windowDayz: 3 },
      alerts: { shopHours: { stat: '08:00' } },
      deamon: {},
    });
    const io = captureIo({ env: {} });

    const code = await main(['config', 'check', '--config', file], io);

    expect(code).toBe(78);
    const [line = '', hint = '', ...rest] = io.err().split('\n').filter((l) => l !== '');
    expect(rest).toEqual([]);
    expect(line).toMatch(/^smsmatch: config \S+ has 8 problems: /);
    expect(line.replace(/^.*problems: /, '').split('; ')).toEqual([
      'unknown key shop.consumerSecert — did you mean consumerSecret?',
      'unknown key apply.balanceChain.onBrake — did you mean onBreak?',
      'unknown key alerts.shopHours.stat — did you mean start?',
      'unknown key deamon — did you mean daemon?',
      'shop.timeoutSeconds must be a number, not a string',
      'missing dropbox.token',
      'apply.onHoldStatus must be one of "processing", "completed"',
      'unknown key matching.windowDayz — did you mean windowDays?',
    ]);
    expect(hint).toBe('  hint: fix what is named in the file; every key is described in README → Configuration');
    expect(io.err()).not.toContain('config check');
    expect(io.err()).not.toContain(shop.consumerSecret);
  });

  it('a shop URL pointing at the REST API is named: use the site root', () => {
    for (const url of ['https://shop.example/wp-json/wc/v3', 'https://shop.example/wp-json', 'https://shop.example/?rest_route=/wc/v3']) {
      expect(() => loadConfig(writeConfig({ shop: { ...shop, url } }), {})).toThrowError(/shop\.url is the REST API address, not the site: use the site root/);
    }
    expect(loadConfig(writeConfig({ shop: { ...shop, url: 'https://shop.example/store' } }), {}).config.shop?.url).toBe('https://shop.example/store');
  });

  it('reports invalid JSON and a missing explicit file', () => {
    expect(() => loadConfig(writeConfig('{ "shop": '), {})).toThrowError(/is not valid JSON/);
    expect(() => loadConfig('/does/not/exist.json', {})).toThrowError(/does not exist/);
  });

  it('warns when a config holding secrets is readable by others', () => {
    const file = writeConfig({ shop }, 0o644);

    const { warnings } = loadConfig(file, {});

    expect(warnings.join('\n')).toMatch(/readable by other users .* chmod 600/);
  });

  it('rejects a custom provider with a broken regex, naming its path', () => {
    const file = writeConfig({
      providers: [{ id: 'x-tz', name: 'X', country: 'TZ', senderIds: ['X'], currency: 'TZS', callingCode: '255', templates: [{ name: 'r', kind: 'payment', pattern: '(?<amount>[0-9' }] }],
    });

    expect(() => loadConfig(file, {})).toThrowError(/providers\[0\]\.templates\[0\]\.pattern: not a valid regular expression/);
  });

  it('config check exits 78 on a bad config and never prints the secret', async () => {
    const file = writeConfig({ shop: { ...shop, url: 'not a url' } });
    const io = captureIo({ env: {} });

    const code = await main(['config', 'check', '--config', file], io);

    expect(code).toBe(78);
    expect(io.err()).toContain('shop.url');
    expect(io.err() + io.out()).not.toContain(shop.consumerSecret);
  });
});

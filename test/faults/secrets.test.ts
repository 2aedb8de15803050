import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { workspace } from '../e2e/helpers.js';
import { cli, postSms, shopPayments, shopWith } from './helpers.js';
import { countAttack, writeReportPart } from './report.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});
afterAll(() => {
  writeReportPart('secrets');
});

describe('secrets never reach stdout or stderr', () => {
  it('every command path we can drive, in success and failure, with --verbose stacks: no consumer key/secret, drop-box token or SMSsync secret', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const secrets = [s.consumerKey, s.consumerSecret, s.dropboxToken, s.smssyncSecret];
    const ws = workspace(s);
    const pays = shopPayments(now, 'US1');
    await postSms(s, pays.map((p) => p.message));
    const file = ws.messagesFile(pays.map((p) => p.message));
    const orders = join(ws.dir, 'orders.json');
    writeFileSync(orders, JSON.stringify(s.state.orders));
    const bad = (name: string, cfg: unknown): string => {
      const path = join(ws.dir, name);
      writeFileSync(path, JSON.stringify(cfg), { mode: 0o600 });
      return path;
    };
    const base = JSON.parse(readFileSync(ws.config, 'utf8')) as { shop: Record<string, unknown>; dropbox: Record<string, unknown> };
    const wrongToken = bad('wrong-token.json', { ...base, dropbox: { ...base.dropbox, token: `${s.dropboxToken}x` } });
    const wrongKey = bad('wrong-key.json', { ...base, shop: { ...base.shop, consumerSecret: `${s.consumerSecret}0` } });
    const downShop = bad('down.json', { ...base, shop: { ...base.shop, url: 'http://127.0.0.1:9', timeoutSeconds: 1 }, dropbox: { ...base.dropbox, url: 'http://127.0.0.1:9/wp-json/smsmatch/v1' } });
    const invalid = bad('invalid.json', { ...base, shop: { ...base.shop, consumerKey: `bad${s.consumerKey}`, url: `ftp://${s.consumerSecret}@x` }, dropbox: { ...base.dropbox, url: `${s.dropboxUrl}?token=${s.dropboxToken}` } });
    const runs: string[][] = [
      ['config', 'check', '--config', ws.config],
      ['config', 'check', '--config', invalid],
      ['parse', '--from', 'MPESA', pays[0]!.message.message, '--config', ws.config, '--json'],
      ['match', '--messages', file, '--orders', orders, '--config', ws.config],
      ['reconcile', '--dry-run', '--config', ws.config, '--verbose'],
      ['reconcile', '--config', ws.config, '--json'],
      ['reconcile', '--config', ws.config],
      ['reconcile', '--config', wrongToken, '--verbose'],
      ['reconcile', '--config', wrongKey, '--messages', file, '--verbose'],
      ['reconcile', '--config', downShop, '--verbose'],
      ['reconcile', '--config', invalid, '--verbose'],
      ['status', '--config', ws.config],
      ['status', '--config', ws.config, '--json'],
      ['systemd', '--config', ws.config],
      ['nonsense-command', '--config', ws.config],
    ];
    const outputs: string[] = [];
    for (const args of runs) {
      const r = await cli(args, { SMSMATCH_CONSUMER_SECRET: s.consumerSecret });
      outputs.push(`$ ${args.join(' ')} → ${r.code}\n${r.out}\n${r.err}`);
    }
    countAttack(runs.length);

    const all = outputs.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `a secret appeared in:\n${outputs.find((o) => o.includes(secret))?.slice(0, 600) ?? ''}`).toBe(false);
    // The runs really ran: payments were applied and the failures were reported.
    expect(s.state.order(501)?.transaction_id).toBe(pays[0]!.code);
    expect(all).toMatch(/rejected the token/);
  });
});

describe('loose permissions on the config and the ledger', () => {
  it('readable by others: warned; writable by everyone: refused with the chmod to run', async () => {
    const s = (sandbox = await shopWith());
    const ws = workspace(s, {}, { dropbox: false });
    const file = ws.messagesFile([]);
    const full = workspace(s); // config check passes only a config the daemon would start with (a drop-box too)
    chmodSync(full.config, 0o644);
    const readable = await cli(['config', 'check', '--config', full.config]);
    chmodSync(ws.config, 0o666);
    const worldConfig = await cli(['reconcile', '--config', ws.config, '--messages', file]);
    const worldCheck = await cli(['config', 'check', '--config', ws.config]);
    chmodSync(ws.config, 0o600);
    await cli(['reconcile', '--config', ws.config, '--messages', ws.messagesFile([shopPayments(new Date(), 'US2')[0]!.message])]);
    chmodSync(ws.ledger, 0o644);
    const readableLedger = await cli(['reconcile', '--config', ws.config, '--messages', file]);
    chmodSync(ws.ledger, 0o666);
    const worldLedger = await cli(['reconcile', '--config', ws.config, '--messages', file]);
    chmodSync(ws.ledger, 0o600);
    chmodSync(join(ws.dir, 'state'), 0o777);
    const worldDir = await cli(['reconcile', '--config', ws.config, '--messages', file]);
    countAttack(5);

    expect(readable.code).toBe(0);
    expect(readable.err).toMatch(/readable by other users \(mode 644\).*chmod 600/);
    for (const r of [worldConfig, worldCheck]) {
      expect(r.code).toBe(78);
      expect(r.err).toMatch(/config file .* is writable by every user .*mode 666/);
      expect(r.err).toMatch(/hint: run: chmod 600 /);
    }
    expect(readableLedger.code).toBe(0);
    expect(readableLedger.err).toMatch(/ledger file .* is accessible by group\/other \(mode 644\)/);
    for (const r of [worldLedger, worldDir]) {
      expect(r.code).toBe(65);
      expect(r.err).toMatch(/ledger (file|directory) .* is writable by every user/);
    }
  });
});

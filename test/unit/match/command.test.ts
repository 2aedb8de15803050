import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatch } from '../../../src/commands/match.js';
import { ConfigError, DataError } from '../../../src/errors.js';
import { main } from '../../../src/main.js';
import { captureIo } from '../../helpers/io.js';

const scenario = join(process.cwd(), 'fixtures/scenarios/nairobi-week');
let dir = '';

function file(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smsmatch-match-'));
});

describe('runMatch', () => {
  it('prints a table with a line per message, its reasons and a summary', async () => {
    const io = captureIo({ env: { HOME: '/nonexistent' } });

    const code = await runMatch({ messages: join(scenario, 'messages.json'), orders: join(scenario, 'orders.json') }, io);

    expect(code).toBe(0);
    expect(io.out()).toMatch(/^message +code +decision +order +amount +rule +write$/m);
    expect(io.out()).toMatch(/^nw-001 +UE4AB12CD3 +confirm +#1040 +KES 1,500\.00 +phone$/m);
    expect(io.out()).toContain('    - phone +254712345678 = billing phone of #1040');
    expect(io.out()).toContain('11 confirm, 1 partial, 3 review, 3 unmatched, 1 duplicate, 4 ignored');
  });

  it('applies the matching settings of a config file', async () => {
    const io = captureIo({ cwd: dir, env: { HOME: '/nonexistent' } });
    const config = file('config.json', { matching: { confirmOn: ['code', 'account'] } });

    await runMatch({ messages: join(scenario, 'messages.json'), orders: join(scenario, 'orders.json'), config, json: true }, io);

    const decisions = (JSON.parse(io.out()) as { decisions: Array<{ messageId: string; decision: string }> }).decisions;
    expect(decisions.find((d) => d.messageId === 'nw-001')?.decision).toBe('review');
    expect(decisions.find((d) => d.messageId === 'nw-004')?.decision).toBe('confirm');
  });

  type Spec = string | [name: string, content: unknown];
  const ok: Spec = ['empty.json', []];
  it.each<[Spec, Spec, string]>([
    [['bad.json', '{oops'], ok, 'messages file bad.json: not valid JSON'],
    [['obj.json', { a: 1 }], ok, 'messages file obj.json: expected a JSON array of messages'],
    [['secs.json', [{ from: 'MPESA', message: 'x', sent_timestamp: '1746345600', message_id: 'a' }]], ok, 'messages file secs.json: messages[0]: sent_timestamp:'],
    [['noid.json', [{ from: 'MPESA', message: 'x', sent_timestamp: '1746345600000' }]], ok, 'messages file noid.json: messages[0]: message_id:'],
    [ok, ['o.json', [{ id: 5, number: '5', status: 'pending', currency: 'KES', total: 'ten', date_created_gmt: '2026-05-04T08:00:00' }]], 'orders file o.json: orders[0] (id 5): total: "ten" is not an amount in KES'],
  ])('rejects bad input with one DataError line (%#)', async (messages, orders, message) => {
    const io = captureIo({ cwd: dir, env: { HOME: '/nonexistent' } });
    const write = (spec: Spec): string => (typeof spec === 'string' ? spec : file(spec[0], spec[1]));
    const opts = { messages: write(messages), orders: write(orders) };

    await expect(runMatch(opts, io)).rejects.toThrow(DataError);
    await expect(runMatch(opts, io)).rejects.toThrow(message);
  });
});

describe('a messages or orders file that cannot be read', () => {
  it.each([
    [['match', '--messages', 'missing.json', '--orders', 'missing-orders.json'], 'messages file missing.json: cannot read it (it does not exist)'],
    [['match', '--messages', 'empty-ok.json', '--orders', 'missing-orders.json'], 'orders file missing-orders.json: cannot read it (it does not exist)'],
    [['reconcile', '--messages', 'missing.json'], 'messages file missing.json: cannot read it (it does not exist)'],
  ])('exits 74 (a local file), as README → Exit codes says, naming the file (%#)', async (args, message) => {
    file('empty-ok.json', []);
    const config = file('shop-config.json', { shop: { url: 'https://shop.example', consumerKey: 'ck_0123456789abcdef', consumerSecret: 'cs_0123456789abcdef' } });
    const io = captureIo({ cwd: dir, env: { HOME: '/nonexistent' } });

    const code = await main([...args, '--config', join(dir, config), ...(args[0] === 'reconcile' ? ['--state', join(dir, 'ledger.json')] : [])], io);

    expect(code, io.err()).toBe(74);
    expect(io.err().split('\n').find((l) => l.startsWith('smsmatch:'))).toBe(`smsmatch: ${message}`);
    expect(io.err()).toContain(`hint: check the path (relative to ${dir})`);
  });
});

describe('matching settings in the config file', () => {
  it.each([
    [{ matching: { windowDayz: 3 } }, 'unknown key matching.windowDayz — did you mean windowDays?'],
    [{ matching: { windowDays: '3' } }, 'matching.windowDays: expected a number'],
    [{ matching: { statuses: 'pending' } }, 'matching.statuses: expected a list of strings'],
    [{ matching: { confirmOn: ['amount', 'vibes'] } }, 'matching.confirmOn: each entry must be one of'],
    [{ matching: [] }, 'matching must be an object ({ … }), not a list ([ … ])'],
  ])('rejects a bad matching section (%#)', async (content, message) => {
    const io = captureIo({ cwd: dir, env: { HOME: '/nonexistent' } });
    const config = file('bad-config.json', content);
    const opts = { messages: join(scenario, 'messages.json'), orders: join(scenario, 'orders.json'), config };

    await expect(runMatch(opts, io)).rejects.toThrow(ConfigError);
    await expect(runMatch(opts, io)).rejects.toThrow(message);
  });
});

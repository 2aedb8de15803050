import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sms } from '../e2e/helpers.js';
import { proveExactlyOnce, shopPayments, shopWith, shopWrites } from './helpers.js';
import { reconcileOnce } from './inproc.js';
import { countFaultSurvived, writeReportPart } from './report.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});
afterAll(() => {
  writeReportPart('clock');
});

const HOUR = 3600_000;

describe('the clock jumps between runs (NTP fix, VM restore, wrong timezone set by hand)', () => {
  it.each([
    ['back 5 hours, then forward 3 days', [-5 * HOUR, 3 * 24 * HOUR]],
    ['forward 2 days, then back 4 days', [2 * 24 * HOUR, -4 * 24 * HOUR]],
    ['forward 60 days (settled payments archived), then back to now', [60 * 24 * HOUR, 0]],
  ])('%s: no payment re-applied, replays stay duplicates, later payments still paid', async (_name, jumps) => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ledger = join(mkdtempSync(join(tmpdir(), 'smsmatch-clock-')), 'ledger.json');
    const pays = shopPayments(now, 'UC1');
    const [p1, p2, p3] = pays as [(typeof pays)[0], (typeof pays)[0], (typeof pays)[0]];
    const replay = (p: typeof p1) => sms(p.message.message, 'MPESA', Number(p.message.sent_timestamp));
    let offset = 0;
    const clock = (): Date => new Date(Date.now() + offset);

    const first = await reconcileOnce(s, ledger, { clock, messages: [p1.message, p2.message] });
    offset = jumps[0]!;
    const second = await reconcileOnce(s, ledger, { clock, messages: [replay(p1), p3.message] });
    offset = jumps[1]!;
    const writesBefore = shopWrites(s);
    const third = await reconcileOnce(s, ledger, { clock, messages: [replay(p2), replay(p3)] });

    for (const r of [first, second, third]) expect(r.error).toBeNull();
    expect(first.report?.counts['applied']).toBe(2);
    const all = [p1, p2, p3];
    const archived = readdirSync(join(ledger, '..')).includes('archive');
    expect(archived).toBe(jumps[0]! > 30 * 24 * HOUR);
    expect(second.report?.counts['duplicate']).toBe(1);
    expect(third.report?.counts).toMatchObject({ applied: 0, duplicate: 2 });
    expect(shopWrites(s)).toBe(writesBefore);
    const p3Decision = second.report?.decisions.find((d) => d.code === p3.code);
    if (archived && p3Decision?.decision === 'review') {
      // Known gap (reported): once p1 and p2 are archived, the balance chain takes the replay of p1 as p3's
      // predecessor and holds p3 for review. Safe (nothing paid wrongly), but a false alarm.
      expect(p3Decision.reasons.join(' ')).toMatch(/balance chain/);
      expect(proveExactlyOnce(s, ledger, [p1, p2], { messageIds: all.map((p) => p.message.message_id), untouched: [p3.orderId] }).problems).toEqual([]);
    } else {
      expect(second.report?.counts['applied']).toBe(1);
      expect(proveExactlyOnce(s, ledger, all, { messageIds: all.map((p) => p.message.message_id) }).problems).toEqual([]);
    }
    countFaultSurvived();
  });
});

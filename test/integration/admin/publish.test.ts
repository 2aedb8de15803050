import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DropboxClient } from '../../../src/adapters/dropbox/client.js';
import { openLedger } from '../../../src/adapters/ledger/index.js';
import { fitSnapshot } from '../../../src/app/admin/bound.js';
import { publishIfChanged } from '../../../src/app/admin/publish.js';
import { buildSnapshot, type PublishedPayment, type Snapshot } from '../../../src/app/admin/snapshot.js';
import { newDaemonState } from '../../../src/app/daemon/state.js';
import { createLogger } from '../../../src/log/logger.js';
import { captureIo } from '../../helpers/io.js';

const NOW = new Date('2026-03-10T09:00:00Z');

function payment(n: number, review: boolean, updatedAt: string): PublishedPayment {
  return {
    key: `mpesa-ke:P${n}`, code: `P${n}`, provider: 'mpesa-ke', state: review ? 'review' : 'confirmed', review, stuck: false,
    amount_minor: 100_00, currency: 'KES', amount: 'KES 100.00', payer_name: 'JANE DOE', payer_phone: '+254712***678',
    paid_at: updatedAt, waiting_since: updatedAt, updated_at: updatedAt, order_id: review ? null : n, remaining_minor: null,
    decision: review ? 'review' : 'confirm', rule: 'phone', reasons: ['x'.repeat(300)], candidates: [], sms: 'y'.repeat(200), sender: 'MPESA',
  };
}

function snapshot(payments: PublishedPayment[]): Snapshot {
  const health = {
    started_at: NOW.toISOString(), pid: 1, schedule: '* * * * *', timezone: 'UTC', last_pass: null, last_active_pass_at: null, last_sms_at: null,
    auth_failure: null, dropbox_down_since: null, dropbox_error: null, waiting_for_review: 0, partial: 0, last_run: null, alerts: [],
  };
  return { version: 1, published_at: NOW.toISOString(), window_days: 30, dropped: 0, review_count: payments.filter((p) => p.review).length, health, payments };
}

const at = (day: number): string => new Date(Date.UTC(2026, 2, day)).toISOString();

describe('the publish size bound', () => {
  it('drops the oldest settled payments first and never a payment in review', () => {
    const review = [payment(1, true, at(1)), payment(2, true, at(2))];
    const settled = Array.from({ length: 20 }, (_, i) => payment(100 + i, false, at(3 + (i % 7))));
    const full = snapshot([...review, ...settled]);
    const bound = Buffer.byteLength(JSON.stringify(snapshot([...review, ...settled.slice(0, 8)]))) + 50;

    const fitted = fitSnapshot(full, bound);

    expect(fitted.bytes).toBeLessThanOrEqual(bound);
    expect(fitted.over).toBe(false);
    const kept = fitted.snapshot.payments.filter((p) => !p.review);
    expect(fitted.snapshot.payments.filter((p) => p.review).map((p) => p.code)).toEqual(['P1', 'P2']);
    expect(kept.length).toBeGreaterThan(0);
    expect(fitted.snapshot.dropped).toBe(settled.length - kept.length);
    const oldestKept = Math.min(...kept.map((p) => Date.parse(p.updated_at)));
    const dropped = settled.filter((p) => !kept.includes(p));
    expect(dropped.every((p) => Date.parse(p.updated_at) <= oldestKept)).toBe(true);
  });

  it('sends the whole review queue even when it alone is over the bound, and says so', () => {
    const review = Array.from({ length: 10 }, (_, i) => payment(i, true, at(1 + i)));

    const fitted = fitSnapshot(snapshot([...review, payment(99, false, at(20))]), 2000);

    expect(fitted.over).toBe(true);
    expect(fitted.snapshot.payments.map((p) => p.code)).toEqual(review.map((p) => p.code));
    expect(fitted.snapshot.dropped).toBe(1);
  });

  it('keeps everything when it fits', () => {
    const all = [payment(1, true, at(1)), payment(2, false, at(2))];

    expect(fitSnapshot(snapshot(all), 1_000_000)).toMatchObject({ over: false, snapshot: { dropped: 0, payments: all } });
  });
});

describe('publishIfChanged', () => {
  it('sends on the first pass, nothing on an unchanged pass, and again after a change or a failed send', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-publish-'));
    const ledger = await openLedger(join(dir, 'ledger.json'), { retentionDays: 90, command: 'test' });
    const state = newDaemonState(NOW);
    const sent: Snapshot[] = [];
    let fail = false;
    const dropbox = { publish: (s: Snapshot) => {
      if (fail) return Promise.reject(new Error('HTTP 500'));
      sent.push(s);
      return Promise.resolve({ stored: s.payments.length, bytes: 1 });
    } } as unknown as DropboxClient;
    const io = captureIo();
    const env = (now: Date) => ({ ledger, dropbox, state, now, log: createLogger({ stream: io.stderr, format: 'plain' }), meta: { schedule: '* * * * *', timezone: 'UTC', pid: 1 } });

    const first = await publishIfChanged(env(NOW));
    state.lastTick = { at: new Date(NOW.getTime() + 60_000).toISOString(), outcome: 'idle', detail: null, newMessages: 0, counts: {} };
    const idle = await publishIfChanged(env(new Date(NOW.getTime() + 60_000)));
    ledger.raiseAlert('silent-phone', 'the shop phone seems silent');
    fail = true;
    const failed = await publishIfChanged(env(new Date(NOW.getTime() + 120_000)));
    fail = false;
    const retried = await publishIfChanged(env(new Date(NOW.getTime() + 180_000)));

    expect([first, idle, failed, retried]).toEqual(['sent', 'unchanged', 'failed', 'sent']);
    expect(sent.map((s) => s.health.alerts.map((a) => a.id))).toEqual([[], ['silent-phone']]);
    expect(io.err()).toContain('could not publish payments to the drop-box');
    expect(buildSnapshot(ledger, state, NOW, { schedule: '', timezone: 'UTC', pid: 1 }).payments).toEqual([]);
    await ledger.close();
  });
});

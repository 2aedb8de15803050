import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { runAssign } from '../../src/commands/assign.js';
import { runDismiss } from '../../src/commands/dismiss.js';
import { runExplain } from '../../src/commands/explain.js';
import { runReview } from '../../src/commands/review.js';
import { main } from '../../src/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';
import { cli, mpesaTime, sms, workspace, type Workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const ago = (min: number): string => new Date(now.getTime() - min * 60_000).toISOString();
const paid = (min: number): string => mpesaTime(new Date(now.getTime() - min * 60_000));
/** An ISO UTC instant as Nairobi (UTC+3, no DST) reads it, worked out independently of the code under test. */
const nairobi = (iso: string): string => `${new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} GMT+3`;


/** Reconciles a batch that confirms Jane's payment and leaves a 700 shilling payment tied between #503 and #504. */
async function reconciled(): Promise<{ s: Sandbox; ws: Workspace; opts: { config: string }; john: { message: string } }> {
  sandbox = await startSandbox({
    orders: [
      { id: 501, status: 'on-hold', total: 1500, createdAt: ago(60), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' } },
      { id: 503, status: 'on-hold', total: 700, createdAt: ago(40), billing: { first_name: 'Amina', last_name: 'Ali', phone: '0733000222', email: 'amina@example.com' } },
      { id: 504, status: 'pending', total: 700, createdAt: ago(30), billing: { first_name: 'Brian', last_name: 'Kip', phone: '0733000333', email: 'brian@example.com' } },
    ],
  });
  const ws = workspace(sandbox, {}, { dropbox: false });
  const jane = sms(`UK1AB2CD3E Confirmed.You have received Ksh1,500.00 from JANE WANJIRU 0712345678 on ${paid(5)} New M-PESA balance is Ksh9,500.00.`);
  const john = sms(`UK1AB2CD3G Confirmed.You have received Ksh700.00 from JOHN DOE 0799888777 on ${paid(3)} New M-PESA balance is Ksh10,200.00.`);
  const file = ws.messagesFile([jane, john, sms(jane.message, '+254700111222')]);
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  expect(await main(['reconcile', '--messages', file, '--config', ws.config], io)).toBe(0);
  return { s: sandbox, ws, opts: { config: ws.config }, john };
}

describe('review, dismiss and explain against a reconciled ledger', () => {
  it('review --json lists the amount-only payment with its candidates and reasons, and nothing settled', async () => {
    const { opts } = await reconciled();

    const r = await cli((io) => runReview({ ...opts, json: true }, io));

    expect(r.code).toBe(0);
    const payments = r.json['payments'] as Array<Record<string, unknown>>;
    expect(payments.map((p) => p['code'])).toEqual(['UK1AB2CD3G']);
    expect(payments[0]).toMatchObject({
      key: 'mpesa-ke:UK1AB2CD3G', state: 'review', stuck: false, amountMinor: 70000, currency: 'KES', amount: 'KES 700.00',
      payerName: 'JOHN DOE', payerPhone: '+254799888777', rule: 'amount',
      candidates: [{ orderId: 503, description: expect.stringContaining('#503') }, { orderId: 504, description: expect.stringContaining('#504') }],
    });
    expect(payments[0]?.['reasons']).toContain('2 orders tie on amount: #503, #504');
    expect(payments[0]?.['waitedMinutes']).toBeGreaterThanOrEqual(0);
  });

  it('human review output is one block per payment with a footer on how to settle', async () => {
    const { opts } = await reconciled();

    const r = await cli((io) => runReview(opts, io));

    expect(r.out).toContain('UK1AB2CD3G  KES 700.00  review  waited');
    expect(r.out).toContain('from   JOHN DOE +254799888777');
    expect(r.out).toMatch(/#503 {2}.*#503/);
    expect(r.out).toContain('smsmatch assign <code> <order>');
    expect(r.out).toContain('smsmatch dismiss <code> --reason');
  });

  it('human review prints each reason once and the payment time in the shop\'s zone; --json keeps UTC', async () => {
    const { opts } = await reconciled();

    const human = await cli((io) => runReview(opts, io));
    const json = await cli((io) => runReview({ ...opts, json: true }, io));

    const item = (json.json['payments'] as Array<{ paidAt: string; reasons: string[] }>)[0]!;
    expect(item.paidAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(human.out).toContain(`paid   ${nairobi(item.paidAt)}`);
    expect(item.reasons.length).toBeGreaterThan(1);
    for (const reason of item.reasons) expect(human.out.split(reason).length - 1, reason).toBe(1);
    expect(human.out).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('review writes nothing: no lock, no ledger change', async () => {
    const { ws, opts } = await reconciled();
    const { existsSync } = await import('node:fs');
    const before = readFileSync(ws.ledger, 'utf8');

    await cli((io) => runReview(opts, io));

    expect(readFileSync(ws.ledger, 'utf8')).toBe(before);
    expect(existsSync(`${ws.ledger}.lock`)).toBe(false);
  });

  it('dismiss needs a reason, then closes the payment, which leaves the review list', async () => {
    const { s, opts } = await reconciled();
    const writesBefore = s.state.requests.filter((q) => q.method !== 'GET').length;

    const noReason = await cli((io) => runDismiss('UK1AB2CD3G', { ...opts, reason: '  ' }, io));
    const dismissed = await cli((io) => runDismiss('uk1ab2cd3g', { ...opts, reason: 'customer paid twice, refunded by phone' }, io));
    const again = await cli((io) => runDismiss('UK1AB2CD3G', { ...opts, reason: 'again' }, io));
    const review = await cli((io) => runReview({ ...opts, json: true }, io));
    const story = await cli((io) => runExplain('UK1AB2CD3G', { ...opts, json: true }, io));

    expect(noReason.code).toBe(64);
    expect(noReason.err).toContain('dismiss needs --reason');
    expect(dismissed.code).toBe(0);
    expect(dismissed.out).toBe('dismissed UK1AB2CD3G (was review): customer paid twice, refunded by phone\n');
    expect(again.code).toBe(65);
    expect(again.err).toContain('already dismissed');
    expect(review.json['payments']).toEqual([]);
    expect((story.json['payment'] as Record<string, unknown>)['state']).toBe('dismissed');
    expect(JSON.stringify(story.json['history'])).toContain('dismissed by tester: customer paid twice, refunded by phone');
    expect(s.state.requests.filter((q) => q.method !== 'GET').length).toBe(writesBefore);
    expect(s.state.order(503)).toMatchObject({ status: 'on-hold', transaction_id: '' });
  });

  it('dismiss refuses a payment that already paid an order', async () => {
    const { opts } = await reconciled();

    const r = await cli((io) => runDismiss('UK1AB2CD3E', { ...opts, reason: 'oops' }, io));

    expect(r.code).toBe(65);
    expect(r.err).toContain('already paid order #501');
  });

  it('explain tells the whole story: SMS, twin, parse, decisions, the write and its notes', async () => {
    const { opts } = await reconciled();

    const json = await cli((io) => runExplain('UK1AB2CD3E', { ...opts, json: true }, io));
    const human = await cli((io) => runExplain('mpesa-ke:UK1AB2CD3E', opts, io));

    expect(json.code).toBe(0);
    const messages = json.json['messages'] as Array<Record<string, unknown>>;
    expect(messages.map((m) => [m['role'], m['from']])).toEqual([['payment', 'MPESA'], ['untrusted-twin', '+254700111222']]);
    expect(messages[0]?.['parsed']).toMatchObject({ provider: 'mpesa-ke', template: 'p2p', trusted: true, code: 'UK1AB2CD3E' });
    expect(json.json['writes']).toEqual([
      expect.objectContaining({ kind: 'confirm', orderId: 501, transactionId: 'UK1AB2CD3E', outcome: expect.objectContaining({ status: 'applied' }) }),
      expect.objectContaining({ kind: 'note', orderId: 501, outcome: expect.objectContaining({ status: 'applied' }) }),
    ]);
    expect(human.out).toContain('Payment UK1AB2CD3E (mpesa-ke) — KES 1,500.00, now confirmed for order #501');
    expect(human.out).toContain('NOT trusted (sender "+254700111222"');
    expect(human.out).toContain('decision confirm (phone) → matched order #501; candidates #501');
    expect(human.out).toMatch(/intent {2}order #501 confirm status → processing, transaction_id UK1AB2CD3E/);
    expect(human.out).toContain('outcome order #501 confirm: applied');
    expect(human.out).toContain('note: "smsmatch: payment UK1AB2CD3E');
    const payment = json.json['payment'] as { createdAt: string; updatedAt: string };
    expect(payment.createdAt).toMatch(/Z$/);
    expect(human.out).toContain(`recorded ${nairobi(payment.createdAt)}, last change ${nairobi(payment.updatedAt)}`);
    expect(human.out).toContain('times in Africa/Nairobi (daemon.timezone)');
    // The order note quotes what was written to the shop; every time smsmatch itself shows is in the shop's zone.
    const shown = human.out.split('\n').filter((l) => !l.includes('note: "smsmatch: payment'));
    expect(shown.filter((l) => /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(l)), 'no ISO time left for a person to convert').toEqual([]);
  });

  it('explain of an unknown code is one line with exit 65', async () => {
    const { opts } = await reconciled();

    const r = await cli((io) => runExplain('NOPE123', opts, io));

    expect(r.code).toBe(65);
    expect(r.errLine).toBe('smsmatch: no payment with code "NOPE123" in the ledger');
  });
});

describe('explain and assign after the payment left the hot file', () => {
  it('explain reads the archive; assign refuses an archived payment', async () => {
    const { ws, opts } = await reconciled();
    const later = new Date(now.getTime() + 40 * 86_400_000);
    const ledger = await openLedger(ws.ledger, { clock: () => later });
    expect(await ledger.compact()).toEqual({ archived: 1 });
    await ledger.close();

    const story = await cli((io) => runExplain('UK1AB2CD3E', { ...opts, json: true }, io));
    const human = await cli((io) => runExplain('UK1AB2CD3E', opts, io));
    const assign = await cli((io) => runAssign('UK1AB2CD3E', '503', opts, io));

    expect(story.json).toMatchObject({ key: 'mpesa-ke:UK1AB2CD3E', where: 'archive', payment: { state: 'confirmed', orderId: 501 } });
    expect((story.json['messages'] as unknown[]).length).toBe(2);
    expect((story.json['writes'] as unknown[]).length).toBe(2);
    expect(human.out).toContain('read from the monthly archive');
    expect(assign.code).toBe(65);
    expect(assign.err).toContain('payment mpesa-ke:UK1AB2CD3E was settled and archived');
  });
});

describe('a forged twin of a waiting payment', () => {
  it('does not knock the real payment out of review, and explain shows it as an untrusted twin', async () => {
    const { ws, opts, john } = await reconciled();
    const twin = sms(john.message, '+254711000999');
    const io = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await main(['reconcile', '--messages', ws.messagesFile([twin]), '--config', ws.config], io)).toBe(0);

    const review = await cli((cio) => runReview({ ...opts, json: true }, cio));
    const story = await cli((cio) => runExplain('UK1AB2CD3G', { ...opts, json: true }, cio));

    expect((review.json['payments'] as Array<Record<string, unknown>>).map((p) => [p['code'], p['state'], p['messageId']])).toEqual([['UK1AB2CD3G', 'review', (story.json['payment'] as Record<string, unknown>)['messageId']]]);
    expect((story.json['messages'] as Array<Record<string, unknown>>).map((m) => [m['role'], m['from']])).toEqual([['payment', 'MPESA'], ['untrusted-twin', '+254711000999']]);
  });
});

describe('review of a payment stuck after a failure', () => {
  it('lists a matched payment whose write never happened, but not one whose write is in flight', async () => {
    sandbox = await startSandbox();
    const ws = workspace(sandbox, {}, { dropbox: false });
    const ledger = await openLedger(ws.ledger);
    const base = { code: null, provider: 'mpesa-ke', decision: 'confirm' as const, candidates: [7], rule: 'phone', reasons: ['phone matches #7'], amountMinor: 100, currency: 'KES', overpaidMinor: 0, remainingMinor: 0 };
    ledger.recordDecision({ ...base, messageId: 'm1', code: 'QSTUCK1', orderId: 7 });
    ledger.recordDecision({ ...base, messageId: 'm2', code: 'QFLIGHT', orderId: 8, candidates: [8] });
    await ledger.recordIntent({ orderId: 8, paymentKey: 'mpesa-ke:QFLIGHT', kind: 'confirm', transactionId: 'QFLIGHT', summary: {} });
    await ledger.close();

    const r = await cli((io) => runReview({ config: ws.config, json: true }, io));

    const payments = r.json['payments'] as Array<Record<string, unknown>>;
    expect(payments.map((p) => [p['code'], p['stuck']])).toEqual([['QSTUCK1', true]]);
    expect(payments[0]?.['reasons']).toContain('matched to order #7 but the order was never written (an interrupted or failed run)');
  });
});

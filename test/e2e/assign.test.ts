import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { lockPathFor, openLedger } from '../../src/adapters/ledger/index.js';
import { runAssign, type AssignOptions } from '../../src/commands/assign.js';
import { runExplain } from '../../src/commands/explain.js';
import { runReview } from '../../src/commands/review.js';
import { main } from '../../src/main.js';
import type { Sandbox, SandboxOrderSeed } from '../../src/sandbox/index.js';
import { route, startSandbox } from '../../src/sandbox/index.js';
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
const payment = (code: string, amount: string, from = 'JOHN DOE 0799888777', sender = 'MPESA') =>
  sms(`${code} Confirmed.You have received Ksh${amount} from ${from} on ${paid(3)} New M-PESA balance is Ksh20,000.00.`, sender);
const order = (id: number, total: number, extra: Partial<SandboxOrderSeed> = {}): SandboxOrderSeed => ({
  id, status: 'on-hold', total, createdAt: ago(60 - id % 10), billing: { first_name: `Buyer${id}`, last_name: 'Test', phone: `07330${id}00`, email: `b${id}@example.com` }, ...extra,
});


/** A shop with the given orders, reconciled once with the given SMS (amount-only payments land in review). */
async function reconciled(orders: SandboxOrderSeed[], messages: unknown[]): Promise<{ s: Sandbox; ws: Workspace; assign: (code: string, id: string, o?: AssignOptions) => ReturnType<typeof cli> }> {
  const s = (sandbox = await startSandbox({ orders }));
  const ws = workspace(s, {}, { dropbox: false });
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  expect(await main(['reconcile', '--messages', ws.messagesFile(messages), '--config', ws.config], io)).toBe(0);
  s.state.clearLogs();
  return { s, ws, assign: (code, id, o = {}) => cli((cio) => runAssign(code, id, { config: ws.config, ...o }, cio)) };
}

const shopWrites = (s: Sandbox) => s.state.requests.filter((r) => r.method !== 'GET');
const tie = () => [order(503, 700), order(504, 700, { status: 'pending' })];

describe('assign: a person confirms a payment by hand through the safe write path', () => {
  it('marks the order paid the WooCommerce way, notes it as assigned by hand, and records it in the ledger', async () => {
    const { s, ws, assign } = await reconciled(tie(), [payment('UK1AB2CD3G', '700.00')]);

    const r = await assign('uk1ab2cd3g', '503');

    expect(r.code).toBe(0);
    expect(r.out).toBe('UK1AB2CD3G KES 700.00 → order #503: order #503 marked paid with UK1AB2CD3G (order now processing)\n');
    expect(s.state.order(503)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3G' });
    expect(s.state.order(503)?.meta_data).toContainEqual(expect.objectContaining({ key: '_smsmatch_rule', value: 'manual (tester)' }));
    expect(s.state.order(504)).toMatchObject({ status: 'pending', transaction_id: '' });
    expect(s.state.notes(503).map((n) => n.note).join('\n')).toContain('assigned by hand by tester for order #503');
    expect(s.state.emails.map((e) => `${e.orderId}:${e.template}`)).toContain('503:customer_processing_order');
    const ledger = JSON.parse(readFileSync(ws.ledger, 'utf8')) as { payments: Record<string, { state: string; orderId: number; history: Array<{ source: string; reasons: string[] }> }> };
    const p = ledger.payments['mpesa-ke:UK1AB2CD3G']!;
    expect(p).toMatchObject({ state: 'assigned-manually', orderId: 503 });
    expect(p.history.filter((h) => h.source === 'manual').flatMap((h) => h.reasons)).toEqual([
      'assigned by hand by tester to order #503', 'order #503 marked paid; assigned by hand by tester',
    ]);
    const review = await cli((io) => runReview({ config: ws.config, json: true }, io));
    expect(review.json['payments']).toEqual([]);
  });

  it('refuses a second assign of the same code, and another code for the same order, without any shop write', async () => {
    const { s, assign } = await reconciled(tie(), [payment('UK1AB2CD3G', '700.00'), payment('UK1AB2CD3H', '700.00', 'MARY ANN 0799888666')]);
    expect((await assign('UK1AB2CD3G', '503')).code).toBe(0);
    s.state.clearLogs();

    const sameCode = await assign('UK1AB2CD3G', '504');
    const sameOrder = await assign('UK1AB2CD3H', '503');

    expect(sameCode).toMatchObject({ code: 65, err: 'smsmatch: payment UK1AB2CD3G already paid order #503; one payment pays one order\n' });
    expect(sameOrder.code).toBe(65);
    expect(sameOrder.err).toContain('order #503 is already paid by UK1AB2CD3G');
    expect(shopWrites(s)).toEqual([]);
    expect(s.state.order(504)).toMatchObject({ status: 'pending', transaction_id: '' });
  });

  it('refuses an order the shop says is not payable, reading it fresh, and shows why', async () => {
    const { s, assign } = await reconciled([...tie(), order(505, 700, { status: 'completed' }), order(506, 700, { transaction_id: 'BANK-991' })], [payment('UK1AB2CD3G', '700.00')]);
    s.state.setOrderStatus(503, 'refunded');
    s.state.clearLogs();

    const refunded = await assign('UK1AB2CD3G', '503');
    const completed = await assign('UK1AB2CD3G', '505');
    const otherTx = await assign('UK1AB2CD3G', '#506');
    const missing = await assign('UK1AB2CD3G', '999');

    expect(refunded.errLine).toBe('smsmatch: order #503 is refunded: it is not waiting for a payment');
    expect(completed.errLine).toBe('smsmatch: order #505 is completed: it is not waiting for a payment');
    expect(otherTx.errLine).toBe('smsmatch: order #506 already has transaction id BANK-991: it was paid another way');
    expect(missing.err).toContain('order #999 was not found in the shop');
    expect([refunded.code, completed.code, otherTx.code, missing.code]).toEqual([65, 65, 65, 65]);
    expect(shopWrites(s)).toEqual([]);
  });

  it('refuses too little money unless --accept-partial, which records a part-payment the next payment completes', async () => {
    const { s, ws, assign } = await reconciled([order(507, 1000)], [payment('UK1AB2CD3J', '400.00'), payment('UK1AB2CD3K', '600.00', 'MARY ANN 0799888666')]);

    const short = await assign('UK1AB2CD3J', '507');
    const part = await assign('UK1AB2CD3J', '507', { acceptPartial: true, json: true });
    const twice = await assign('UK1AB2CD3J', '507', { acceptPartial: true });
    const rest = await assign('UK1AB2CD3K', '507');

    expect(short.code).toBe(65);
    expect(short.errLine).toBe('smsmatch: payment UK1AB2CD3J of KES 400.00 is less than the KES 1,000.00 outstanding on order #507');
    expect(part.code).toBe(0);
    expect(part.json).toMatchObject({ outcome: 'partial', remainingMinor: 60000 });
    expect(s.state.notes(507).map((n) => n.note.split('\n')[0]).filter((l) => l?.includes('received'))).toEqual(['smsmatch: KES 400.00 of KES 1,000.00 received, UK1AB2CD3J; KES 600.00 still owed on order #507, which stays unpaid until the rest arrives.']);
    expect(twice).toMatchObject({ code: 65, err: 'smsmatch: payment UK1AB2CD3J is already a part-payment toward order #507; KES 600.00 still owed\n' });
    expect(rest.code).toBe(0);
    expect(s.state.order(507)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3K' });
    expect(s.state.notes(507).map((n) => n.note).join('\n')).toContain('completes the part-payment(s) UK1AB2CD3J');
    const ledger = JSON.parse(readFileSync(ws.ledger, 'utf8')) as { payments: Record<string, { state: string }> };
    expect(ledger.payments['mpesa-ke:UK1AB2CD3J']?.state).toBe('confirmed');
    expect(ledger.payments['mpesa-ke:UK1AB2CD3K']?.state).toBe('assigned-manually');
    expect(shopWrites(s).filter((r) => r.path.includes('/507') || r.path.endsWith('/batch')).length).toBeGreaterThan(0);
  });

  it('refuses a currency mismatch, an untrusted SMS and an unknown code', async () => {
    const { s, assign } = await reconciled([...tie(), order(508, 700, { currency: 'UGX' })], [payment('UK1AB2CD3G', '700.00'), payment('UK1FORGED1', '700.00', 'JOHN DOE 0799888777', '+254700111222')]);

    const currency = await assign('UK1AB2CD3G', '508');
    const forged = await assign('UK1FORGED1', '503');
    const unknown = await assign('NOSUCH999', '503');

    expect(currency.errLine).toBe('smsmatch: payment UK1AB2CD3G is in KES but order #508 is in UGX');
    expect(forged.err).toMatch(/^smsmatch: payment UK1FORGED1 cannot pay an order: its SMS is not trusted: sender "\+254700111222"/);
    expect(unknown.errLine).toBe('smsmatch: no payment with code "NOSUCH999" in the ledger');
    expect([currency.code, forged.code, unknown.code]).toEqual([65, 65, 65]);
    expect(shopWrites(s)).toEqual([]);
  });

  it('--dry-run checks everything and says what it would write, writing nothing', async () => {
    const { s, ws, assign } = await reconciled(tie(), [payment('UK1AB2CD3G', '700.00')]);
    const before = readFileSync(ws.ledger, 'utf8');

    const r = await assign('UK1AB2CD3G', '504', { dryRun: true });

    expect(r.code).toBe(0);
    expect(r.out).toBe('dry run, nothing written: UK1AB2CD3G KES 700.00 → order #504: would write order #504: set_paid, transaction_id UK1AB2CD3G\n');
    expect(shopWrites(s)).toEqual([]);
    expect(readFileSync(ws.ledger, 'utf8')).toBe(before);
  });

  it('waits for nobody: while another live process holds the ledger lock, assign exits 75 and writes nothing', async () => {
    const { s, ws, assign } = await reconciled(tie(), [payment('UK1AB2CD3G', '700.00')]);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    writeFileSync(lockPathFor(ws.ledger), `${JSON.stringify({ pid: other.pid, hostname: hostname(), startedAt: now.toISOString(), command: 'smsmatch daemon' })}\n`);

    const r = await assign('UK1AB2CD3G', '503').finally(() => other.kill('SIGKILL'));

    expect(r.code).toBe(75);
    expect(r.errLine).toBe(`smsmatch: ledger is busy: pid ${other.pid} (smsmatch daemon) holds ${lockPathFor(ws.ledger)} since ${now.toISOString()}`);
    expect(s.state.requests).toEqual([]);
    expect(s.state.order(503)).toMatchObject({ status: 'on-hold', transaction_id: '' });
  });

  it('a write the shop rejects leaves the order alone, exits 1 and puts the payment back in review', async () => {
    const { s, ws, assign } = await reconciled(tie(), [payment('UK1AB2CD3G', '700.00')]);
    s.faults.rejectOrderUpdates([503]);

    const r = await assign('UK1AB2CD3G', '503');
    const review = await cli((io) => runReview({ config: ws.config, json: true }, io));

    expect(r.code).toBe(1);
    expect(r.out).toContain('order #503 not updated:');
    expect(s.state.order(503)).toMatchObject({ status: 'on-hold', transaction_id: '' });
    const waiting = review.json['payments'] as Array<{ code: string; state: string; reasons: string[] }>;
    expect(waiting.map((p) => [p.code, p.state])).toEqual([['UK1AB2CD3G', 'review']]);
    expect(waiting[0]?.reasons.some((x) => x.startsWith('order 503 not updated: rejected'))).toBe(true);
  });

  it('an unanswered write exits 69, stays off the review list while open, and the next reconcile settles it from the shop', async () => {
    const s = (sandbox = await startSandbox({ orders: tie() }));
    const ws = workspace(s, { shop: { url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, timeoutSeconds: 1 } }, { dropbox: false });
    const io = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await main(['reconcile', '--messages', ws.messagesFile([payment('UK1AB2CD3G', '700.00')]), '--config', ws.config], io)).toBe(0);
    s.faults.hang(route('POST', '/wc/v3/orders/batch'), { times: 1, afterHandling: true });

    const r = await cli((cio) => runAssign('UK1AB2CD3G', '503', { config: ws.config }, cio));
    const during = await cli((cio) => runReview({ config: ws.config, json: true }, cio));
    const again = await cli((cio) => runAssign('UK1AB2CD3G', '504', { config: ws.config }, cio));
    const recovered = await main(['reconcile', '--messages', ws.messagesFile([]), '--config', ws.config], captureIo({ env: { HOME: '/nonexistent' } }));
    const story = await cli((cio) => runExplain('UK1AB2CD3G', { config: ws.config, json: true }, cio));

    expect(r.code).toBe(69);
    expect(r.out).toContain('the shop did not answer');
    expect(during.json['payments']).toEqual([]);
    expect(again.code).toBe(65);
    expect(again.err).toContain('a write of payment UK1AB2CD3G to the shop is still unsettled');
    expect(recovered).toBe(0);
    expect(s.state.order(503)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3G' });
    expect(s.state.order(504)).toMatchObject({ status: 'pending', transaction_id: '' });
    expect(story.json['payment']).toMatchObject({ state: 'confirmed', orderId: 503 });
  }, 20_000);

  it('explain shows the manual assignment, its write and its notes', async () => {
    const { ws, assign } = await reconciled(tie(), [payment('UK1AB2CD3G', '700.00')]);
    await assign('UK1AB2CD3G', '503');

    const r = await cli((io) => runExplain('UK1AB2CD3G', { config: ws.config }, io));

    expect(r.code).toBe(0);
    expect(r.out).toContain('now assigned-manually for order #503');
    expect(r.out).toContain('decision review (amount) → review; candidates #503, #504');
    expect(r.out).toContain('by hand → matched order #503\n      - assigned by hand by tester to order #503');
    expect(r.out).toContain('intent  order #503 confirm status → processing, transaction_id UK1AB2CD3G');
    expect(r.out).toContain('outcome order #503 confirm: applied');
    expect(r.out).toMatch(/outcome order #503 note: applied/);
    expect(r.out).toContain('by hand → assigned-manually order #503');
  });
});

describe('assign: codes given without their provider', () => {
  it('asks for provider:code when two providers share a code, and accepts the prefixed form', async () => {
    sandbox = await startSandbox({ orders: [order(509, 500)] });
    const ws = workspace(sandbox, {}, { dropbox: false });
    const ledger = await openLedger(ws.ledger);
    for (const provider of ['mpesa-ke', 'airtel-ke']) {
      ledger.recordDecision({ messageId: `m-${provider}`, code: 'QSAME1', provider, decision: 'review', orderId: null, candidates: [509], rule: 'amount', reasons: [], amountMinor: 50000, currency: 'KES', overpaidMinor: 0, remainingMinor: null });
    }
    await ledger.commit();
    await ledger.close();

    const ambiguous = await cli((io) => runAssign('QSAME1', '509', { config: ws.config }, io));
    const prefixed = await cli((io) => runAssign('airtel-ke:qsame1', '509', { config: ws.config, dryRun: true }, io));

    expect(ambiguous.code).toBe(64);
    expect(ambiguous.errLine).toBe('smsmatch: code QSAME1 is known under 2 providers: airtel-ke:QSAME1, mpesa-ke:QSAME1');
    // The prefix picks one; that payment has no stored SMS, so it is refused as unproven rather than written.
    expect(prefixed.code).toBe(65);
    expect(prefixed.err).toContain('payment QSAME1 cannot pay an order: its SMS was not recognised');
    expect(shopWrites(sandbox)).toEqual([]);
  });
});

describe('assign within apply.underpaymentToleranceMinor', () => {
  it('a payment short by no more than the tolerance is assigned as paid, the note naming the shortfall', async () => {
    const s = (sandbox = await startSandbox({ orders: [order(508, 1000)] }));
    const ws = workspace(s, { apply: { underpaymentToleranceMinor: 1000 } }, { dropbox: false });
    expect(await main(['reconcile', '--messages', ws.messagesFile([payment('UK1AB2CD3L', '990.00')]), '--config', ws.config], captureIo({ env: { HOME: '/nonexistent' } }))).toBe(0);

    const r = await cli((io) => runAssign('UK1AB2CD3L', '508', { config: ws.config }, io));

    expect(r.code).toBe(0);
    expect(s.state.order(508)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3L' });
    expect(s.state.notes(508).map((n) => n.note).join('\n')).toContain('Short by KES 10.00: accepted as paid');
  });
});

describe('assign by the order number wp-admin shows (custom order numbers)', () => {
  it('finds the order whose number is NB-2026-0046, says its id, and pays that order', async () => {
    const { s, assign } = await reconciled([order(1046, 700, { number: 'NB-2026-0046' }), order(1047, 700, { number: 'NB-2026-0047' })], [payment('UK1AB2CD3G', '700.00')]);

    const r = await assign('UK1AB2CD3G', 'NB-2026-0046');

    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('order number NB-2026-0046 is order id 1046');
    expect(r.out).toContain('→ order #1046: order #NB-2026-0046 marked paid with UK1AB2CD3G');
    expect(s.state.order(1046)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3G' });
    expect(s.state.order(1047)).toMatchObject({ status: 'on-hold', transaction_id: '' });
  });

  it('an unknown order number is refused with one line saying how to pass the id, and nothing is written', async () => {
    const { s, assign } = await reconciled([order(1046, 700, { number: 'NB-2026-0046' })], [payment('UK1AB2CD3G', '700.00')]);

    const r = await assign('UK1AB2CD3G', 'NB-2026-0099');

    expect(r.code).toBe(64);
    expect(r.errLine).toBe('smsmatch: no order numbered NB-2026-0099 was created in the 60 days before the payment');
    expect(r.err).toContain('pass the order id');
    expect(shopWrites(s)).toEqual([]);
  });
});

describe('assign with SMS receipts on (apply.smsReceipt)', () => {
  it('queues one receipt to the chosen order\'s customer; assigning again queues none', async () => {
    const s = (sandbox = await startSandbox({ orders: tie() }));
    const ws = workspace(s, { apply: { smsReceipt: { enabled: true, template: 'Got {code} for order {order_number}' } } }, { dropbox: true });
    const io = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await main(['reconcile', '--messages', ws.messagesFile([payment('UK1AB2CD3H', '700.00')]), '--config', ws.config], io)).toBe(0);
    expect(s.state.dropbox.outbox).toEqual([]);

    const first = await cli((cio) => runAssign('UK1AB2CD3H', '504', { config: ws.config }, cio));
    const again = await cli((cio) => runAssign('UK1AB2CD3H', '504', { config: ws.config }, cio));

    expect(first.code, first.err).toBe(0);
    expect([again.code, again.err]).toEqual([65, expect.stringContaining('already')]);
    expect(s.state.dropbox.outbox.map((m) => ({ to: m.to, message: m.message }))).toEqual([{ to: '+254733050400', message: 'Got UK1AB2CD3H for order 504' }]);
  });
});

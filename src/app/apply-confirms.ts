import type { IntentInput, Ledger, OrderWrite, StoredPayment } from '../adapters/ledger/index.js';
import type { ShopClient } from '../adapters/woocommerce/client.js';
import { toOrder } from '../adapters/woocommerce/order-schema.js';
import type { PaymentEvidence, WritePlan } from '../core/apply.js';
import { planConfirmWrite } from '../core/apply.js';
import type { Decision } from '../core/match/index.js';
import type { Order } from '../core/order.js';
import { isSmsmatchError, UnavailableError } from '../errors.js';
import { receiptIntent, sendReceipt } from './receipts.js';
import type { AppliedWrite, ReconcileDeps } from './types.js';

export interface ConfirmItem {
  decision: Decision;
  paymentKey: string;
  evidence: PaymentEvidence;
}

/**
 * Writes confirmations to WooCommerce exactly once. For each order: re-read it (one request per 100 orders),
 * plan the write from its current status, record the intent on disk, send all writes in one batch request per
 * 100, record each outcome, then add the private note (its own intent, since notes cannot be batched).
 * A batch whose answer is lost leaves its intents open; the next run's recovery settles them from the shop.
 */
export async function applyConfirms(deps: ReconcileDeps, shop: ShopClient, items: ConfirmItem[]): Promise<AppliedWrite[]> {
  if (items.length === 0) return [];
  const { ledger } = deps;
  const now = deps.clock().toISOString();
  const current = await rereadOrders(shop, items.map((i) => i.decision.orderId!));
  const results: AppliedWrite[] = [];
  const writes: Array<{ item: ConfirmItem; plan: Extract<WritePlan, { kind: 'write' }>; writeId: string }> = [];
  const planned: Array<{ item: ConfirmItem; plan: Extract<WritePlan, { kind: 'write' }> }> = [];

  for (const item of items) {
    const orderId = item.decision.orderId!;
    const order = current.get(orderId);
    const base = { messageId: item.decision.messageId, code: item.decision.code, orderId };
    if (!order) {
      ledger.setPaymentState(item.paymentKey, 'review', { reason: `order ${orderId} could not be re-read before writing`, orderId });
      results.push({ ...base, outcome: 'skipped', detail: 'order could not be re-read' });
      continue;
    }
    const plan = planConfirmWrite(order, item.evidence, deps.apply, now);
    if (deps.dryRun) {
      results.push({ ...base, outcome: plan.kind === 'write' ? 'would-apply' : 'skipped', detail: plan.kind === 'write' ? describeBody(plan.body) : plan.reason });
      continue;
    }
    if (plan.kind === 'skip') {
      ledger.setPaymentState(item.paymentKey, plan.alreadyApplied ? 'confirmed' : 'review', { reason: plan.reason, orderId });
      results.push({ ...base, outcome: plan.alreadyApplied ? 'already-applied' : 'skipped', detail: plan.reason });
      continue;
    }
    planned.push({ item, plan });
  }
  // One flush for all the intents of this batch: the ledger is rewritten once, not once per order.
  const intents = await ledger.recordIntents(planned.map(({ item, plan }) => ({
    orderId: plan.orderId, paymentKey: item.paymentKey, kind: 'confirm' as const, transactionId: item.evidence.code,
    // The notes ride along so that recovery can add them when a crash hides whether the write was answered.
    summary: { body: describeBody(plan.body), note: plan.note, customerNote: plan.customerNote },
  })));
  planned.forEach(({ item, plan }, i) => writes.push({ item, plan, writeId: intents[i]!.writeId }));
  if (deps.dryRun || writes.length === 0) {
    await ledger.commit();
    return results;
  }
  deps.onStep?.('after-intents');

  const outcomes = await sendBatch(shop, writes.map((w) => ({ id: w.plan.orderId, ...w.plan.body })));
  deps.onStep?.('after-write');
  // Note intents go on disk before the confirmations are marked applied: at every crash point, either the
  // confirmation is still open (recovery adds its notes) or its notes are open intents (recovery sends them).
  // Receipt intents ride in the same flush: a crash after it leaves them open, and recovery queues them.
  const paid = writes.filter((w) => outcomes.get(w.plan.orderId)?.ok === true);
  const followUps = await ledger.recordIntents([
    ...paid.flatMap((w) => noteIntents(w.item.paymentKey, w.plan.orderId, w.plan.note, w.plan.customerNote)),
    ...paid.flatMap((w) => {
      const e = w.item.evidence;
      const receipt = receiptIntent(deps, { paymentKey: w.item.paymentKey, order: current.get(w.plan.orderId)!, code: e.code, amountMinor: e.amountMinor, currency: e.currency });
      return receipt ? [receipt] : [];
    }),
  ]);
  for (const w of writes) {
    const base = { messageId: w.item.decision.messageId, code: w.item.decision.code, orderId: w.plan.orderId };
    const outcome = outcomes.get(w.plan.orderId);
    if (outcome === undefined) {
      // The batch answer never came: leave the intent open for recovery, which reads the truth from the shop.
      results.push({ ...base, outcome: 'unknown', detail: 'the shop did not answer; settled on the next run' });
      continue;
    }
    if (outcome.ok) {
      ledger.resolveIntent(w.writeId, { status: 'applied', detail: `status ${outcome.status}` });
      settlePartials(ledger.paymentsByState('partial'), w.plan.orderId, w.item.decision.code, (key, reason) =>
        ledger.setPaymentState(key, 'confirmed', { reason, orderId: w.plan.orderId }),
      );
      results.push({ ...base, outcome: 'applied', detail: `order now ${outcome.status}` });
    } else {
      ledger.resolveIntent(w.writeId, { status: 'rejected', error: outcome.error });
      results.push({ ...base, outcome: 'rejected', detail: outcome.error });
    }
  }
  await ledger.commit();
  deps.onStep?.('after-outcome');

  for (const intent of followUps) {
    if (intent.kind === 'receipt') await sendReceipt(deps, intent);
    else await addNote(deps, shop, intent, false);
  }
  await ledger.commit();
  return results;
}

/** The private note (and the customer note, when configured) of a paid order, as intents to record. */
export function noteIntents(paymentKey: string, orderId: number, note: string, customerNote: string | null): IntentInput[] {
  const texts: Array<[string, boolean]> = customerNote ? [[note, false], [customerNote, true]] : [[note, false]];
  return texts.map(([text, customer]) => ({ orderId, paymentKey, kind: 'note' as const, transactionId: null, summary: { customer, note: text.slice(0, 120), fullNote: text } }));
}

/** Records and flushes note intents (one write of the ledger). */
export function recordNoteIntents(ledger: Ledger, paymentKey: string, orderId: number, note: string, customerNote: string | null): Promise<OrderWrite[]> {
  return ledger.recordIntents(noteIntents(paymentKey, orderId, note, customerNote));
}

/** Sends one note whose intent is on disk. With `commit` false the caller flushes once after a batch of notes:
 * a crash before that leaves the intents open, and recovery finds the notes already on the order. */
export async function addNote(deps: ReconcileDeps, shop: ShopClient, intent: OrderWrite, commit = true): Promise<void> {
  deps.onStep?.('after-note-intent');
  try {
    await shop.addOrderNote(intent.orderId, String(intent.summary['fullNote']), intent.summary['customer'] === true);
    deps.ledger.resolveIntent(intent.writeId, { status: 'applied' });
  } catch (error) {
    if (!isSmsmatchError(error)) throw error;
    // The order is already paid; a missing note is retried by recovery, never a reason to fail the payment.
    deps.log.warn('order note not added; will retry', { order: intent.orderId, error: error.message });
  }
  if (commit) await deps.ledger.commit();
  deps.onStep?.('after-note');
}

/** The latest state of the orders about to be written, one request per 100. */
export async function rereadOrders(shop: ShopClient, ids: number[]): Promise<Map<number, Order>> {
  const unique = [...new Set(ids)];
  const out = new Map<number, Order>();
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    // A malformed order is left out (onMalformed): its payment goes to review, the others are written.
    const raw = await shop.listOrders({ statuses: ['any'], include: chunk, onMalformed: () => undefined });
    for (const r of raw) {
      try {
        const order = toOrder(r);
        out.set(order.id, order);
      } catch {
        // A malformed order is left alone; its payment goes to review.
      }
    }
  }
  return out;
}

type BatchOutcome = { ok: true; status: string } | { ok: false; error: string };

async function sendBatch(shop: ShopClient, updates: Array<{ id: number } & Record<string, unknown>>): Promise<Map<number, BatchOutcome>> {
  const out = new Map<number, BatchOutcome>();
  try {
    const results = await shop.batchUpdateOrders(updates);
    for (const r of results) {
      if (r.error) out.set(r.id, { ok: false, error: `${r.error.code}: ${r.error.message}` });
      else out.set(r.id, { ok: true, status: typeof r.order?.['status'] === 'string' ? r.order['status'] : 'updated' });
    }
  } catch (error) {
    // Sent but unanswered (timeout, 5xx): nothing known, every id stays absent so its intent stays open for
    // recovery. A refusal (401, 404) is rethrown after the same: recovery will find the orders untouched.
    if (!(error instanceof UnavailableError)) throw error;
  }
  return out;
}

function settlePartials(partials: StoredPayment[], orderId: number, code: string | null, set: (key: string, reason: string) => void): void {
  for (const p of partials) {
    if (p.orderId === orderId) set(p.key, `order ${orderId} completed by ${code ?? 'a later payment'}`);
  }
}

export function describeBody(body: Record<string, unknown>): string {
  const parts: string[] = [];
  if (body['set_paid'] === true) parts.push('set_paid');
  if (typeof body['status'] === 'string') parts.push(`status → ${body['status']}`);
  if (typeof body['transaction_id'] === 'string') parts.push(`transaction_id ${body['transaction_id']}`);
  return parts.join(', ');
}

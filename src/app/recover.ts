import type { OrderWrite } from '../adapters/ledger/index.js';
import type { ShopClient } from '../adapters/woocommerce/client.js';
import { META } from '../core/apply.js';
import type { Order } from '../core/order.js';
import { recordNoteIntents, rereadOrders } from './apply-confirms.js';
import { receiptIntent, sendReceipt } from './receipts.js';
import { recoverHold } from './reversal-recovery.js';
import type { AppliedWrite, ReconcileDeps } from './types.js';

/**
 * Settles order writes a crashed or interrupted run left open, from the truth in WooCommerce: an order that
 * carries the payment's code (transaction id and smsmatch meta) was written; one that does not was not, and
 * its payment goes back to be matched again this run. Notes are checked against the order's notes.
 * Returns the payment keys to re-decide.
 */
export async function recoverOpenIntents(deps: ReconcileDeps, shop: ShopClient): Promise<{ recovered: AppliedWrite[]; retry: Set<string> }> {
  const open = deps.ledger.openIntents();
  const recovered: AppliedWrite[] = [];
  const retry = new Set<string>();
  if (open.length === 0) return { recovered, retry };
  const orders = await rereadOrders(shop, open.map((w) => w.orderId));
  // Notes recorded here for confirmations found applied join the queue (a for-of over an array sees appends).
  const queue = [...open];
  for (const write of queue) {
    const payment = deps.ledger.getPayment(write.paymentKey);
    const base = { messageId: payment?.messageId ?? '', code: payment?.code ?? null, orderId: write.orderId };
    const order = orders.get(write.orderId);
    if (write.kind === 'receipt') {
      // Queued again under the same UUID: the outbox keeps one row however often it is asked.
      if (!deps.dryRun) await sendReceipt(deps, write);
      continue;
    }
    if (write.kind === 'note') {
      const done = order ? await noteExists(shop, write, payment?.code ?? null) : false;
      if (deps.dryRun) continue;
      if (done) deps.ledger.resolveIntent(write.writeId, { status: 'applied', detail: 'found on the order after a restart' });
      else if (order) await retryNote(deps, shop, write);
      continue;
    }
    if (write.kind === 'hold') {
      const held = await recoverHold(deps, write, order, queue);
      recovered.push(held.result);
      queue.push(...held.notes);
      continue;
    }
    const applied = order !== undefined && carries(order, write.transactionId);
    if (deps.dryRun) {
      recovered.push({ ...base, outcome: applied ? 'already-applied' : 'would-apply', detail: 'left open by an interrupted run' });
      continue;
    }
    if (applied) {
      deps.ledger.resolveIntent(write.writeId, { status: 'applied', detail: 'found on the order after a restart' });
      recovered.push({ ...base, outcome: 'already-applied', detail: `order #${order.number} already carries ${write.transactionId}` });
      queue.push(...(await notesDue(deps, write, queue)), ...(await receiptDue(deps, write, order)));
    } else {
      deps.ledger.resolveIntent(write.writeId, { status: 'skipped', reason: 'not applied before the interruption; matched again' });
      retry.add(write.paymentKey);
      recovered.push({ ...base, outcome: 'skipped', detail: 'not applied before the interruption; matched again this run' });
    }
  }
  await deps.ledger.commit();
  return { recovered, retry };
}

/** A confirmation the crash left open carries its notes; they are due unless their intents already exist. */
async function notesDue(deps: ReconcileDeps, write: OrderWrite, queue: OrderWrite[]): Promise<OrderWrite[]> {
  const note = write.summary['note'];
  if (typeof note !== 'string' || queue.some((w) => w.kind === 'note' && w.paymentKey === write.paymentKey)) return [];
  const customerNote = write.summary['customerNote'];
  return recordNoteIntents(deps.ledger, write.paymentKey, write.orderId, note, typeof customerNote === 'string' ? customerNote : null);
}

/** A confirmation the crash left open before its receipt was journalled: journal it now (once per payment). */
async function receiptDue(deps: ReconcileDeps, write: OrderWrite, order: Order): Promise<OrderWrite[]> {
  const payment = deps.ledger.getPayment(write.paymentKey);
  if (!payment || payment.code === null || payment.amountMinor === null || payment.currency === null) return [];
  const intent = receiptIntent(deps, { paymentKey: payment.key, order, code: payment.code, amountMinor: payment.amountMinor, currency: payment.currency });
  return intent ? deps.ledger.recordIntents([intent]) : [];
}

function carries(order: Order, code: string | null): boolean {
  return code !== null && (order.transactionId === code || order.meta[META.code] === code);
}

async function noteExists(shop: ShopClient, write: OrderWrite, code: string | null): Promise<boolean> {
  const notes = await shop.listOrderNotes(write.orderId);
  const excerpt = String(write.summary['note'] ?? '');
  // A customer note and the private note of the same payment both name its code: compare like with like.
  const customer = write.summary['customer'] === true;
  return notes.some((n) => n.customerNote === customer && ((excerpt !== '' && n.note.startsWith(excerpt)) || (code !== null && n.note.includes(`payment ${code} `))));
}

async function retryNote(deps: ReconcileDeps, shop: ShopClient, write: OrderWrite): Promise<void> {
  const payment = deps.ledger.getPayment(write.paymentKey);
  const text = String(write.summary['fullNote'] ?? write.summary['note'] ?? `smsmatch: payment ${payment?.code ?? ''} recorded`);
  await shop.addOrderNote(write.orderId, text, write.summary['customer'] === true);
  deps.ledger.resolveIntent(write.writeId, { status: 'applied', detail: 're-added after a restart' });
}

import { createHash } from 'node:crypto';
import type { IntentInput, OrderWrite } from '../adapters/ledger/index.js';
import type { Order } from '../core/order.js';
import { receiptPhone, renderReceipt } from '../core/receipt.js';
import { AuthError, isSmsmatchError, UnavailableError } from '../errors.js';
import type { ReconcileDeps } from './types.js';

/**
 * SMS receipts (`apply.smsReceipt`): once a payment has confirmed an order, one SMS to the customer, queued in the
 * drop-box's outbox for the shop's phone to send. Journalled like an order write: the intent (number, text and
 * UUID) is on disk before the outbox is asked, the outcome after. A crash in between re-queues with the same UUID,
 * which the outbox already holds, so the customer still gets one SMS.
 */
export interface ReceiptFor {
  paymentKey: string;
  order: Order;
  code: string;
  amountMinor: number;
  currency: string;
}

/** The receipt intent for a payment that just confirmed `order`; none when receipts are off or already journalled. */
export function receiptIntent(deps: ReconcileDeps, r: ReceiptFor): IntentInput | null {
  const policy = deps.apply.smsReceipt;
  if (!policy?.enabled || !deps.outbox) return null;
  // Once per payment, whatever happens to it later (a manual re-assignment does not text the customer again).
  if (deps.ledger.writesFor(r.paymentKey).some((w) => w.kind === 'receipt')) return null;
  const to = receiptPhone(r.order, deps.matching.callingCode ?? '254');
  const message = renderReceipt(policy.template, { code: r.code, amountMinor: r.amountMinor, currency: r.currency, orderNumber: r.order.number });
  return {
    orderId: r.order.id, paymentKey: r.paymentKey, kind: 'receipt', transactionId: null,
    summary: { to, message, uuid: receiptUuid(r.paymentKey, r.order.id) },
  };
}

/** Queues one journalled receipt; a drop-box that does not answer leaves the intent open for the next run. */
export async function sendReceipt(deps: ReconcileDeps, intent: OrderWrite): Promise<void> {
  deps.onStep?.('after-receipt-intent');
  const to = intent.summary['to'];
  if (typeof to !== 'string' || to === '') {
    deps.ledger.resolveIntent(intent.writeId, { status: 'skipped', reason: 'the order has no usable phone number (billing or declared at checkout)' });
    deps.log.warn('SMS receipt not sent: the order has no usable phone number', { order: intent.orderId });
    return;
  }
  if (!deps.outbox) {
    // Receipts were turned off (or the drop-box removed) after this one was journalled: nothing can send it.
    deps.ledger.resolveIntent(intent.writeId, { status: 'skipped', reason: 'SMS receipts are off or no drop-box is configured' });
    return;
  }
  try {
    const queued = await deps.outbox.queueOutbox({ to, message: String(intent.summary['message']), uuid: String(intent.summary['uuid']) });
    deps.ledger.resolveIntent(intent.writeId, { status: 'applied', detail: queued.created ? `queued for ${to}` : `already in the outbox (${queued.status})` });
  } catch (error) {
    if (!isSmsmatchError(error)) throw error;
    if (error instanceof UnavailableError || error instanceof AuthError) {
      // The order is paid either way; a receipt the drop-box did not take is retried by the next run's recovery.
      deps.log.warn('SMS receipt not queued; will retry', { order: intent.orderId, error: error.message });
    } else {
      // Refused (the plugin found the number or text invalid): asking again would be refused again.
      deps.ledger.resolveIntent(intent.writeId, { status: 'rejected', error: error.message });
      deps.log.warn('SMS receipt refused by the drop-box', { order: intent.orderId, error: error.message });
    }
  }
  deps.onStep?.('after-receipt');
}

/**
 * One UUID per (payment, order): a receipt queued twice (a crash between queueing and recording that it was
 * queued) is the same outbox row, so the customer gets one SMS. Shaped as a version-5-style UUID because the
 * drop-box accepts only UUIDs.
 */
export function receiptUuid(paymentKey: string, orderId: number): string {
  const h = createHash('sha256').update(`smsmatch-receipt\0${paymentKey}\0${orderId}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

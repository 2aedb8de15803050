import type { Ledger, StoredMessage, StoredPayment } from '../../adapters/ledger/index.js';
import { META } from '../../core/apply.js';
import { displayMoney } from '../../core/money.js';
import type { Order } from '../../core/order.js';
import { DataError } from '../../errors.js';
import { displayCode, trustedMessage, untrustedWhy } from './lookup.js';

/** Order statuses a payment may still be assigned to (a person may revive a cancelled one). */
const PAYABLE = new Set(['pending', 'on-hold', 'failed', 'cancelled']);

/** Refuses (DataError) a payment that cannot be assigned by hand; returns the trusted SMS that proves it. */
export function assignablePayment(ledger: Ledger, payment: StoredPayment, orderId: number): StoredMessage {
  const code = displayCode(payment);
  switch (payment.state) {
    case 'confirmed':
    case 'assigned-manually':
      throw new DataError(`payment ${code} already paid order #${payment.orderId ?? '?'}; one payment pays one order`);
    case 'dismissed':
      throw new DataError(`payment ${code} was dismissed: ${lastReason(payment)}`);
    case 'reversed':
      throw new DataError(`payment ${code} was reversed by the provider; it pays nothing`);
    case 'duplicate':
      throw new DataError(`payment ${code} is a repeat of an SMS already handled; assign the original instead`);
    default:
      break;
  }
  const message = trustedMessage(ledger, payment);
  if (!message) throw new DataError(`payment ${code} cannot pay an order: ${untrustedWhy(ledger, payment)}`);
  if (payment.amountMinor === null || !payment.currency) throw new DataError(`payment ${code} has no amount; it cannot pay an order`);
  if (ledger.openIntents().some((w) => w.paymentKey === payment.key)) {
    throw new DataError(`a write of payment ${code} to the shop is still unsettled`, { hint: 'run `smsmatch reconcile` first: it checks the order and settles it' });
  }
  if (payment.state === 'partial' && payment.orderId !== null && payment.orderId !== orderId) {
    throw new DataError(`payment ${code} is already counted as part-payment toward order #${payment.orderId}; it cannot pay order #${orderId} too`, {
      hint: `dismiss it with a reason first if that was wrong: \`smsmatch dismiss ${code} --reason …\``,
    });
  }
  return message;
}

/** Refuses an order the ledger already knows to be paid (hot file or archive), or one with a write in flight. */
export function orderFreeInLedger(ledger: Ledger, orderId: number, key: string): void {
  for (const [otherKey, seen] of ledger.history().codes) {
    if (otherKey === key || seen.orderId !== orderId || seen.decision !== 'confirm') continue;
    const other = ledger.getPayment(otherKey);
    if (other?.state === 'matched') {
      throw new DataError(`order #${orderId} is matched to payment ${displayCode(other)}, whose write never happened`, {
        hint: `dismiss that one first if it is wrong: \`smsmatch dismiss ${displayCode(other)} --reason …\``,
      });
    }
    throw new DataError(`order #${orderId} is already paid by ${other ? displayCode(other) : otherKey} (recorded in the ledger); an order is confirmed once`);
  }
  if (ledger.openIntents().some((w) => w.orderId === orderId && w.kind === 'confirm')) {
    throw new DataError(`a write to order #${orderId} is still unsettled`, { hint: 'run `smsmatch reconcile` first: it checks the order and settles it' });
  }
}

/** Refuses an order the shop says is not waiting for a payment, with the reason. */
export function payableOrder(order: Order, code: string): void {
  if (order.transactionId === code || order.meta[META.code] === code) throw new DataError(`order #${order.number} already carries payment ${code}`);
  if (order.transactionId !== '') {
    throw new DataError(`order #${order.number} already has transaction id ${order.transactionId}: it was paid another way`);
  }
  if (!PAYABLE.has(order.status)) {
    throw new DataError(`order #${order.number} is ${order.status}: it is not waiting for a payment`, { hint: 'only pending, on-hold, failed or cancelled orders can be paid by hand' });
  }
}

export interface Coverage {
  /** The order's total less part-payments already recorded toward it by other payments. */
  outstandingMinor: number;
  overpaidMinor: number;
  remainingMinor: number;
  /** Codes of the part-payments this one would complete. */
  partialCodes: string[];
}

/** How far the payment covers the order; refuses a currency mismatch. */
export function coverage(ledger: Ledger, payment: StoredPayment, order: Order): Coverage {
  const amount = payment.amountMinor ?? 0;
  if (payment.currency !== order.currency) {
    throw new DataError(`payment ${displayCode(payment)} is in ${payment.currency ?? '?'} but order #${order.number} is in ${order.currency}`);
  }
  const others = ledger.paymentsByState('partial').filter((p) => p.orderId === order.id && p.key !== payment.key);
  const paid = others.reduce((sum, p) => sum + (p.amountMinor ?? 0), 0);
  const outstandingMinor = Math.max(0, order.totalMinor - paid);
  return {
    outstandingMinor,
    overpaidMinor: Math.max(0, amount - outstandingMinor),
    remainingMinor: Math.max(0, outstandingMinor - amount),
    partialCodes: others.map((p) => displayCode(p)),
  };
}

export function shortfall(payment: StoredPayment, order: Order, c: Coverage): DataError {
  const cur = payment.currency ?? order.currency;
  return new DataError(
    `payment ${displayCode(payment)} of ${displayMoney(payment.amountMinor ?? 0, cur)} is less than the ${displayMoney(c.outstandingMinor, cur)} outstanding on order #${order.number}`,
    { hint: 'add --accept-partial to record it as a part-payment toward that order (the order stays unpaid)' },
  );
}

function lastReason(payment: StoredPayment): string {
  return payment.history.at(-1)?.reasons[0] ?? 'no reason recorded';
}

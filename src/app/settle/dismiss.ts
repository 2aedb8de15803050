import type { Ledger } from '../../adapters/ledger/index.js';
import { DataError, UsageError } from '../../errors.js';
import { closeAlertsOfPayment } from '../alert-ack.js';
import { displayCode, hotPayment, resolvePaymentKey } from './lookup.js';

export interface DismissResult {
  key: string;
  code: string;
  previousState: string;
  reason: string;
  by: string;
  /** Alerts about this payment (balance chain, reversal) that settling it closed. */
  closedAlerts: string[];
}

/** Closes a payment without touching any order: state `dismissed`, the person's reason in its history. */
export async function dismissPayment(ledger: Ledger, req: { code: string; reason: string | undefined; by: string }): Promise<DismissResult> {
  const reason = (req.reason ?? '').replace(/\s+/g, ' ').trim();
  if (reason === '') throw new UsageError('dismiss needs a reason: say why this payment is closed without an order', { hint: 'e.g. `smsmatch dismiss QAB1XYZ --reason "refunded to the customer by phone"`' });
  const key = resolvePaymentKey(ledger, req.code);
  const payment = hotPayment(ledger, key);
  const code = displayCode(payment);
  if (payment.state === 'confirmed' || payment.state === 'assigned-manually') {
    throw new DataError(`payment ${code} already paid order #${payment.orderId ?? '?'}; dismissing it would not unpay the order`, { hint: 'change the order in WooCommerce if that payment was wrong' });
  }
  if (payment.state === 'dismissed') throw new DataError(`payment ${code} is already dismissed`);
  if (ledger.openIntents().some((w) => w.paymentKey === key)) {
    throw new DataError(`a write of payment ${code} to the shop is still unsettled`, { hint: 'run `smsmatch reconcile` first: it checks the order and settles it' });
  }
  const previousState = payment.state;
  ledger.setPaymentState(key, 'dismissed', { reason: `dismissed by ${req.by}: ${reason}` });
  const closedAlerts = closeAlertsOfPayment(ledger, payment);
  await ledger.commit();
  return { key, code, previousState, reason, by: req.by, closedAlerts };
}

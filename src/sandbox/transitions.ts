import { needsPayment, refreshDerived, STATUS_LABELS, type OrderRecord, type ShopContext } from './order-model.js';

/** What a status change may do outside the order: send emails and add notes. */
export interface TransitionHooks {
  email(template: string, to: string, orderId: number): void;
  systemNote(orderId: number, text: string): void;
  adminEmail: string;
}

interface EmailRule {
  template: string;
  admin: boolean;
  applies(from: string, to: string): boolean;
}

// The triggers of WooCommerce's transactional email classes (class-wc-email-*.php), first match first sent.
const EMAIL_RULES: EmailRule[] = [
  { template: 'new_order', admin: true, applies: (f, t) => ['pending', 'failed', 'cancelled'].includes(f) && ['processing', 'completed', 'on-hold'].includes(t) },
  { template: 'cancelled_order', admin: true, applies: (f, t) => ['processing', 'on-hold'].includes(f) && t === 'cancelled' },
  { template: 'failed_order', admin: true, applies: (f, t) => ['pending', 'on-hold'].includes(f) && t === 'failed' },
  { template: 'customer_failed_order', admin: false, applies: (_f, t) => t === 'failed' },
  { template: 'customer_on_hold_order', admin: false, applies: (f, t) => ['pending', 'failed', 'cancelled'].includes(f) && t === 'on-hold' },
  { template: 'customer_processing_order', admin: false, applies: (f, t) => ['cancelled', 'failed', 'on-hold', 'pending'].includes(f) && t === 'processing' },
  { template: 'customer_completed_order', admin: false, applies: (_f, t) => t === 'completed' },
];

/**
 * `WC_Order::set_status` + `save()`: a real change stamps date_paid/date_completed, adds the "Order status
 * changed" note and fires the transition emails. Setting the current status again does nothing.
 */
export function changeStatus(record: OrderRecord, to: string, hooks: TransitionHooks, ctx: ShopContext): void {
  const from = record.order.status;
  if (from === to) return;
  const now = ctx.now();
  record.order.status = to;
  maybeSetDatePaid(record, now);
  if (to === 'completed') record.dateCompleted = now;
  record.dateModified = now;
  refreshDerived(record, ctx);
  hooks.systemNote(record.order.id, `Order status changed from ${STATUS_LABELS[from] ?? from} to ${STATUS_LABELS[to] ?? to}.`);
  sendTransitionEmails(record, from, to, hooks);
}

function maybeSetDatePaid(record: OrderRecord, now: Date): void {
  if (record.datePaid) return;
  const paidStatus = record.virtualOnly ? 'completed' : 'processing';
  const status = record.order.status;
  if (status === paidStatus || (paidStatus === 'processing' && status === 'completed')) record.datePaid = now;
}

function sendTransitionEmails(record: OrderRecord, from: string, to: string, hooks: TransitionHooks): void {
  const customer = record.order.billing.email ?? '';
  for (const rule of EMAIL_RULES) {
    if (!rule.applies(from, to)) continue;
    if (rule.template === 'new_order') {
      if (record.newOrderEmailSent) continue;
      record.newOrderEmailSent = true;
    }
    if (rule.admin) hooks.email(rule.template, hooks.adminEmail, record.order.id);
    else if (customer !== '') hooks.email(rule.template, customer, record.order.id);
  }
}

/**
 * `WC_Order::payment_complete`: records the transaction id, stamps date_paid and moves the order to
 * processing (completed when nothing needs processing). Returns false when the status does not allow it.
 */
export function paymentComplete(record: OrderRecord, transactionId: string, hooks: TransitionHooks, ctx: ShopContext): boolean {
  if (!['on-hold', 'pending', 'failed', 'cancelled'].includes(record.order.status)) return false;
  if (transactionId !== '') record.order.transaction_id = transactionId;
  if (!record.datePaid) record.datePaid = ctx.now();
  changeStatus(record, record.virtualOnly ? 'completed' : 'processing', hooks, ctx);
  refreshDerived(record, ctx);
  return true;
}

export { needsPayment };

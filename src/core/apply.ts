import type { BalanceChainPolicy } from './balance-chain.js';
import { displayMoney } from './money.js';
import type { Order } from './order.js';

/**
 * How a confirmed payment is written to WooCommerce, chosen from the order's CURRENT status (re-read just
 * before writing). Pending/failed orders go through WooCommerce's own payment_complete (`set_paid`), which
 * fires the same hooks and emails as a gateway; `set_paid` is a no-op for on-hold, so those get an explicit
 * status. Anything else means a person or another process got there first: skip, never overwrite.
 */
export interface PaymentEvidence {
  code: string;
  provider: string;
  messageId: string;
  amountMinor: number;
  currency: string;
  payerName: string | null;
  payerPhone: string | null;
  occurredAt: string | null;
  rule: string;
  reasons: readonly string[];
  smsText: string;
  manual?: { by: string } | undefined;
  /** Paid more than was outstanding (the note says so: the customer may be owed the difference). */
  overpaidMinor?: number | undefined;
  /** Paid less, within apply.underpaymentToleranceMinor (the note says so). */
  shortMinor?: number | undefined;
}

export interface ApplyPolicy {
  onHoldStatus: 'processing' | 'completed';
  lateCancelled: 'review' | 'revive';
  customerNote: boolean;
  customerNoteText: string;
  /** A payment short by at most this many minor units confirms; absent means 0. */
  underpaymentToleranceMinor?: number | undefined;
  /** The balance-chain check (src/core/balance-chain.ts); absent means its defaults. */
  balanceChain?: BalanceChainPolicy | undefined;
  /** An SMS receipt to the customer per confirmed payment (src/core/receipt.ts); absent means off. */
  smsReceipt?: { enabled: boolean; template: string } | undefined;
}

export type WritePlan =
  | { kind: 'write'; orderId: number; body: Record<string, unknown>; note: string; customerNote: string | null }
  | { kind: 'skip'; orderId: number; reason: string; alreadyApplied: boolean };

export const META = {
  code: '_smsmatch_code',
  provider: '_smsmatch_provider',
  amount: '_smsmatch_amount',
  payer: '_smsmatch_payer',
  messageId: '_smsmatch_message_id',
  rule: '_smsmatch_rule',
  appliedAt: '_smsmatch_applied_at',
} as const;

export function planConfirmWrite(order: Order, evidence: PaymentEvidence, policy: ApplyPolicy, nowIso: string): WritePlan {
  if (order.meta[META.code] === evidence.code || order.transactionId === evidence.code) {
    return { kind: 'skip', orderId: order.id, reason: `order #${order.number} already carries ${evidence.code}`, alreadyApplied: true };
  }
  if (order.transactionId !== '') {
    return { kind: 'skip', orderId: order.id, reason: `order #${order.number} now carries transaction id ${order.transactionId}: someone else marked it paid`, alreadyApplied: false };
  }
  const meta = [
    { key: META.code, value: evidence.code },
    { key: META.provider, value: evidence.provider },
    { key: META.amount, value: displayMoney(evidence.amountMinor, evidence.currency) },
    { key: META.payer, value: [evidence.payerName, evidence.payerPhone].filter(Boolean).join(' ') },
    { key: META.messageId, value: evidence.messageId },
    { key: META.rule, value: evidence.manual ? `manual (${evidence.manual.by})` : evidence.rule },
    { key: META.appliedAt, value: nowIso },
  ];
  let body: Record<string, unknown>;
  switch (order.status) {
    case 'pending':
    case 'failed':
      body = { set_paid: true, transaction_id: evidence.code, meta_data: meta };
      break;
    case 'on-hold':
      body = { status: policy.onHoldStatus, transaction_id: evidence.code, meta_data: meta };
      break;
    case 'cancelled':
      if (policy.lateCancelled !== 'revive' && !evidence.manual) {
        return { kind: 'skip', orderId: order.id, reason: `order #${order.number} was cancelled before the payment arrived; late payments go to review (apply.lateCancelled)`, alreadyApplied: false };
      }
      body = { status: 'processing', transaction_id: evidence.code, meta_data: meta };
      break;
    default:
      return { kind: 'skip', orderId: order.id, reason: `order #${order.number} is now ${order.status}: changed since it was matched, not overwritten`, alreadyApplied: false };
  }
  return { kind: 'write', orderId: order.id, body, note: privateNote(order, evidence), customerNote: customerNote(evidence, policy) };
}

function privateNote(order: Order, e: PaymentEvidence): string {
  const payer = [e.payerName, e.payerPhone].filter(Boolean).join(' ') || 'unknown payer';
  const how = e.manual ? `assigned by hand by ${e.manual.by}` : `matched by ${e.rule}`;
  const sms = e.smsText.replace(/\s+/g, ' ').trim().slice(0, 400);
  return [
    `smsmatch: payment ${e.code} of ${displayMoney(e.amountMinor, e.currency)} from ${payer} (${e.provider}${e.occurredAt ? `, ${e.occurredAt}` : ''}) ${how} for order #${order.number}.`,
    amountLine(e),
    e.reasons.length > 0 ? `Evidence: ${e.reasons.join('; ')}.` : '',
    `SMS: "${sms}"`,
  ].filter(Boolean).join('\n');
}

/** Said outright, so the owner sees it in wp-admin without reading the evidence. */
function amountLine(e: PaymentEvidence): string {
  if ((e.shortMinor ?? 0) > 0) return `Short by ${displayMoney(e.shortMinor ?? 0, e.currency)}: accepted as paid (within apply.underpaymentToleranceMinor).`;
  if ((e.overpaidMinor ?? 0) > 0) return `Overpaid by ${displayMoney(e.overpaidMinor ?? 0, e.currency)}: the customer may be owed the difference.`;
  return '';
}

/** What a part-payment's private note needs beyond the evidence: the order's total and what is still owed. */
export interface PartialFacts {
  orderNumber: string;
  totalMinor: number;
  /** Still owed after this payment (and the earlier part-payments). */
  remainingMinor: number;
}

/**
 * The private note of a part-payment: "KES 500.00 of KES 850.00 received, UKR3D4E5F6", what is still owed, who
 * paid and the SMS. The first line starts with "smsmatch: " and names the code, which is how recovery finds it.
 */
export function partialNote(facts: PartialFacts, e: PaymentEvidence): string {
  const received = Math.max(0, facts.totalMinor - facts.remainingMinor);
  const payer = [e.payerName, e.payerPhone].filter(Boolean).join(' ') || 'unknown payer';
  const how = e.manual ? `accepted by hand by ${e.manual.by}` : `matched by ${e.rule}`;
  const sms = e.smsText.replace(/\s+/g, ' ').trim().slice(0, 400);
  const earlier = received > e.amountMinor ? ` (this payment ${displayMoney(e.amountMinor, e.currency)})` : '';
  return [
    `smsmatch: ${displayMoney(received, e.currency)} of ${displayMoney(facts.totalMinor, e.currency)} received, ${e.code}${earlier}; ${displayMoney(facts.remainingMinor, e.currency)} still owed on order #${facts.orderNumber}, which stays unpaid until the rest arrives.`,
    `Part payment ${e.code} from ${payer} (${e.provider}${e.occurredAt ? `, ${e.occurredAt}` : ''}) ${how}.`,
    `SMS: "${sms}"`,
  ].join('\n');
}

function customerNote(e: PaymentEvidence, policy: ApplyPolicy): string | null {
  if (!policy.customerNote) return null;
  return policy.customerNoteText.replaceAll('{code}', e.code).replaceAll('{amount}', displayMoney(e.amountMinor, e.currency));
}

import { displayMoney } from './money.js';
import type { Order } from './order.js';

/**
 * What a reversal SMS means for the payment it names. The provider took the money back, so an order that
 * payment confirmed must not stay paid: it goes on hold with a private note (a person decides the rest). A
 * partial or unsettled payment just stops counting. Orders a person has moved on (completed, refunded,
 * cancelled) are never overwritten: that becomes an alert.
 */
export const REVERSED_META = '_smsmatch_reversed';
export const REVERSED_BY_META = '_smsmatch_reversed_by';

export interface ReversalEvidence {
  /** The reversal's own code; null when its SMS has none. */
  code: string | null;
  /** The original receipt code named in the text. */
  reverses: string;
  provider: string;
  smsText: string;
}

/** The ledger's view of the reversed payment. */
export interface ReversedPayment {
  code: string;
  state: string;
  orderId: number | null;
  amountMinor: number | null;
  currency: string | null;
  /** A confirmation write for it was applied (a `matched` payment whose outcome is recorded). */
  confirmApplied: boolean;
}

export type ReversalStep =
  | { kind: 'hold'; orderId: number }
  | { kind: 'settle'; reason: string; note: { orderId: number; text: string } | null }
  | { kind: 'wait'; reason: string }
  | { kind: 'none'; reason: string };

export type HoldPlan =
  | { kind: 'write'; orderId: number; body: Record<string, unknown>; note: string; alert: string }
  | { kind: 'skip'; orderId: number; alreadyApplied: boolean; reason: string; alert: string | null };

function by(ev: ReversalEvidence): string {
  return ev.code ? `reversal ${ev.code}` : 'a reversal SMS';
}

function amountOf(p: ReversedPayment): string {
  return p.amountMinor !== null && p.currency ? displayMoney(p.amountMinor, p.currency) : 'unknown amount';
}

function quote(ev: ReversalEvidence): string {
  return `SMS: "${ev.smsText.replace(/\s+/g, ' ').trim().slice(0, 400)}"`;
}

/** The next step for a reversal, from the state of the payment it names (null: smsmatch never recorded it). */
export function planReversal(payment: ReversedPayment | null, ev: ReversalEvidence): ReversalStep {
  if (!payment) {
    return { kind: 'none', reason: `${by(ev)} names ${ev.reverses}, which is not a payment smsmatch recorded (the shop's own outgoing payment, or an SMS it never saw): no order touched` };
  }
  switch (payment.state) {
    case 'reversed':
      return { kind: 'none', reason: `${payment.code} was already reversed` };
    case 'matched':
    case 'confirmed':
    case 'assigned-manually':
      // A matched payment is as good as confirmed once its confirmation was applied.
      if (payment.state === 'matched' && !payment.confirmApplied) return { kind: 'wait', reason: `the order write of ${payment.code} is still open` };
      if (payment.orderId === null) return { kind: 'settle', reason: `reversed by ${by(ev)}`, note: null };
      return { kind: 'hold', orderId: payment.orderId };
    case 'partial':
      return {
        kind: 'settle',
        reason: `reversed by ${by(ev)}: no longer counts toward order ${payment.orderId ?? '?'}`,
        note: payment.orderId === null ? null : {
          orderId: payment.orderId,
          text: `smsmatch: REVERSAL of partial payment ${payment.code} (${amountOf(payment)}): the provider took the money back (${by(ev)}), so it no longer counts toward this order.\n${quote(ev)}`,
        },
      };
    case 'review':
    case 'unmatched':
    case 'dismissed':
      return { kind: 'settle', reason: `reversed by ${by(ev)} while it was ${payment.state}: leaves the review queue`, note: null };
    default:
      return { kind: 'none', reason: `${payment.code} is ${payment.state}, not a payment to the shop: no order touched` };
  }
}

/** The hold write for a confirmed payment's order, chosen from the order's CURRENT state. */
export function planHoldWrite(order: Order, payment: ReversedPayment, ev: ReversalEvidence): HoldPlan {
  const head = `payment ${payment.code} (${amountOf(payment)}) that paid order #${order.number} was reversed by ${by(ev)}`;
  if (holdApplied(order, payment.code)) {
    return { kind: 'skip', orderId: order.id, alreadyApplied: true, reason: `order #${order.number} is already on hold for this reversal`, alert: null };
  }
  if (order.status !== 'processing' && order.status !== 'on-hold') {
    const reason = `order #${order.number} is ${order.status}: changed by a person after the payment, not overwritten`;
    return { kind: 'skip', orderId: order.id, alreadyApplied: false, reason, alert: `${head}, but the order is ${order.status}: smsmatch did not change it; check it by hand` };
  }
  const meta = [{ key: REVERSED_META, value: payment.code }, { key: REVERSED_BY_META, value: ev.code ?? '' }];
  const note = [
    `smsmatch: REVERSAL of payment ${payment.code} (${amountOf(payment)}): the provider took the money back (${by(ev)}), so this order was put on hold. Do not ship it before it is paid again.`,
    quote(ev),
  ].join('\n');
  return { kind: 'write', orderId: order.id, body: { status: 'on-hold', meta_data: meta }, note, alert: `${head}: the order is now on hold; check it before shipping` };
}

/** Recovery: the hold write happened iff the order carries the reversed code in smsmatch's own meta. */
export function holdApplied(order: Order, code: string | null): boolean {
  return code !== null && order.meta[REVERSED_META] === code;
}

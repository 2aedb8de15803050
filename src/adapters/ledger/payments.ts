import { own, type DecisionInput, type DecisionKind, type HistoryEntry, type LedgerData, type PaymentState, type StoredPayment } from './types.js';

/** Same key as the matching engine's history lookup: `provider:CODE`, or `msg:<id>` for a payment without a code. */
export function paymentKey(provider: string | null, code: string | null, messageId: string): string {
  return code ? `${provider ?? ''}:${code.toUpperCase()}` : `msg:${messageId}`;
}

const STATE_FOR: Record<Exclude<DecisionKind, 'duplicate'>, PaymentState> = {
  confirm: 'matched',
  partial: 'partial',
  review: 'review',
  unmatched: 'unmatched',
  ignored: 'ignored',
};

// A person's verdict or an applied order write is final: later engine decisions are recorded but change nothing.
const FINAL_STATES: ReadonlySet<PaymentState> = new Set<PaymentState>(['confirmed', 'assigned-manually', 'dismissed', 'reversed']);

/** How the engine should see a stored state when it looks a code up in history. */
export function decisionForState(state: PaymentState): DecisionKind {
  switch (state) {
    case 'matched':
    case 'confirmed':
    case 'assigned-manually':
      return 'confirm';
    case 'partial':
    case 'review':
    case 'unmatched':
    case 'duplicate':
      return state;
    default:
      return 'ignored';
  }
}

export function isConfirmedState(state: PaymentState): boolean {
  return state === 'matched' || state === 'confirmed' || state === 'assigned-manually';
}

function entryFor(d: DecisionInput, state: PaymentState, at: string): HistoryEntry {
  return {
    at, source: 'engine', decision: d.decision, state, messageId: d.messageId, orderId: d.orderId,
    rule: d.rule, reasons: [...d.reasons], candidates: [...d.candidates],
    overpaidMinor: d.overpaidMinor, remainingMinor: d.remainingMinor,
  };
}

function newPayment(key: string, d: DecisionInput, at: string): StoredPayment {
  return {
    key, provider: d.provider, code: d.code, messageId: d.messageId, messageIds: [d.messageId],
    amountMinor: d.amountMinor, currency: d.currency, payerName: d.payerName ?? null, payerPhone: d.payerPhone ?? null,
    state: d.decision === 'duplicate' ? 'duplicate' : STATE_FOR[d.decision], orderId: d.orderId,
    remainingMinor: d.remainingMinor, createdAt: at, updatedAt: at, history: [],
  };
}

/**
 * Records one engine decision on its payment. A duplicate joins the payment it duplicates (its message id and
 * a history entry) without changing that payment's state.
 */
export function applyDecision(data: LedgerData, d: DecisionInput, at: string): StoredPayment {
  const key = paymentKey(d.provider, d.code, d.messageId);
  const existing = data.payments[key];
  const payment = existing ?? newPayment(key, d, at);
  data.payments[key] = payment;
  if (!payment.messageIds.includes(d.messageId)) payment.messageIds.push(d.messageId);
  const message = own(data.messages, d.messageId);
  if (message) message.paymentKey = key;
  // An ignored decision (an untrusted twin of a real SMS, say) never replaces what a trusted message established.
  if (existing && d.decision !== 'duplicate' && d.decision !== 'ignored' && !FINAL_STATES.has(payment.state)) {
    const state = STATE_FOR[d.decision];
    if (state !== payment.state) payment.updatedAt = at;
    Object.assign(payment, {
      state, messageId: d.messageId, orderId: d.orderId, remainingMinor: d.remainingMinor,
      amountMinor: d.amountMinor ?? payment.amountMinor, currency: d.currency ?? payment.currency,
      payerName: d.payerName ?? payment.payerName, payerPhone: d.payerPhone ?? payment.payerPhone,
    });
  }
  payment.history.push(entryFor(d, payment.state, at));
  return payment;
}

/** A person's (or a write outcome's) change of state, with the reason kept in the history. */
export function changeState(
  payment: StoredPayment,
  state: PaymentState,
  at: string,
  change: { reason: string; orderId?: number | null; remainingMinor?: number | null; source?: 'manual' | 'write' },
): void {
  if (change.orderId !== undefined) payment.orderId = change.orderId;
  if (change.remainingMinor !== undefined) payment.remainingMinor = change.remainingMinor;
  payment.state = state;
  payment.updatedAt = at;
  payment.history.push({
    at, source: change.source ?? 'manual', decision: null, state, messageId: null, orderId: payment.orderId,
    rule: null, reasons: [change.reason], candidates: [],
  });
}

export interface PartialSum {
  paidMinor: number;
  currency: string | null;
  codes: string[];
}

/** Sums of partial payments per order (hot file only: partials stay hot until their order is confirmed). */
export function sumPartials(payments: Iterable<StoredPayment>): Map<number, PartialSum> {
  const sums = new Map<number, PartialSum>();
  for (const p of payments) {
    if (p.state !== 'partial' || p.orderId === null) continue;
    const sum = sums.get(p.orderId) ?? { paidMinor: 0, currency: p.currency, codes: [] };
    sum.paidMinor += p.amountMinor ?? 0;
    sum.codes.push(p.code ?? p.key);
    sums.set(p.orderId, sum);
  }
  return sums;
}

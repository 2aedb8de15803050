import type { ApplyPolicy } from '../core/apply.js';
import type { Decision, MatchConfig, MatchHistory, MatchMessage } from '../core/match/index.js';
import { DEFAULT_MATCH_CONFIG, matchPayments } from '../core/match/index.js';
import type { Order } from '../core/order.js';

/**
 * Late payments: WooCommerce cancels unpaid orders after its hold-stock time, and the customer's payment may
 * come after that. Cancelled orders are a second pass, only for payments no open order could take at all, so
 * a cancelled order never outranks an open one; ties between cancelled orders go to review as usual.
 * The engine's confirmation of a cancelled order is turned into a review unless `apply.lateCancelled` is
 * `revive`, before it is recorded.
 */
export const CANCELLED = 'cancelled';

/**
 * The statuses to list: the open ones plus cancelled (late payments) and failed (review candidates only,
 * core/match/failed-orders.ts); the engine's first pass still ignores both.
 */
export function withCancelled(statuses: readonly string[]): string[] {
  return [...new Set([...statuses, CANCELLED, 'failed'])];
}

/** A decision sent to review with one more reason, its order kept as the suggestion. */
export function asReview(d: Decision, rule: string, reason: string): Decision {
  return { ...d, decision: 'review', orderId: null, suggestedOrderId: d.orderId ?? d.suggestedOrderId, rule, reasons: [...d.reasons, reason], overpaidMinor: 0, remainingMinor: null };
}

export interface LateInput {
  messages: readonly MatchMessage[];
  decisions: Decision[];
  /** Every order fetched, cancelled ones included. */
  orders: readonly Order[];
  matching: Partial<MatchConfig>;
  history: MatchHistory;
  policy: ApplyPolicy['lateCancelled'];
}

export function settleLatePayments(input: LateInput): Decision[] {
  const statuses = input.matching.statuses ?? DEFAULT_MATCH_CONFIG.statuses;
  const cancelled = input.orders.filter((o) => o.status === CANCELLED);
  let decisions = input.decisions;
  if (cancelled.length > 0 && !statuses.includes(CANCELLED)) decisions = secondPass(input, cancelled, statuses);
  const cancelledIds = new Map(cancelled.map((o) => [o.id, o]));
  return decisions.map((d) => {
    const order = d.orderId === null ? undefined : cancelledIds.get(d.orderId);
    if (!order || (d.decision !== 'confirm' && d.decision !== 'partial')) return d;
    if (d.decision === 'partial') return asReview(d, 'late-cancelled', `order #${order.number} was cancelled before this partial payment arrived; settle it by hand`);
    if (input.policy === 'revive') return { ...d, reasons: [...d.reasons, `order #${order.number} was cancelled before the payment arrived: revived (apply.lateCancelled is revive)`] };
    return asReview(d, 'late-cancelled', `order #${order.number} was cancelled before the payment arrived (unpaid-order timeout); revive it with \`smsmatch assign ${d.code ?? d.messageId} ${order.id}\` or set apply.lateCancelled`);
  });
}

/** Payments no open order could take, matched against the cancelled orders alone. */
function secondPass(input: LateInput, cancelled: Order[], statuses: readonly string[]): Decision[] {
  const unmatched = new Set(input.decisions.filter((d) => d.decision === 'unmatched').map((d) => d.messageId));
  if (unmatched.size === 0) return input.decisions;
  // An order the first pass already paid (when it was listed as open) is never offered again.
  const taken = new Set(input.decisions.filter((d) => d.orderId !== null).map((d) => d.orderId));
  const orders = cancelled.filter((o) => !taken.has(o.id));
  const messages = input.messages.filter((m) => unmatched.has(m.messageId));
  const late = matchPayments({ messages, orders, config: { ...input.matching, statuses: [...statuses, CANCELLED] }, history: input.history });
  const found = late.filter((d) => d.decision !== 'unmatched');
  const byId = new Map(found.map((d) => [d.messageId, { ...d, reasons: [...d.reasons, 'no open order matches it; only cancelled orders do'] }]));
  return input.decisions.map((d) => byId.get(d.messageId) ?? d);
}

import { reviewFailedOrderFits } from '../core/match/failed-orders.js';
import type { Decision, MatchHistory, MatchMessage } from '../core/match/index.js';
import { DEFAULT_MATCH_CONFIG } from '../core/match/index.js';
import type { Order } from '../core/order.js';
import { guardBalanceChain } from './balance-guard.js';
import { hotMessages } from './hot-messages.js';
import { settleLatePayments } from './late-payments.js';
import { holdBackReversed } from './reversals.js';
import type { ReconcileDeps } from './types.js';

export interface GuardInput {
  decisions: Decision[];
  /** The SMS decided this run. */
  messages: readonly MatchMessage[];
  /** Every order fetched for them, cancelled ones included. */
  orders: readonly Order[];
  history: MatchHistory;
}

/**
 * The checks between the engine and the ledger, applied before any decision is recorded: late payments to
 * cancelled orders, payments whose reversal is already known, and the balance chain. Each can only turn a
 * confirmation into a review (or revive a cancelled order when `apply.lateCancelled` says so).
 */
export function guardDecisions(deps: ReconcileDeps, input: GuardInput): Decision[] {
  const stored = hotMessages(deps.ledger);
  const late = settleLatePayments({
    messages: input.messages, decisions: input.decisions, orders: input.orders, matching: deps.matching, history: input.history, policy: deps.apply.lateCancelled,
  });
  // Failed orders only ever become review candidates, and only for payments nothing else takes.
  const withFailed = (deps.matching.statuses ?? DEFAULT_MATCH_CONFIG.statuses).includes('failed')
    ? late
    : reviewFailedOrderFits(late, input.messages, input.orders, { ...DEFAULT_MATCH_CONFIG, ...deps.matching });
  const unreversed = holdBackReversed(stored, withFailed);
  return guardBalanceChain(deps, unreversed, stored, new Set(input.messages.map((m) => m.messageId)));
}

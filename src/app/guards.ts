import type { Decision, MatchHistory, MatchMessage } from '../core/match/index.js';
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
  const unreversed = holdBackReversed(stored, late);
  return guardBalanceChain(deps, unreversed, stored, new Set(input.messages.map((m) => m.messageId)));
}

import { amountLine, displayMoney, explain } from './explain.js';
import type { Candidate, Payment } from './evidence.js';
import { PHONE_KINDS, decidedByDeclaration } from './evidence.js';
import type { DecisionKind, MatchConfig } from './types.js';

/** The outcome of matching one payment, before it is dressed up as a Decision. */
export interface Verdict {
  decision: DecisionKind;
  orderId: number | null;
  suggestedOrderId: number | null;
  rule: string | null;
  reasons: string[];
  overpaidMinor: number;
  remainingMinor: number | null;
  /** Confirmed although short by this much (within the underpayment tolerance). */
  shortMinor?: number;
}

/** Pre-pass knowledge used by the twin-order exception: may this tie be paired oldest first? */
export type TwinCheck = (tied: readonly Candidate[]) => boolean;

/** Top candidates that nothing separates: same evidence rank and (if any is exact) same amount fit. */
export function topTie(cands: readonly Candidate[]): Candidate[] {
  const top = cands[0];
  if (!top) return [];
  const sameRank = cands.filter((c) => c.rank === top.rank);
  if (top.fit !== 'exact') return sameRank;
  return sameRank.filter((c) => c.fit === 'exact');
}

/** Twins: the same amount outstanding, the same billing phone and name. */
export function areTwins(tied: readonly Candidate[]): boolean {
  const first = tied[0];
  if (!first || tied.length < 2) return false;
  const sig = (c: Candidate): string => `${c.remainingMinor}|${c.prepared.phone}|${c.prepared.names.join(' ')}|${c.evidence}`;
  return tied.every((c) => sig(c) === sig(first));
}

function ids(cands: readonly Candidate[]): string {
  return cands.map((c) => `#${c.prepared.order.number}`).join(', ');
}

function review(rule: string | null, reasons: string[], suggested: number | null): Verdict {
  return { decision: 'review', orderId: null, suggestedOrderId: suggested, rule, reasons, overpaidMinor: 0, remainingMinor: null };
}

/** Applies the confirm / partial / review rules to the ranked candidates of one payment. */
export function decide(pay: Payment, cands: readonly Candidate[], config: MatchConfig, twins: TwinCheck): Verdict {
  const tied = topTie(cands);
  const winner = tied[0];
  if (!winner) {
    return { ...review(null, ['no open order matches its code, account, phone, name or amount'], null), decision: 'unmatched' };
  }
  const reasons: string[] = [];
  // The number a customer declared is only theirs to claim while no other open order fits the payer's number.
  if (winner.phoneDeclared && PHONE_KINDS & (1 << winner.rank)) {
    const others = cands.filter((c) => c !== winner && (c.kinds & PHONE_KINDS) !== 0);
    if (others.length > 0) {
      return review(winner.evidence, [`${pay.phone} fits the number declared at checkout on #${winner.prepared.order.number} and also fits ${ids(others)}: a person decides`, ...explain(winner, pay)], null);
    }
  }
  if (tied.length > 1) {
    // A number declared at checkout fitting two open orders is not the same payer twice: a person decides.
    const declared = tied.some(decidedByDeclaration);
    const canPair = !declared && config.pairTwinOrders && config.confirmOn.includes(winner.evidence) && winner.fit !== 'under' && areTwins(tied) && twins(tied);
    if (!canPair) {
      return review(winner.evidence, [`${tied.length} orders tie on ${winner.evidence}: ${ids(tied)}`, ...explain(winner, pay)], null);
    }
    reasons.push(`${tied.length} identical open orders (${ids(tied)}) and as many payments from this payer: paired oldest first`);
  }
  reasons.push(...explain(winner, pay));
  const id = winner.prepared.order.id;
  if (!config.confirmOn.includes(winner.evidence)) {
    const amount = winner.evidence === 'amount' ? [] : [amountLine(pay, winner)];
    return review(winner.evidence, [...reasons, ...amount, `${winner.evidence} evidence alone is not enough to confirm`], id);
  }
  if (!pay.code) return review(winner.evidence, [...reasons, 'payment has no transaction code, so a duplicate cannot be ruled out'], id);
  return settle(pay, winner, reasons, config);
}

function settle(pay: Payment, winner: Candidate, reasons: string[], config: MatchConfig): Verdict {
  const o = winner.prepared.order;
  const rule = winner.evidence;
  reasons.push(amountLine(pay, winner));
  if (winner.fit === 'under') {
    const left = winner.remainingMinor - pay.amountMinor;
    // The shop's own choice (apply.underpaymentToleranceMinor): a few cents short still pays the order.
    if (left <= (config.underpaymentToleranceMinor ?? 0)) {
      reasons.push(`short by ${displayMoney(left, o.currency)}, within the underpayment tolerance`);
      return { decision: 'confirm', orderId: o.id, suggestedOrderId: o.id, rule, reasons, overpaidMinor: 0, remainingMinor: 0, shortMinor: left };
    }
    if (!config.allowPartial) return review(rule, reasons, o.id);
    return { decision: 'partial', orderId: o.id, suggestedOrderId: o.id, rule, reasons, overpaidMinor: 0, remainingMinor: left };
  }
  const over = pay.amountMinor - winner.remainingMinor;
  if (over > 0) {
    reasons.push(`overpaid by ${displayMoney(over, o.currency)}`);
    if (!config.allowOverpayment) return review(rule, reasons, o.id);
  }
  return { decision: 'confirm', orderId: o.id, suggestedOrderId: o.id, rule, reasons, overpaidMinor: over, remainingMinor: 0 };
}

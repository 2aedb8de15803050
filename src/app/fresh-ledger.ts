/**
 * A new, empty ledger (a first install, or a corrupt one moved aside) starts from the shop's truth instead of
 * re-deciding every SMS still in the drop-box:
 *  - a payment whose code an order already carries (transaction id, smsmatch's own meta, or a code meta key of an
 *    order no longer waiting for payment) is recorded as already applied; nothing is written;
 *  - when the shop shows smsmatch's own earlier writes, SMS received up to the latest of them were handled by the
 *    earlier ledger (paid, dismissed or left for review): they are recorded as ignored, with that reason, instead
 *    of coming back as actionable. A person can still settle one with `smsmatch assign`;
 *  - everything else (a first install, or SMS newer than smsmatch's latest write) is decided as usual.
 * The shop cannot say what a person dismissed after smsmatch's latest write: such a payment is decided again.
 */
import type { Ledger } from '../adapters/ledger/index.js';
import { paymentKey } from '../adapters/ledger/index.js';
import { META } from '../core/apply.js';
import type { Decision, MatchConfig, MatchMessage } from '../core/match/index.js';
import type { Order } from '../core/order.js';

/** Statuses that still wait for a payment: a code in their meta is the customer's claim, not a paid order. */
const WAITING = new Set(['pending', 'on-hold', 'failed', 'cancelled', 'checkout-draft']);

export function isFreshLedger(ledger: Ledger): boolean {
  const stats = ledger.stats;
  return ledger.cursor() === null && stats.hotPayments === 0 && stats.hotMessages === 0 && stats.archivedCodes === 0;
}

export interface ShopTruth {
  /** Decisions for the payments the shop settles (already applied, or before this ledger). */
  settled: Array<{ decision: Decision; state: 'confirmed' | 'ignored'; reason: string }>;
  /** The messages still to decide as usual. */
  remaining: MatchMessage[];
}

export function settleFromShopTruth(messages: readonly MatchMessage[], orders: readonly Order[], config: MatchConfig): ShopTruth {
  const byCode = new Map<string, Order>();
  for (const o of orders) {
    for (const code of carriedCodes(o, config)) if (!byCode.has(code)) byCode.set(code, o);
  }
  let lastWrite = '';
  for (const o of orders) {
    const at = o.meta[META.appliedAt] ?? '';
    if (at > lastWrite) lastWrite = at;
  }
  const settled: ShopTruth['settled'] = [];
  const remaining: MatchMessage[] = [];
  for (const m of messages) {
    const p = m.parsed;
    if (p.kind !== 'payment' || !p.trusted) {
      remaining.push(m);
      continue;
    }
    const order = p.code ? byCode.get(p.code.toUpperCase()) : undefined;
    if (order) {
      const reason = `order #${order.number} already carries ${p.code ?? ''} (${order.status}): it was applied before this ledger existed; nothing written`;
      settled.push({ decision: decision(m, 'confirm', order.id, 'already-in-shop', reason), state: 'confirmed', reason });
    } else if (lastWrite !== '' && m.receivedAt <= lastWrite) {
      const reason = `received before this ledger: smsmatch's latest write in the shop is from ${lastWrite}, so an earlier ledger handled this SMS (paid, dismissed or left for review); not decided again. Settle it by hand with \`smsmatch assign ${p.code ?? m.messageId} ORDER\` if it is still open`;
      settled.push({ decision: decision(m, 'ignored', null, 'before-this-ledger', reason), state: 'ignored', reason });
    } else {
      remaining.push(m);
    }
  }
  return { settled, remaining };
}

/** Records the shop's answers: one ledger change per payment, flushed with the run's other decisions. */
export function recordShopTruth(ledger: Ledger, truth: ShopTruth): void {
  for (const s of truth.settled) {
    ledger.recordDecision(s.decision);
    if (s.state === 'confirmed') ledger.setPaymentState(paymentKey(s.decision.provider, s.decision.code, s.decision.messageId), 'confirmed', { reason: s.reason, orderId: s.decision.orderId });
  }
}

function carriedCodes(o: Order, config: MatchConfig): string[] {
  const codes = [o.transactionId, o.meta[META.code] ?? ''];
  if (!WAITING.has(o.status)) codes.push(...config.codeMetaKeys.map((k) => o.meta[k] ?? ''));
  return codes.map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
}

function decision(m: MatchMessage, kind: 'confirm' | 'ignored', orderId: number | null, rule: string, reason: string): Decision {
  const p = m.parsed;
  return {
    messageId: m.messageId, code: p.code, provider: p.provider, decision: kind, orderId, candidates: orderId === null ? [] : [orderId], rule, reasons: [reason],
    amountMinor: p.amountMinor, currency: p.currency, overpaidMinor: 0, remainingMinor: kind === 'confirm' ? 0 : null, suggestedOrderId: orderId,
    duplicateOf: null, paidAt: p.occurredAt ?? m.receivedAt, payerName: p.payerName, payerPhone: p.payerPhone, account: p.account,
  };
}

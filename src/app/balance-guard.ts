import type { Ledger, StoredMessage } from '../adapters/ledger/index.js';
import { SETTLED_STATES } from '../adapters/ledger/index.js';
import { checkBalanceChain, DEFAULT_BALANCE_CHAIN, type ChainEvent, type ChainMessage } from '../core/balance-chain.js';
import type { Decision } from '../core/match/index.js';
import { deviceOf } from './hot-messages.js';
import { asReview } from './late-payments.js';
import type { ReconcileDeps } from './types.js';

/**
 * Checks the balance chain over every SMS in the ledger before this run's decisions are recorded: a payment
 * whose balance breaks the chain goes to review (`apply.balanceChain.onBreak`), and what the new SMS reveal
 * (a break, a gap, a likely forgery) is raised as an alert once, by the run that decides the SMS revealing it.
 */
export function guardBalanceChain(deps: ReconcileDeps, decisions: Decision[], stored: readonly StoredMessage[], decidedIds: ReadonlySet<string>): Decision[] {
  const policy = { ...DEFAULT_BALANCE_CHAIN, ...deps.apply.balanceChain };
  if (!policy.enabled) return decisions;
  const messages: ChainMessage[] = chainable(deps.ledger, stored, decisions).flatMap((m) =>
    m.parsed ? [{ messageId: m.messageId, parsed: m.parsed, receivedAt: m.receivedAt ?? m.storedAt, device: deviceOf(m) }] : [],
  );
  const { verdicts, events } = checkBalanceChain(messages, { toleranceMinor: policy.toleranceMinor });
  if (!deps.dryRun) raiseAlerts(deps, events.filter((e) => decidedIds.has(e.causeId)), policy.onBreak);
  return decisions.map((d) => {
    const v = verdicts.get(d.messageId);
    if (!v || (v.status !== 'break' && v.status !== 'gap') || !v.note) return d;
    const reason = `balance chain broken: ${v.note}`;
    if (policy.onBreak === 'review' && (d.decision === 'confirm' || d.decision === 'partial')) {
      return asReview(d, 'balance-chain', `${reason} (held for review: apply.balanceChain.onBreak is review)`);
    }
    return { ...d, reasons: [...d.reasons, reason] };
  });
}

function raiseAlerts(deps: ReconcileDeps, events: ChainEvent[], onBreak: 'review' | 'alert'): void {
  for (const e of events) {
    const text = e.type === 'break' && onBreak === 'review' ? `${e.text}; the payment is held for review` : e.text;
    deps.ledger.raiseAlert(`balance-chain:${e.type}:${e.messageId}`, text);
    deps.log.warn('balance chain: check the SMS', { event: e.type, message: e.messageId, detail: text });
  }
}

/**
 * The SMS the chain may use. Replays and twins of a code (duplicates) never count. And once the ledger has
 * archived anything, only SMS stored after the archive horizon: an old SMS still hot (its payment unsettled)
 * whose neighbours were archived would otherwise pass for the predecessor of a new one.
 */
function chainable(ledger: Ledger, stored: readonly StoredMessage[], decisions: readonly Decision[]): StoredMessage[] {
  const duplicates = new Set(decisions.filter((d) => d.decision === 'duplicate').map((d) => d.messageId));
  const horizon = completeSince(ledger);
  return stored.filter((m) => {
    if (duplicates.has(m.messageId) || m.storedAt < horizon) return false;
    return !m.paymentKey || ledger.getPayment(m.paymentKey)?.state !== 'duplicate';
  });
}

// An archived payment was settled and last changed before the archive cutoff, which is at or before the last
// change of every settled payment still hot: every SMS stored since then is in the hot file.
function completeSince(ledger: Ledger): string {
  if (ledger.stats.archivedCodes === 0) return '';
  const settled = ledger.paymentsByState(...SETTLED_STATES).map((p) => p.updatedAt);
  const since = settled.length > 0 ? settled : ledger.undecidedMessages().map((m) => m.storedAt);
  return since.sort()[0] ?? '\uffff';
}

import { changeState } from './payments.js';
import type { Alert, LedgerData, OrderWrite, RunRecord, WriteOutcome } from './types.js';

/** Pure updates of the small parts of the ledger; each returns what the caller needs and mutates `data`. */
const MAX_RUNS = 50;

export function addRun(data: LedgerData, run: RunRecord): void {
  data.runs = [...data.runs.filter((r) => r.runId !== run.runId), run].slice(-MAX_RUNS);
}

export function raiseAlert(data: LedgerData, id: string, message: string, at: string): { alert: Alert; isNew: boolean } {
  const existing = data.alerts[id];
  if (existing) {
    Object.assign(existing, { message, lastSeenAt: at, count: existing.count + 1 });
    return { alert: existing, isNew: false };
  }
  const alert: Alert = { id, message, firstSeenAt: at, lastSeenAt: at, count: 1, sentTo: [] };
  data.alerts[id] = alert;
  return { alert, isNew: true };
}

function describe(outcome: WriteOutcome): string {
  switch (outcome.status) {
    case 'rejected':
      return `rejected (${outcome.error})`;
    case 'skipped':
      return `skipped (${outcome.reason})`;
    case 'unknown':
      return `unknown (${outcome.note})`;
    default:
      return outcome.detail ?? 'applied';
  }
}

/** An applied confirmation confirms its payment; any other end of a confirmation sends it to review. */
export function applyOutcome(data: LedgerData, write: OrderWrite, outcome: WriteOutcome, at: string): void {
  write.outcome = { ...outcome, at };
  const payment = data.payments[write.paymentKey];
  if (write.kind !== 'confirm' || !payment) return;
  const applied = outcome.status === 'applied';
  const reason = applied ? `order ${write.orderId} marked paid` : `order ${write.orderId} not updated: ${describe(outcome)}`;
  changeState(payment, applied ? 'confirmed' : 'review', at, { reason, orderId: write.orderId, source: 'write' });
}

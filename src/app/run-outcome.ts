import { BusyError, ExitCode, isSmsmatchError } from '../errors.js';
import { redact } from '../log/redact.js';
import type { TickResult } from './daemon/tick.js';
import type { RunOutcomeInput } from './run-log.js';
import type { ReconcileReport } from './types.js';

/** Turns what a pass ended with into the run log's words. */
function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

export function outcomeOfReport(report: ReconcileReport): RunOutcomeInput {
  if (report.exitCode === 0) return { via: 'reconcile', result: 'ok', exitCode: 0, message: null, hint: null, counts: nonZero(report.counts) };
  const malformed = report.warnings.find((w) => w.startsWith('skipped a malformed order'));
  const rejected = report.counts['failed'] ?? 0;
  return {
    via: 'reconcile', result: 'item-failed', exitCode: report.exitCode, counts: nonZero(report.counts),
    message: redact(rejected > 0 ? `${rejected} order update(s) rejected by the shop` : (malformed ?? 'an item failed')),
    hint: 'smsmatch review lists the payments that went back to review; smsmatch explain CODE tells why',
  };
}

export function outcomeOfError(error: unknown, via: RunOutcomeInput['via']): RunOutcomeInput {
  if (error instanceof BusyError) return { via, result: 'busy', exitCode: error.exitCode, message: redact(error.message), hint: null, counts: {} };
  if (isSmsmatchError(error)) return { via, result: 'failed', exitCode: error.exitCode, message: redact(error.message), hint: error.hint ? redact(error.hint) : null, counts: {} };
  return { via, result: 'failed', exitCode: ExitCode.internal, message: redact(`internal error: ${error instanceof Error ? error.message : String(error)}`), hint: 'this is a bug: please report it with the log', counts: {} };
}

/** A daemon tick; null for ticks that did not run a pass (backing off, ledger busy). */
export function outcomeOfTick(r: TickResult): RunOutcomeInput | null {
  const base = { via: 'daemon' as const, exitCode: r.exitCode, counts: r.counts };
  switch (r.outcome) {
    case 'ok':
    case 'idle':
      return { ...base, result: 'ok', message: null, hint: null };
    case 'item-failed':
      return { ...base, result: 'item-failed', message: r.detail ?? 'an item failed', hint: r.hint };
    case 'stopped':
      return { ...base, result: 'stopped', message: r.detail, hint: null };
    case 'unavailable':
    case 'auth-failed':
    case 'failed':
      return { ...base, result: 'failed', message: r.detail ? redact(r.detail) : r.outcome, hint: r.hint ? redact(r.hint) : null };
    default:
      return null;
  }
}

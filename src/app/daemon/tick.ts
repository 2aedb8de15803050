import type { Ledger, LedgerCache, LedgerTarget } from '../../adapters/ledger/index.js';
import { openLedgerAt } from '../../adapters/ledger/index.js';
import { AuthError, BusyError, ExitCode, isSmsmatchError, UnavailableError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { reconcile } from '../reconcile.js';
import { outcomeOfReport } from '../run-outcome.js';
import type { ReconcileReport, Step } from '../types.js';
import { adminActionsPass, publishPass } from '../admin/pass.js';
import { probeIfDue, updateAlerts } from './alerts.js';
import { backoffMs } from './health.js';
import type { DaemonRuntime } from './runtime.js';
import { LATENCY_KEEP, type DaemonState } from './state.js';
import type { TickSummary } from './status-file.js';

export type TickOutcome = 'ok' | 'idle' | 'item-failed' | 'busy' | 'backoff' | 'unavailable' | 'auth-failed' | 'failed' | 'stopped';

export interface TickResult extends TickSummary {
  outcome: TickOutcome;
  exitCode: number;
  /** The failure's hint, for the run log (`smsmatch status` shows it). */
  hint: string | null;
}

export interface TickEnv {
  ledgerPath: string;
  /** Where the ledger lives when it is not the lowdb file at `ledgerPath` (a PostgreSQL ledger). */
  target?: LedgerTarget;
  cache: LedgerCache;
  log: Logger;
  clock: () => Date;
  state: DaemonState;
  runtime: () => DaemonRuntime;
  /** True once SIGTERM/SIGINT arrived: the run stops at its next step boundary. */
  stopping: () => boolean;
  /** The crash-test harness (SMSMATCH_TEST_CRASH_AT). */
  onStep?: (step: Step) => void;
}

/** Thrown at a step boundary after a stop signal; the ledger's intents make stopping there as safe as finishing. */
class StopRequested extends Error {
  constructor(readonly step: Step) {
    super(`stopped at ${step}`);
  }
}

/**
 * One daemon tick: skip while backing off, take the ledger lock (busy → skip), run the same reconcile pass as
 * `smsmatch reconcile`, apply the health rules, release the lock. Never throws: every failure becomes an outcome.
 */
export async function runTick(env: TickEnv): Promise<TickResult> {
  const { state, log } = env;
  const started = env.clock();
  if (started.getTime() < state.backoffUntil) {
    log.debug('tick skipped: backing off after a transient failure', { until: new Date(state.backoffUntil).toISOString() });
    return result(started, 'backoff', 0, null);
  }
  log.debug('tick start');
  const rt = env.runtime();
  const { config } = rt.loaded;
  let ledger: Ledger;
  try {
    ledger = await openLedgerAt(env.target ?? { kind: 'file', path: env.ledgerPath }, { retentionDays: config.ledger.retentionDays, command: 'smsmatch daemon', cache: env.cache });
  } catch (error) {
    if (error instanceof BusyError) {
      log.info(`tick skipped: ${error.message}; trying next tick`);
      return result(started, 'busy', ExitCode.busy, error.message);
    }
    return failed(env, started, error);
  }
  try {
    for (const w of ledger.warnings.splice(0)) log.warn(w);
    let outcome: TickResult;
    let completed = false;
    const dirtyBefore = ledger.dirty; // a ledger file not created yet starts dirty
    try {
      const report = await reconcile({
        ledger, shop: rt.shop, source: rt.source, providers: rt.loaded.providers, matching: rt.loaded.matching, apply: config.apply,
        outbox: rt.dropbox, clock: env.clock, log, dryRun: false, onStep: (step) => {
          env.onStep?.(step);
          if (env.stopping()) throw new StopRequested(step);
        },
      });
      outcome = succeeded(env, started, report);
      completed = true;
      await adminActionsPass({ ledger, runtime: rt, state, clock: env.clock, log, ...(env.onStep ? { onStep: env.onStep } : {}) });
    } catch (error) {
      outcome = failed(env, started, error);
    }
    // After a failed pass, memory may hold changes the pass never meant to commit yet: leave them, like a crash would.
    if (completed || dirtyBefore || !ledger.dirty) {
      await healthPass(env, rt, ledger);
      await publishPass({ ledger, runtime: rt, state, clock: env.clock, log });
    }
    return outcome;
  } finally {
    await ledger.close();
  }
}

async function healthPass(env: TickEnv, rt: DaemonRuntime, ledger: Ledger): Promise<void> {
  try {
    const now = env.clock();
    await probeIfDue(rt.dropbox, ledger, env.state, now, rt.policy, env.log);
    await updateAlerts(ledger, env.state, now, rt.policy, rt.channels, env.log);
    await ledger.commit();
  } catch (error) {
    env.log.error(`health check failed: ${(error as Error).message}`);
  }
}

/** SMS → paid for each payment this pass applied whose arrival at the drop-box we saw. */
function recordLatencies(state: DaemonState, report: ReconcileReport, now: Date): void {
  for (const a of [...report.applied, ...report.recovered]) {
    const arrived = state.arrivals.get(a.messageId);
    if (a.outcome !== 'applied' || arrived === undefined) continue;
    state.arrivals.delete(a.messageId);
    state.latencies.push({ seconds: Math.max(0, (now.getTime() - arrived) / 1000), at: now.toISOString(), orderId: a.orderId });
  }
  state.latencies.splice(0, Math.max(0, state.latencies.length - LATENCY_KEEP));
}

function succeeded(env: TickEnv, started: Date, report: ReconcileReport): TickResult {
  recordLatencies(env.state, report, env.clock());
  env.state.failures = 0;
  env.state.backoffUntil = 0;
  for (const w of report.warnings) env.log.warn(w);
  const active = report.newMessages > 0 || report.decisions.length > 0 || report.recovered.length > 0;
  const outcome: TickOutcome = report.exitCode !== 0 ? 'item-failed' : active ? 'ok' : 'idle';
  const counts = Object.fromEntries(Object.entries(report.counts).filter(([, n]) => n > 0));
  const r = result(started, outcome, report.exitCode, outcome === 'item-failed' ? outcomeOfReport(report).message : null, report.newMessages, counts);
  if (active) {
    const text = Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing to decide';
    env.log.info(`tick: ${report.newMessages} new SMS; ${text}${report.recovered.length ? `; recovered ${report.recovered.length}` : ''}`, {
      newMessages: report.newMessages, ...counts, shopRequests: report.requests.shop, dropboxRequests: report.requests.dropbox,
    });
  } else {
    env.log.debug('tick: nothing new', { dropboxRequests: report.requests.dropbox, shopRequests: report.requests.shop });
  }
  return r;
}

function failed(env: TickEnv, started: Date, error: unknown): TickResult {
  const { state, log } = env;
  if (error instanceof StopRequested) {
    log.info(`run stopped at a step boundary (${error.step}); the next start completes it`);
    return result(started, 'stopped', 0, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UnavailableError) {
    state.failures += 1;
    const wait = backoffMs(state.failures, env.runtime().loaded.config.daemon.maxBackoffSeconds * 1000);
    state.backoffUntil = env.clock().getTime() + wait;
    log.warn(`${message}; backing off ${Math.round(wait / 1000)} s`, { failures: state.failures });
    return { ...result(started, 'unavailable', error.exitCode, message), hint: error.hint ?? null };
  }
  if (error instanceof AuthError) {
    log.error(`${message} — smsmatch keeps trying every tick; fix the credentials in the config and send SIGHUP`, { hint: error.hint });
    return { ...result(started, 'auth-failed', error.exitCode, message), hint: error.hint ?? null };
  }
  if (isSmsmatchError(error)) {
    log.error(message, { hint: error.hint });
    return { ...result(started, 'failed', error.exitCode, message), hint: error.hint ?? null };
  }
  log.error(`internal error in a tick (this is a bug; the daemon keeps running): ${error instanceof Error ? (error.stack ?? message) : message}`);
  return result(started, 'failed', ExitCode.internal, message);
}

function result(at: Date, outcome: TickOutcome, exitCode: number, detail: string | null, newMessages = 0, counts: Record<string, number> = {}): TickResult {
  return { at: at.toISOString(), outcome, exitCode, detail, newMessages, counts, hint: null };
}

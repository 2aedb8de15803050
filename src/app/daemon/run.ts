import type { ScheduledTask } from 'node-cron';
import { LedgerCache, type LedgerTarget } from '../../adapters/ledger/index.js';
import type { LoadedConfig } from '../../config/load.js';
import type { Logger } from '../../log/logger.js';
import type { Step } from '../types.js';
import { acquireDaemonLock } from './daemon-lock.js';
import { recordTick, type HeartbeatInfo } from './heartbeat.js';
import { buildRuntime, type DaemonRuntime } from './runtime.js';
import { startSchedule } from './scheduler.js';
import { logDatabaseChanges } from './database-log.js';
import { listenForSignals, type SignalSource } from './signals.js';
import { createPassGate } from './pass-gate.js';
import { newDaemonState } from './state.js';
import { statusPathFor } from './status-file.js';
import { runTick, type TickEnv, type TickResult } from './tick.js';
import { startWake, type Wake } from './wake.js';
import { recordRunOutcome, runLogPathFor, type RunResult } from '../run-log.js';
import { outcomeOfTick } from '../run-outcome.js';

export interface DaemonOptions {
  /** Reads and validates the config; called at start and on every SIGHUP. */
  load: () => LoadedConfig;
  ledgerPath: (loaded: LoadedConfig) => string;
  /** The ledger itself when it is not the lowdb file at `ledgerPath` (which still holds the status file and daemon lock). */
  ledgerTarget?: (loaded: LoadedConfig) => LedgerTarget;
  log: Logger;
  clock: () => Date;
  signals: SignalSource;
  once: boolean;
  onStep?: (step: Step) => void;
  /** For the run log's "who ran it". */
  env?: Record<string, string | undefined>;
}

/**
 * `smsmatch daemon`: validates everything before taking anything (a bad config exits 78), holds the daemon lock
 * for its life, ticks on the node-cron schedule, and on SIGTERM/SIGINT stops scheduling, lets the tick in
 * progress reach a step boundary, writes a final status and releases its locks. Returns the exit code.
 */
export async function runDaemon(o: DaemonOptions): Promise<number> {
  const { log, clock } = o;
  const state = newDaemonState(clock());
  let loaded = o.load();
  let runtime: DaemonRuntime = buildRuntime(loaded, state, clock);
  for (const w of loaded.warnings) log.warn(w);
  const ledgerPath = o.ledgerPath(loaded);
  const lock = await acquireDaemonLock(ledgerPath, clock());
  if (lock.warning) log.warn(lock.warning);
  let stopping = false;
  let task: ScheduledTask | null = null;
  const env: TickEnv = {
    ledgerPath, ...(o.ledgerTarget ? { target: o.ledgerTarget(loaded) } : {}), cache: new LedgerCache(), log, clock, state, runtime: () => runtime, stopping: () => stopping,
    ...(o.onStep ? { onStep: o.onStep } : {}),
  };
  const info = (): HeartbeatInfo => ({
    path: statusPathFor(ledgerPath), schedule: runtime.loaded.config.daemon.schedule, timezone: runtime.loaded.config.daemon.timezone,
    heartbeatSeconds: runtime.loaded.config.daemon.heartbeatSeconds, nextRun: task?.getNextRun() ?? null,
  });
  // Status writes one after another: two writers racing on the temp file could leave the older snapshot in place.
  let statusWrites: Promise<void> = Promise.resolve();
  const writeStatus = (...args: Parameters<typeof recordTick>): Promise<void> => (statusWrites = statusWrites.then(() => recordTick(...args)));
  // The run log (what `status` shows of every pass): each tick that did something or failed, the first after a
  // start, and the first idle one after a failure (so status stops saying "failing"); quiet idle ticks write nothing.
  let lastNoted: RunResult | null = null;
  const note = async (r: TickResult): Promise<void> => {
    const outcome = outcomeOfTick(r);
    if (outcome === null || (r.outcome === 'idle' && lastNoted === 'ok')) return;
    lastNoted = outcome.result;
    const warning = await recordRunOutcome(runLogPathFor(ledgerPath), outcome, clock(), o.env ?? {});
    if (warning) log.warn(warning);
  };
  const tick = async (stoppedAt: string | null = null): Promise<number> => {
    const r = await runTick(env);
    await writeStatus(state, r, clock(), info(), log, stoppedAt);
    await note(r);
    return r.exitCode;
  };

  if (o.once) {
    try {
      return await tick(clock().toISOString());
    } finally {
      await lock.release();
    }
  }

  // Every pass goes through one gate: the schedule, the signal file and fallback polling never overlap, and
  // whatever asks during a pass gets exactly one more pass after it.
  let wake: Wake | null = null;
  const gate = createPassGate(async (reasons) => {
    log.debug('pass requested', { by: reasons.join(',') });
    await tick();
    wake?.afterPass();
  }, { stopping: () => stopping });
  const scheduled = (): Promise<void> => {
    gate.request('schedule');
    return Promise.resolve();
  };
  const schedule = (): ScheduledTask => startSchedule(runtime.loaded.config.daemon.schedule, runtime.loaded.config.daemon.timezone, scheduled, log);
  const startWatching = (): Wake => startWake({
    settings: () => ({ enabled: runtime.loaded.config.daemon.signal, signalSeconds: runtime.loaded.config.daemon.signalSeconds, pollSeconds: runtime.loaded.config.daemon.pollSeconds }),
    health: () => runtime.dropbox.health(), request: (reason) => gate.request(reason), pluginNonce: () => state.signalNonce,
    log, clock, onChange: (status) => {
      state.wake = status;
      void writeStatus(state, null, clock(), info(), log);
    },
  });

  const unwatch = logDatabaseChanges(log);
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return void log.info(`${signal} again: still finishing the run in progress`);
      stopping = true;
      log.info(`${signal} received: stopping after the run in progress`);
      void (async () => {
        await task?.stop();
        await wake?.stop();
        await gate.idle();
        await task?.destroy();
        removeSignals();
        unwatch();
        await writeStatus(state, null, clock(), { ...info(), nextRun: null }, log, clock().toISOString());
        await lock.release();
        log.info('smsmatch daemon stopped');
        resolve(0);
      })();
    };
    const reload = (): void => {
      try {
        const next = o.load();
        const rebuilt = buildRuntime(next, state, clock);
        for (const w of next.warnings) log.warn(w);
        if (o.ledgerPath(next) !== ledgerPath) log.warn(`ledger path changed to ${o.ledgerPath(next)}; it takes effect at the next restart`);
        const old = runtime.loaded.config.daemon;
        const rescheduled = old.schedule !== next.config.daemon.schedule || old.timezone !== next.config.daemon.timezone;
        const oldDropbox = runtime.loaded.config.dropbox;
        loaded = next;
        runtime = rebuilt;
        // A new token moves the signal file (its path derives from the token): ask the drop-box again.
        if (oldDropbox?.url !== next.config.dropbox?.url || oldDropbox?.token !== next.config.dropbox?.token) wake?.relearn();
        if (rescheduled && !stopping) {
          void task?.destroy();
          task = schedule();
        }
        // Every pass from now on uses the new config; one already running finishes with the old. "Reloaded" is
        // said once that one is over, so what follows the line (an SMS posted, say) meets the new config.
        const said = { config: loaded.path ?? '(environment)', schedule: next.config.daemon.schedule, timezone: next.config.daemon.timezone };
        void gate.settled().then(() => log.info('config reloaded', said));
      } catch (error) {
        log.error(`config reload failed, keeping the previous config: ${(error as Error).message}`);
      }
    };
    const removeSignals = listenForSignals(o.signals, { stop, reload });
    task = schedule();
    wake = startWatching();
    log.info('smsmatch daemon started', { pid: process.pid, schedule: runtime.loaded.config.daemon.schedule, timezone: runtime.loaded.config.daemon.timezone, ledger: ledgerPath });
  });
}

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ScheduledTask } from 'node-cron';
import { LedgerCache, targetLabel, type LedgerTarget, type LockHandle } from '../../adapters/ledger/index.js';
import { loadConfig, type LoadedConfig } from '../../config/load.js';
import { shopLedger } from '../../config/shop-paths.js';
import { BusyError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import type { Step } from '../types.js';
import { acquireDaemonLock } from '../daemon/daemon-lock.js';
import { recordTick, type HeartbeatInfo } from '../daemon/heartbeat.js';
import { buildRuntime, type DaemonRuntime } from '../daemon/runtime.js';
import { startSchedule } from '../daemon/scheduler.js';
import { newDaemonState, type DaemonState } from '../daemon/state.js';
import { statusPathFor } from '../daemon/status-file.js';
import { runTick, type TickEnv, type TickResult } from '../daemon/tick.js';
import type { ShopFile } from './dir.js';
import { shopLogger } from './shop-log.js';

export interface RunnerDeps {
  env: Record<string, string | undefined>;
  stateDir: string | undefined;
  log: Logger;
  clock: () => Date;
  stopping: () => boolean;
  /** Asked before every pass: may this daemon serve the shop now (PostgreSQL ownership)? */
  mayServe: (runner: ShopRunner) => boolean;
  onStep?: (step: Step) => void;
}

/**
 * One shop inside a daemon serving many: the single-shop daemon's pieces (config → runtime, its own state,
 * backoff and alerts, the same `runTick`, its own status file) without signals or process-wide locks. The
 * supervisor owns the schedule queue; the runner's cron task only asks to be queued.
 */
export class ShopRunner {
  readonly name: string;
  file: ShopFile;
  readonly state: DaemonState;
  readonly log: Logger;
  loaded: LoadedConfig | null = null;
  runtime: DaemonRuntime | null = null;
  target: LedgerTarget | null = null;
  localPath: string | null = null;
  /** Why the shop cannot run (a bad config); the other shops are not affected. */
  problem: string | null = null;
  lastResult: TickResult | null = null;
  #task: ScheduledTask | null = null;
  #lock: LockHandle | null = null;
  #lockNote: string | null = null;
  #dirReady = false;
  readonly #cache = new LedgerCache();
  readonly #deps: RunnerDeps;

  constructor(file: ShopFile, deps: RunnerDeps) {
    this.name = file.name;
    this.file = file;
    this.#deps = deps;
    this.state = newDaemonState(deps.clock());
    this.log = shopLogger(deps.log, file.name);
  }

  /** Reads the shop's config; a bad one marks this shop broken (logged once) and keeps the last good runtime off. */
  configure(file: ShopFile): void {
    this.file = file;
    try {
      const loaded = loadConfig(file.path, this.#deps.env);
      const runtime = buildRuntime(loaded, this.state, this.#deps.clock);
      const where = shopLedger(this.name, loaded, this.#deps.env, this.#deps.stateDir);
      if (this.localPath !== null && where.localPath !== this.localPath) this.log.warn(`ledger changed to ${targetLabel(where.target)}; it takes effect at the next restart`);
      for (const w of loaded.warnings) this.log.warn(w);
      this.loaded = loaded;
      this.runtime = runtime;
      this.target ??= where.target;
      this.localPath ??= where.localPath;
      this.problem = null;
    } catch (error) {
      this.problem = (error as Error).message;
      this.log.error(`shop not served: ${this.problem}`, { hint: (error as { hint?: string }).hint ?? null });
    }
  }

  get schedule(): { schedule: string; timezone: string } | null {
    const d = this.loaded?.config.daemon;
    return d ? { schedule: d.schedule, timezone: d.timezone } : null;
  }

  /** (Re)starts the shop's own cron schedule; each firing asks the supervisor to queue a pass. */
  startSchedule(enqueue: (runner: ShopRunner) => void): void {
    void this.#task?.destroy();
    this.#task = null;
    const s = this.schedule;
    if (!s || this.problem) return;
    this.#task = startSchedule(s.schedule, s.timezone, () => {
      enqueue(this);
      return Promise.resolve();
    }, this.log);
  }

  /**
   * One pass. A lowdb ledger is guarded by its `<ledger>.daemon.lock`, taken lazily so a shop another daemon
   * already serves is skipped (and retried) instead of stopping this daemon.
   */
  async pass(): Promise<TickResult | null> {
    if (!this.runtime || !this.target || !this.localPath || this.problem) return null;
    if (!this.#deps.mayServe(this)) return null;
    if (this.target.kind === 'file' && !(await this.#holdLocalLock())) return null;
    const runtime = this.runtime;
    const env: TickEnv = {
      ledgerPath: this.localPath, target: this.target, cache: this.#cache, log: this.log, clock: this.#deps.clock, state: this.state,
      runtime: () => runtime, stopping: this.#deps.stopping, ...(this.#deps.onStep ? { onStep: this.#deps.onStep } : {}),
    };
    if (!this.#dirReady) {
      // A PostgreSQL shop keeps only its status file locally; its directory may not exist yet.
      await mkdir(dirname(this.localPath), { recursive: true, mode: 0o700 }).catch(() => undefined);
      this.#dirReady = true;
    }
    const result = await runTick(env);
    this.lastResult = result;
    await recordTick(this.state, result, this.#deps.clock(), this.#heartbeat(), this.log);
    return result;
  }

  async #holdLocalLock(): Promise<boolean> {
    if (this.#lock) return true;
    try {
      this.#lock = await acquireDaemonLock(this.localPath!, this.#deps.clock());
      if (this.#lock.warning) this.log.warn(this.#lock.warning);
      this.#lockNote = null;
      return true;
    } catch (error) {
      const message = (error as Error).message;
      if (this.#lockNote !== message) this.log[error instanceof BusyError ? 'info' : 'error'](`shop skipped: ${message}`);
      this.#lockNote = message;
      return false;
    }
  }

  #heartbeat(): HeartbeatInfo {
    const d = this.loaded?.config.daemon;
    return {
      path: statusPathFor(this.localPath ?? ''), schedule: d?.schedule ?? '', timezone: d?.timezone ?? 'UTC',
      heartbeatSeconds: d?.heartbeatSeconds ?? 60, nextRun: this.#task?.getNextRun() ?? null,
    };
  }

  /** Stops the schedule; the supervisor waits for a pass in flight before calling `close`. */
  async stopSchedule(): Promise<void> {
    await this.#task?.stop();
    await this.#task?.destroy();
    this.#task = null;
  }

  /** A final status (stopped) and the daemon lock released. */
  async close(): Promise<void> {
    await this.stopSchedule();
    // A shop this daemon never served (another daemon owns it) has no status file here to close.
    if (this.localPath && this.runtime && this.#dirReady) {
      await recordTick(this.state, null, this.#deps.clock(), { ...this.#heartbeat(), nextRun: null }, this.log, this.#deps.clock().toISOString());
    }
    await this.#lock?.release();
    this.#lock = null;
  }
}

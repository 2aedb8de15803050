import { LedgerCache } from '../../adapters/ledger/index.js';
import type { LoadedConfig } from '../../config/load.js';
import type { Logger } from '../../log/logger.js';
import { buildRuntime } from './runtime.js';
import { newDaemonState, type DaemonState } from './state.js';
import { runTick, type TickResult } from './tick.js';

export interface Ticker {
  tick(): Promise<TickResult>;
  state: DaemonState;
  cache: LedgerCache;
}

/** The daemon's real tick without the schedule, signals or daemon lock: for the soak test, the bench and tests. */
export function createTicker(opts: { loaded: LoadedConfig; ledgerPath: string; log: Logger; clock: () => Date }): Ticker {
  const state = newDaemonState(opts.clock());
  const runtime = buildRuntime(opts.loaded, state, opts.clock);
  const cache = new LedgerCache();
  const env = { ledgerPath: opts.ledgerPath, cache, log: opts.log, clock: opts.clock, state, runtime: () => runtime, stopping: () => false };
  return { tick: () => runTick(env), state, cache };
}

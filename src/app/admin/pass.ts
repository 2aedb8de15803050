import type { Ledger } from '../../adapters/ledger/index.js';
import type { DaemonRuntime } from '../daemon/runtime.js';
import type { DaemonState } from '../daemon/state.js';
import type { Logger } from '../../log/logger.js';
import type { Step } from '../types.js';
import { runAdminActions } from './actions.js';
import { publishIfChanged } from './publish.js';

export interface AdminPassEnv {
  ledger: Ledger;
  runtime: DaemonRuntime;
  state: DaemonState;
  clock: () => Date;
  log: Logger;
  onStep?: (step: Step) => void;
}

/**
 * The wp-admin side of a tick. Actions run only after a completed pass (so interrupted writes were recovered
 * first) and only when the plugin's /messages answer said some are queued: an idle tick costs no request.
 * A plugin too old to have the admin routes (no `pending_actions`) is left alone.
 */
export async function adminActionsPass(env: AdminPassEnv): Promise<void> {
  if (!env.state.pendingActions) return;
  const rt = env.runtime;
  try {
    await runAdminActions({
      ledger: env.ledger, shop: rt.shop, apply: rt.loaded.config.apply, clock: env.clock, log: env.log, dropbox: rt.dropbox,
      outbox: rt.dropbox, callingCode: rt.loaded.matching.callingCode,
      ...(env.onStep ? { onStep: env.onStep } : {}),
    });
  } catch (error) {
    env.log.warn(`admin actions stopped; the rest stay queued for the next pass: ${(error as Error).message}`);
  }
}

export async function publishPass(env: AdminPassEnv): Promise<void> {
  if (env.state.pendingActions === null) return;
  const { config } = env.runtime.loaded;
  await publishIfChanged({
    ledger: env.ledger, dropbox: env.runtime.dropbox, state: env.state, now: env.clock(), log: env.log,
    meta: { schedule: config.daemon.schedule, timezone: config.daemon.timezone, pid: process.pid },
  });
}

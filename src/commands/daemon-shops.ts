import { PgOwnership } from '../app/shops/ownership.js';
import type { ShopRunner } from '../app/shops/runner.js';
import { runShopsDaemon } from '../app/shops/supervisor.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Logger } from '../log/logger.js';
import type { DaemonCommandOptions } from './daemon.js';
import { crashHarness } from './reconcile.js';

/**
 * `smsmatch daemon --shops DIR`: one process for every shop in DIR. With SMSMATCH_LEDGER_URL set, the
 * PostgreSQL shops are split with the other daemons using the same database (ownership + ledger leases).
 */
export async function runShops(opts: DaemonCommandOptions, io: Io, log: Logger, clock: () => Date): Promise<number> {
  if (opts.config !== undefined || opts.state !== undefined) {
    throw new UsageError('--shops cannot be combined with --config or --state', { hint: 'each shop is DIR/NAME.json; its ledger is ledger.path / ledger.url in that file, or --state-dir for all' });
  }
  const concurrency = opts.concurrency === undefined ? 16 : Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 256, not "${opts.concurrency}"`, { hint: 'about 2 per CPU core is plenty; the passes mostly wait on the network' });
  }
  const url = io.env['SMSMATCH_LEDGER_URL'];
  let queueBusy: (r: ShopRunner) => boolean = () => false;
  let enqueue: (r: ShopRunner) => void = () => undefined;
  const ownership = url ? new PgOwnership({ url, log, isBusy: (r) => queueBusy(r), onClaimed: (r) => enqueue(r) }) : null;
  return runShopsDaemon({
    dir: opts.shops!, env: io.env, stateDir: opts.stateDir, log, clock, once: opts.once === true, concurrency,
    signals: opts.signals ?? process, ownership,
    hooks: (h) => {
      queueBusy = h.isBusy;
      enqueue = h.enqueue;
    },
    ...crashHarness(io),
  });
}

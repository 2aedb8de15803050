import { closePools } from '../../adapters/ledger/index.js';
import type { Logger } from '../../log/logger.js';
import { logDatabaseChanges } from '../daemon/database-log.js';
import { listenForSignals, type SignalSource } from '../daemon/signals.js';
import type { Step } from '../types.js';
import { scanShops, type ShopFile } from './dir.js';
import { PassQueue } from './queue.js';
import { ShopRunner } from './runner.js';

export interface ShopsDaemonOptions {
  dir: string;
  env: Record<string, string | undefined>;
  stateDir: string | undefined;
  log: Logger;
  clock: () => Date;
  signals: SignalSource;
  once: boolean;
  /** Passes running at once; a slow or hung shop holds one slot, never the others. */
  concurrency: number;
  /** PostgreSQL shop ownership between several daemons (null: serve every shop). */
  ownership?: ShopOwnership | null;
  /** Hands the queue to the ownership heartbeat (a shop mid-pass is never given away; a claimed one runs now). */
  hooks?: (h: { isBusy: (r: ShopRunner) => boolean; enqueue: (r: ShopRunner) => void }) => void;
  onStep?: (step: Step) => void;
}

/** Which daemon serves which PostgreSQL shop (see ownership.ts); the supervisor only asks and reports. */
export interface ShopOwnership {
  start(shops: () => ShopRunner[]): Promise<void>;
  owns(runner: ShopRunner): boolean;
  stop(): Promise<void>;
}

/**
 * `smsmatch daemon --shops DIR`: a supervisor over one runner per `DIR/*.json`. Each shop keeps its own
 * schedule, backoff, alerts, status file and ledger; passes share a bounded pool so a broken or slow shop only
 * ever occupies its own slot. SIGHUP re-reads DIR: new files start, removed ones stop after their pass in
 * flight, changed ones are rebuilt; the others keep running untouched. Returns the exit code.
 */
export async function runShopsDaemon(o: ShopsDaemonOptions): Promise<number> {
  const { log } = o;
  let stopping = false;
  const runners = new Map<string, ShopRunner>();
  const ownership = o.ownership ?? null;
  const queue = new PassQueue<ShopRunner>(o.concurrency, async (runner) => {
    await runner.pass();
  });
  const deps = {
    env: o.env, stateDir: o.stateDir, log, clock: o.clock, stopping: () => stopping,
    mayServe: (r: ShopRunner) => ownership === null || r.target?.kind !== 'postgres' || ownership.owns(r),
    ...(o.onStep ? { onStep: o.onStep } : {}),
  };
  const enqueue = (r: ShopRunner): void => {
    if (!stopping && !queue.push(r)) log.debug('pass skipped: the previous one is still queued or running', { shop: r.name });
  };

  const apply = async (files: ShopFile[]): Promise<void> => {
    const seen = new Set(files.map((f) => f.name));
    for (const [name, runner] of runners) {
      if (seen.has(name)) continue;
      runners.delete(name);
      queue.remove(runner);
      await runner.stopSchedule();
      await queue.settled(runner);
      await runner.close();
      log.info('shop removed', { shop: name });
    }
    for (const file of files) {
      const existing = runners.get(file.name);
      if (existing && existing.file.fingerprint === file.fingerprint) continue;
      const runner = existing ?? new ShopRunner(file, deps);
      const before = JSON.stringify(runner.schedule);
      runner.configure(file);
      runners.set(file.name, runner);
      if (!o.once && (!existing || JSON.stringify(runner.schedule) !== before || runner.problem !== null)) runner.startSchedule(enqueue);
      if (!runner.problem) log.info(existing ? 'shop config reloaded' : 'shop added', { shop: file.name, schedule: runner.schedule?.schedule ?? null });
    }
  };

  const unwatch = logDatabaseChanges(log);
  o.hooks?.({ isBusy: (r) => queue.isBusy(r), enqueue });
  const scanned = await scanShops(o.dir);
  for (const s of scanned.skipped) log.warn(s);
  await apply(scanned.shops);
  await ownership?.start(() => [...runners.values()]);

  if (o.once) {
    for (const r of runners.values()) queue.push(r);
    await queue.idle();
    await shutdown();
    const codes = [...runners.values()].map((r) => (r.problem ? 78 : (r.lastResult?.exitCode ?? 0)));
    return codes.find((c) => c !== 0) ?? 0;
  }

  async function shutdown(): Promise<void> {
    await Promise.all([...runners.values()].map((r) => r.stopSchedule()));
    await queue.drain();
    await ownership?.stop();
    for (const r of runners.values()) await r.close();
    unwatch();
    await closePools();
  }

  return new Promise<number>((resolve) => {
    let reloading = Promise.resolve();
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return void log.info(`${signal} again: still finishing the passes in progress`);
      stopping = true;
      log.info(`${signal} received: stopping after the passes in progress`, { running: queue.running });
      void (async () => {
        await reloading;
        removeSignals();
        await shutdown();
        log.info('smsmatch daemon stopped');
        resolve(0);
      })();
    };
    const reload = (): void => {
      reloading = reloading.then(async () => {
        if (stopping) return;
        try {
          const next = await scanShops(o.dir);
          for (const s of next.skipped) log.warn(s);
          await apply(next.shops);
          log.info('shops reloaded', { shops: runners.size });
        } catch (error) {
          log.error(`reload failed, keeping the shops as they were: ${(error as Error).message}`);
        }
      });
    };
    const removeSignals = listenForSignals(o.signals, { stop, reload });
    log.info('smsmatch daemon started', { pid: process.pid, shops: runners.size, dir: o.dir, concurrency: o.concurrency });
  });
}

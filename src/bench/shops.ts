import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShopInfo } from './shops-sandboxes.js';
import { exited, processStats, quantile, sleep, startDaemon, startSandboxes, waitFor, writeShops, type Sandboxes } from './shops-harness.js';

/** Every shop passes every 15 s here (the default is every 5 min plus the signal file): enough passes to count in a minute. */
export const SCHEDULE_SECONDS = 15;
const SCHEDULE = `*/${SCHEDULE_SECONDS} * * * * *`;

export interface ShopsBench {
  shops: number;
  idleSeconds: number;
  rssIdleMb: number;
  rssIdlePeakMb: number;
  goalMb: number;
  cpuIdlePercent: number;
  fdsIdle: number;
  requestsPerIdleShopMinute: number;
  wooPerIdleShopMinute: number;
  busy: { paid: number; p50Seconds: number; p95Seconds: number; maxSeconds: number; rssPeakMb: number; fdsPeak: number };
}

/**
 * One `smsmatch daemon --shops DIR` process serving `n` sandbox shops (lowdb ledgers), the sandboxes in a
 * process of their own. Idle: the daemon's resident memory, CPU and file descriptors, and the requests each
 * shop receives per minute. Busy: every shop gets a payment at once, and each shop's pass latency is measured
 * from the schedule's firing to the shop receiving the order write, while the other passes queue for slots.
 */
export async function benchShops(n: number, idleSeconds: number, sandboxes: Sandboxes, infos: ShopInfo[]): Promise<ShopsBench> {
  const root = mkdtempSync(join(tmpdir(), 'smsmatch-bench-shops-'));
  const dir = join(root, 'shops');
  mkdirSync(dir);
  writeShops(dir, infos.slice(0, n).map((_, i) => `shop-${String(i).padStart(3, '0')}`), infos, SCHEDULE);
  const daemon = startDaemon(dir, join(root, 'state'));
  const pid = daemon.child.pid!;
  try {
    // Warm up: every shop has had its first pass (its ledger is created) and one more schedule period passed.
    await waitFor(async () => (await sandboxes.ask<{ requests: number[] }>({ op: 'count' })).requests.slice(0, n).every((r) => r > 0), 120_000, () => `every shop's first pass:\n${daemon.log()}`, 1000);
    await sleep(SCHEDULE_SECONDS * 1000);

    await sandboxes.ask({ op: 'clear' });
    const before = processStats(pid);
    let peak = before.rssMb;
    const t0 = Date.now();
    while (Date.now() - t0 < idleSeconds * 1000) {
      await sleep(1000);
      peak = Math.max(peak, processStats(pid).rssMb);
    }
    const after = processStats(pid);
    const counts = await sandboxes.ask<{ requests: number[]; woo: number[] }>({ op: 'count' });
    const perShopMinute = (list: number[]): number => list.slice(0, n).reduce((a, b) => a + b, 0) / n / (idleSeconds / 60);

    const busy = await busyRound(n, sandboxes, pid, () => daemon.log());
    return {
      shops: n, idleSeconds, rssIdleMb: after.rssMb, rssIdlePeakMb: peak, goalMb: 80 + n,
      cpuIdlePercent: ((after.cpuSeconds - before.cpuSeconds) / idleSeconds) * 100, fdsIdle: after.fds,
      requestsPerIdleShopMinute: perShopMinute(counts.requests), wooPerIdleShopMinute: perShopMinute(counts.woo), busy,
    };
  } finally {
    daemon.child.kill('SIGTERM');
    await exited(daemon.child);
    rmSync(root, { recursive: true, force: true });
  }
}

/** Right after a firing, a payment to every shop; the next firing starts all their passes at once. */
async function busyRound(n: number, sandboxes: Sandboxes, pid: number, log: () => string): Promise<ShopsBench['busy']> {
  const period = SCHEDULE_SECONDS * 1000;
  await sleep(period - (Date.now() % period) + 200);
  // Let this firing's idle passes finish first (requests stop growing), so no payment is seen before the next one.
  const total = async (): Promise<number> => (await sandboxes.ask<{ requests: number[] }>({ op: 'count' })).requests.reduce((a, b) => a + b, 0);
  let last = -1;
  await waitFor(async () => {
    const now = await total();
    const quiet = now === last;
    last = now;
    return quiet;
  }, period, () => `the idle passes to finish:\n${log()}`, 1000);
  await sandboxes.ask({ op: 'clear' });
  const { postedAt } = await sandboxes.ask<{ postedAt: number }>({ op: 'pay', round: 0, shops: [...Array(n).keys()] });
  const firing = Math.ceil(postedAt / period) * period;
  let rssPeak = 0;
  let fdsPeak = 0;
  let paidAt: Array<string | null> = [];
  await waitFor(async () => {
    const s = processStats(pid);
    rssPeak = Math.max(rssPeak, s.rssMb);
    fdsPeak = Math.max(fdsPeak, s.fds);
    paidAt = (await sandboxes.ask<{ paidAt: Array<string | null> }>({ op: 'paid' })).paidAt.slice(0, n);
    return paidAt.every((p) => p !== null);
  }, 180_000, () => `every shop's payment (${paidAt.filter((p) => p !== null).length}/${n} so far):\n${log()}`, 250);
  const seconds = paidAt.map((p) => (Date.parse(p!) - firing) / 1000).sort((a, b) => a - b);
  return { paid: seconds.length, p50Seconds: quantile(seconds, 0.5), p95Seconds: quantile(seconds, 0.95), maxSeconds: seconds.at(-1) ?? 0, rssPeakMb: rssPeak, fdsPeak };
}

export { startSandboxes };

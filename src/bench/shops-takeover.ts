import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ShopInfo } from './shops-sandboxes.js';
import { exited, sleep, startDaemon, waitFor, writeShops, type Sandboxes } from './shops-harness.js';
import { SCHEDULE_SECONDS } from './shops.js';

export interface TakeoverBench {
  shops: number;
  killedOwned: number;
  ownedAfterSeconds: number;
  paidAfterSeconds: number;
}

/** The database to use: SMSMATCH_BENCH_PG_URL, else the one .ci/postgres-up.sh started; null when none answers. */
export async function benchDatabase(env: Record<string, string | undefined>): Promise<{ url: string } | { skipped: string }> {
  let url = env['SMSMATCH_BENCH_PG_URL'];
  if (!url) {
    try {
      url = (JSON.parse(readFileSync('/tmp/smsmatch-pg/env.json', 'utf8')) as { url?: string }).url;
    } catch {
      // no local test database either
    }
  }
  if (!url) return { skipped: 'no PostgreSQL: set SMSMATCH_BENCH_PG_URL=postgres://… or run `bash .ci/postgres-up.sh`, then `npm run bench -- shops`' };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return { url };
  } catch (error) {
    return { skipped: `PostgreSQL does not answer (${(error as Error).message}); start it (bash .ci/postgres-up.sh) and run \`npm run bench -- shops\`` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Two daemons share `n` PostgreSQL-ledger shops; once they have split them, one is killed with SIGKILL and every
 * one of its shops gets a payment. Measured from the kill: when the survivor owns all of them, and when the last
 * of those payments reaches its shop as an order write. The shops' rows are deleted afterwards.
 */
export async function benchTakeover(url: string, n: number, sandboxes: Sandboxes, infos: ShopInfo[]): Promise<TakeoverBench> {
  const root = mkdtempSync(join(tmpdir(), 'smsmatch-bench-takeover-'));
  const dir = join(root, 'shops');
  mkdirSync(dir);
  const run = randomUUID().slice(0, 8);
  const names = infos.slice(0, n).map((_, i) => `bench-${run}-${String(i).padStart(3, '0')}`);
  writeShops(dir, names, infos, `*/${SCHEDULE_SECONDS} * * * * *`);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const env = { SMSMATCH_LEDGER_URL: url };
  const a = startDaemon(dir, join(root, 'a'), env);
  const b = startDaemon(dir, join(root, 'b'), env);
  const log = (): string => `--- A ---\n${a.log()}\n--- B ---\n${b.log()}`;
  const owners = async (): Promise<Map<string, string>> =>
    new Map((await db.query<{ shop: string; daemon: string }>('SELECT shop, daemon FROM smsmatch_owners WHERE shop = ANY($1) AND expires_at > now()', [names])).rows.map((r) => [r.shop, r.daemon]));
  const pidOf = (daemon: string): number => Number(daemon.split(':').at(-2));
  try {
    await waitFor(async () => {
      const o = await owners();
      const pids = [...o.values()].map(pidOf);
      return o.size === n && pids.includes(a.child.pid!) && pids.includes(b.child.pid!);
    }, 180_000, () => `the two daemons to split the shops:\n${log()}`, 500);
    await sleep(SCHEDULE_SECONDS * 1000); // every shop's ledger exists in the database
    const ofA = [...(await owners())].filter(([, d]) => pidOf(d) === a.child.pid).map(([s]) => names.indexOf(s));
    await sandboxes.ask({ op: 'clear' });
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await sandboxes.ask({ op: 'pay', round: 1, shops: ofA });
    await waitFor(async () => {
      const o = await owners();
      return ofA.every((i) => pidOf(o.get(names[i]!) ?? '::') === b.child.pid);
    }, 120_000, () => `the survivor to own the killed daemon's shops:\n${log()}`, 250);
    const ownedAt = Date.now();
    let paidAt: Array<string | null> = [];
    await waitFor(async () => {
      paidAt = (await sandboxes.ask<{ paidAt: Array<string | null> }>({ op: 'paid' })).paidAt;
      return ofA.every((i) => paidAt[i] !== null);
    }, 180_000, () => `the killed daemon's shops to be paid:\n${log()}`, 250);
    const last = Math.max(...ofA.map((i) => Date.parse(paidAt[i]!)));
    return { shops: n, killedOwned: ofA.length, ownedAfterSeconds: (ownedAt - killedAt) / 1000, paidAfterSeconds: (last - killedAt) / 1000 };
  } finally {
    for (const d of [a, b]) d.child.kill('SIGTERM');
    await Promise.all([exited(a.child), exited(b.child)]);
    for (const t of ['smsmatch_messages', 'smsmatch_payments', 'smsmatch_writes', 'smsmatch_archive', 'smsmatch_shops', 'smsmatch_leases', 'smsmatch_owners']) {
      await db.query(`DELETE FROM ${t} WHERE shop = ANY($1)`, [names]).catch(() => undefined);
    }
    await db.end();
    rmSync(root, { recursive: true, force: true });
  }
}

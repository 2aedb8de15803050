import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePools } from '../../src/adapters/ledger/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { postSms, proveExactlyOnce, shopPayments } from '../faults/helpers.js';
import { checkout, poolFor } from '../../src/adapters/ledger/postgres/pool.js';
import { readPgLedger, sql } from '../helpers/pg.js';
import type { PgEnv } from '../helpers/services.js';
import { privatePgBin, startPrivatePg, type PrivatePg } from '../helpers/private-pg.js';
import { postgresBinariesService } from '../helpers/services.js';
import { twoDaemonsOver, until } from './shops-helpers.js';

const PASSWORD = 'pgRestartPw9x';
const bin = privatePgBin();
const sandboxes: Sandbox[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
let pg: PrivatePg | null = null;

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of sandboxes.splice(0)) await s.close();
});
afterAll(async () => {
  await closePools();
  await pg?.destroy();
});



if (!bin) {
  describe.skip('PostgreSQL restarted under load', () => {
    it.skip(`needs ${postgresBinariesService.name}: ${postgresBinariesService.howTo}`, () => undefined);
  });
} else {
  describe('PostgreSQL restarted under load (a private cluster: the shared one is never restarted)', () => {
    beforeAll(async () => {
      pg = await startPrivatePg(bin);
    });

    it('two daemons serving four shops keep running through a stop + start of the database: 0 lost, 0 twice, every shop served again, one line each way in the log', async () => {
      const url = pg!.url.replace('postgres@', `postgres:${PASSWORD}@`);
      const now = new Date();
      const names = [0, 1, 2, 3].map((i) => `r${i}`);
      const fleet = await twoDaemonsOver(names, url, now, { sandboxes, children });
      const { shops, a, b, logs } = fleet;
      try {
        const pays = new Map(names.map((n, i) => [n, shopPayments(now, `PR${i}`)]));
        const paid = (id: number): boolean => names.every((n) => shops.get(n)!.state.order(id)?.status === 'processing');

        // Before: every shop served, its first payment paid.
        for (const n of names) expect(await postSms(shops.get(n)!, [pays.get(n)![0]!.message])).toEqual([200]);
        await until(() => paid(501), 60_000, 'the first payments', logs);

        // Under load (passes every second on every shop, a second payment just posted), the database goes away.
        for (const n of names) expect(await postSms(shops.get(n)!, [pays.get(n)![1]!.message])).toEqual([200]);
        await pg!.stop();
        await new Promise((r) => setTimeout(r, 3_000));
        for (const n of names) expect(await postSms(shops.get(n)!, [pays.get(n)![2]!.message])).toEqual([200]);
        await new Promise((r) => setTimeout(r, 2_000));
        expect([a.child.exitCode, b.child.exitCode], logs()).toEqual([null, null]);
        await pg!.start();
        const restartedAt = Date.now();

        await until(() => paid(502) && paid(503), 90_000, 'every shop served again (all orders paid)', logs);
        const back = Date.now() - restartedAt;
        const proofs = async (): Promise<Array<{ shop: string; lost: number; twice: number; problems: string[] }>> => Promise.all(names.map(async (name) => {
          const list = pays.get(name)!;
          const p = proveExactlyOnce(shops.get(name)!, await readPgLedger(pg!.url, name), list, { messageIds: list.map((x) => x.message.message_id) });
          return { shop: name, lost: p.lost, twice: p.twice, problems: p.problems };
        }));
        await until(async () => (await proofs()).every((p) => p.problems.length === 0 || p.lost > 0 || p.twice > 0), 30_000, 'notes settled', logs);
        console.info(`PostgreSQL restart under load: every shop paid again ${(back / 1000).toFixed(1)} s after the database came back`);

        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        expect(await a.exited, logs()).toBe(0);
        expect(await b.exited, logs()).toBe(0);
        expect(await proofs()).toEqual(names.map((shop) => ({ shop, lost: 0, twice: 0, problems: [] })));
        for (const d of [a, b]) {
          const down = d.err().split('\n').filter((l) => /PostgreSQL ledger .* unreachable/.test(l));
          const up = d.err().split('\n').filter((l) => /PostgreSQL ledger .* reachable again/.test(l));
          expect({ down: down.length, up: up.length }, d.err()).toEqual({ down: 1, up: 1 });
          expect(d.err()).not.toContain(PASSWORD);
          expect(d.err()).not.toMatch(/cannot write the status file/);
        }
      } finally {
        fleet.cleanup();
      }
    }, 240_000);

    it('a connection the server drops while a transaction holds it is a failed query, not a crashed process', async () => {
      const client = await checkout(poolFor(pg!.url));
      await client.query('BEGIN');
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const [killed] = await sql<{ ok: boolean }>({ url: pg!.url } as PgEnv, 'SELECT pg_terminate_backend($1) AS ok', [pid]);
      expect(killed?.ok).toBe(true);
      // Without checkout's listener the server's "terminating connection" arrives as an unhandled 'error' event here.
      await new Promise((r) => setTimeout(r, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable|terminat/);
      client.release(true);
      expect(await poolFor(pg!.url).query('SELECT 1 AS one').then((r) => r.rows[0])).toEqual({ one: 1 });
    });
  });
}

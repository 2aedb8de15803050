import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, expect, it } from 'vitest';
import { closePools } from '../../src/adapters/ledger/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { postSms, proveExactlyOnce, shopPayments } from '../faults/helpers.js';
import { describePg, pgAvailable, readPgLedger, sql } from '../helpers/pg.js';
import { twoDaemonsOver, until } from './shops-helpers.js';

const env = await pgAvailable();
const sandboxes: Sandbox[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of sandboxes.splice(0)) await s.close();
});
afterAll(async () => {
  await closePools();
});



describePg(env, 'two daemons, one set of shops (PostgreSQL ledger)', (pg) => {
  it('kill -9 of one daemon mid-pass: the other takes every one of its shops over, 0 payments lost, 0 applied twice', async () => {
    const now = new Date();
    const run = randomUUID().slice(0, 8);
    const names = [0, 1, 2, 3].map((i) => `t${run}-${i}`);
    const fleet = await twoDaemonsOver(names, pg.url, now, { sandboxes, children });
    const { shops, a, b, logs } = fleet;
    try {
      const owners = async (): Promise<Map<string, string>> =>
        new Map((await sql<{ shop: string; daemon: string }>(pg, 'SELECT shop, daemon FROM smsmatch_owners WHERE shop = ANY($1) AND expires_at > now()', [names])).map((r) => [r.shop, r.daemon]));
      const pidOf = (daemonId: string): number => Number(daemonId.split(':').at(-2));
      // Both daemons start; within a few heartbeats the four shops are split between them.
      await until(async () => {
        const o = await owners();
        const pids = new Set([...o.values()].map(pidOf));
        return o.size === 4 && pids.has(a.child.pid!) && pids.has(b.child.pid!);
      }, 45_000, 'the shops split between the two daemons', logs);
      const ofA = [...(await owners())].filter(([, d]) => pidOf(d) === a.child.pid).map(([s]) => s);

      // Every shop gets three payments; A's shops answer their order writes slowly, so A is mid-write when killed.
      let killedAt = 0;
      for (const name of ofA) {
        // Held up a little less than the 2 s client timeout, once per shop: the later writes of the taker go through.
        shops.get(name)!.faults.delay(1500, (req) => {
          const w = req.method !== 'GET' && req.route.startsWith('/wc/');
          if (w && killedAt === 0) {
            killedAt = Date.now();
            a.child.kill('SIGKILL');
          }
          return w;
        }, { times: 1 });
      }
      const pays = new Map(names.map((n, i) => [n, shopPayments(now, `TK${i}`)]));
      for (const name of names) expect(await postSms(shops.get(name)!, pays.get(name)!.map((p) => p.message))).toEqual([200, 200, 200]);
      await until(() => killedAt > 0, 30_000, 'daemon A to start writing', logs);

      const takeover = await until(async () => {
        const o = await owners();
        return ofA.every((s) => o.has(s) && pidOf(o.get(s)!) === b.child.pid);
      }, 60_000, "B owning all of A's shops", logs);
      await until(() => names.every((n) => [501, 502, 503].every((id) => shops.get(n)!.state.order(id)?.status === 'processing')), 60_000, 'every order paid', logs);
      const paidAfter = Date.now() - killedAt;
      // The notes follow the confirmations; stop B only once every shop's story is complete.
      const proofs = async (): Promise<Array<{ shop: string; lost: number; twice: number; problems: string[] }>> => Promise.all(names.map(async (name) => {
        const list = pays.get(name)!;
        const p = proveExactlyOnce(shops.get(name)!, await readPgLedger(pg.url, name), list, { messageIds: list.map((x) => x.message.message_id) });
        return { shop: name, lost: p.lost, twice: p.twice, problems: p.problems };
      }));
      await until(async () => (await proofs()).every((p) => p.problems.length === 0 || p.lost > 0 || p.twice > 0), 30_000, 'notes settled', logs);
      console.info(`takeover of ${ofA.length} shop(s) after kill -9: ${Math.round((Date.now() - killedAt) / 100) / 10} s to every order paid (ownership moved ${takeover} ms after the kill was seen; paid ${paidAfter} ms after it)`);
      b.child.kill('SIGTERM');
      await new Promise((r) => b.child.on('close', r));
      expect(await proofs()).toEqual(names.map((shop) => ({ shop, lost: 0, twice: 0, problems: [] })));
    } finally {
      fleet.cleanup();
    }
  }, 180_000);
});

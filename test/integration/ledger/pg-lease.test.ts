import { afterAll, afterEach, expect, it } from 'vitest';
import { closePools, LeaseLostError, openLedgerAt, type Ledger, type LedgerTarget } from '../../../src/adapters/ledger/index.js';
import { createDropboxClient } from '../../../src/adapters/dropbox/client.js';
import { createShopClient } from '../../../src/adapters/woocommerce/client.js';
import { reconcile } from '../../../src/app/reconcile.js';
import { ApplyConfig } from '../../../src/config/schema.js';
import { memoryLogger } from '../../../src/log/logger.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { postSms, proveExactlyOnce, shopPayments, shopWith, shopWrites } from '../../faults/helpers.js';
import { describePg, freshShop, pgAvailable, readPgLedger, sql } from '../../helpers/pg.js';

const env = await pgAvailable();
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
});
afterAll(async () => {
  await closePools();
});

const noSleep = (): Promise<void> => Promise.resolve();

/** One real reconcile pass over a PostgreSQL ledger; the error (a lost lease) is returned, not thrown. */
async function pass(s: Sandbox, ledger: Ledger): Promise<unknown> {
  const shop = createShopClient({ url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, timeoutMs: 5000, sleep: noSleep });
  const client = createDropboxClient({ url: s.dropboxUrl, token: s.dropboxToken, timeoutMs: 5000, sleep: noSleep });
  try {
    await reconcile({
      ledger, shop, source: { kind: 'dropbox', client, pageSize: 100, maxPages: 50 }, providers: [], matching: {},
      apply: ApplyConfig.parse({}), clock: () => new Date(), log: memoryLogger(), dryRun: false,
    });
    return null;
  } catch (error) {
    return error;
  }
}

describePg(env, 'PostgreSQL ledger leases (fencing)', (pg) => {
  it('a lease stolen while a pass is writing: that pass writes nothing more, the new holder settles it exactly once', async () => {
    const now = new Date();
    const s = await shopWith(now);
    sandboxes.push(s);
    const target: LedgerTarget = { kind: 'postgres', url: pg.url, shop: freshShop('steal') };
    const pays = shopPayments(now, 'LS1');
    expect(await postSms(s, pays.map((p) => p.message))).toEqual([200, 200, 200]);

    // The first order write is held up in the shop; meanwhile "another daemon" takes the lease over, as it
    // may once this holder stalled past its expiry (here the expiry is forced instead of waited for).
    let arrived!: () => void;
    const writing = new Promise<void>((resolve) => (arrived = resolve));
    s.faults.delay(1500, (req) => {
      const isWrite = req.method !== 'GET' && req.route.startsWith('/wc/');
      if (isWrite) arrived();
      return isWrite;
    }, { times: 1 });
    const a = await openLedgerAt(target, { command: 'daemon A' });
    const passA = pass(s, a);
    await writing;
    await sql(pg, `UPDATE smsmatch_leases SET expires_at = now() - interval '1 second' WHERE shop = $1`, [target.shop]);
    const b = await openLedgerAt(target, { command: 'daemon B' });
    expect(b.warnings.join()).toMatch(/took over the ledger lease .*\(daemon A,/);
    const errorA = await passA;
    const writesWhenA = shopWrites(s);
    expect(errorA).toBeInstanceOf(LeaseLostError);
    expect(String(errorA)).toMatch(/lost the ledger lease on shop steal-/);
    await a.close();
    // A is done: after losing the lease it made no further request that changes the shop.
    await new Promise((r) => setTimeout(r, 300));
    expect(shopWrites(s)).toBe(writesWhenA);

    await b.close();
    const b2 = await openLedgerAt(target, { command: 'daemon B' });
    expect(await pass(s, b2)).toBeNull();
    await b2.close();
    const proof = proveExactlyOnce(s, await readPgLedger(pg.url, target.shop), pays, { messageIds: pays.map((p) => p.message.message_id) });
    expect(proof.problems).toEqual([]);
  });

  it('a holder whose lease is about to run out refuses to record an intent, so it never starts an order write', async () => {
    const target: LedgerTarget = { kind: 'postgres', url: pg.url, shop: freshShop('margin') };
    const a = await openLedgerAt(target);
    a.recordDecision({ messageId: 'm1', code: 'QX1', provider: 'mpesa-ke', decision: 'confirm', orderId: 9, candidates: [9], rule: 'phone', reasons: [], amountMinor: 100, currency: 'KES', overpaidMinor: 0, remainingMinor: 0 });
    await a.commit();
    // Still ours, but with less left than the fence margin (a renewal that did not get through).
    await sql(pg, `UPDATE smsmatch_leases SET expires_at = now() + interval '2 seconds' WHERE shop = $1`, [target.shop]);
    await expect(a.recordIntent({ orderId: 9, paymentKey: 'mpesa-ke:QX1', kind: 'confirm', transactionId: 'QX1', summary: {} })).rejects.toBeInstanceOf(LeaseLostError);
    expect(a.openIntents()).toEqual([]);
    await a.close();
    const rows = await sql<{ n: string }>(pg, 'SELECT count(*) AS n FROM smsmatch_writes WHERE shop = $1', [target.shop]);
    expect(rows[0]?.n).toBe('0');
  });

  it('runs the versioned migrations once and refuses a database written by a newer smsmatch', async () => {
    // A database of its own: the other suites share the main one and must never see version 99.
    const name = `smsmatch_future_${Date.now()}`;
    await sql(pg, `CREATE DATABASE ${name}`);
    const url = Object.assign(new URL(pg.url), { pathname: `/${name}` }).toString();
    try {
      const first = await openLedgerAt({ kind: 'postgres', url, shop: 'one' });
      await first.close();
      await closePools();
      const again = await openLedgerAt({ kind: 'postgres', url, shop: 'one' });
      await again.close();
      const versions = await sql<{ version: number }>({ ...pg, url }, 'SELECT version FROM smsmatch_schema ORDER BY version');
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      await sql({ ...pg, url }, `INSERT INTO smsmatch_schema (version, name) VALUES (99, 'from the future')`);
      await closePools();
      const err = await openLedgerAt({ kind: 'postgres', url, shop: 'one' }).catch((e: unknown) => e);
      expect(String(err)).toMatch(/schema version 99, newer than this smsmatch understands \(2\)/);
    } finally {
      await closePools();
      await sql(pg, `DROP DATABASE IF EXISTS ${name}`);
    }
  });

  it('keeps shops apart in one database: same codes and ids in two shops never meet', async () => {
    const one: LedgerTarget = { kind: 'postgres', url: pg.url, shop: freshShop('iso') };
    const two: LedgerTarget = { kind: 'postgres', url: pg.url, shop: freshShop('iso') };
    const a = await openLedgerAt(one);
    const b = await openLedgerAt(two);
    a.recordDecision({ messageId: 'm1', code: 'SAME1', provider: 'mpesa-ke', decision: 'confirm', orderId: 1, candidates: [1], rule: 'phone', reasons: [], amountMinor: 100, currency: 'KES', overpaidMinor: 0, remainingMinor: 0 });
    b.recordDecision({ messageId: 'm1', code: 'SAME1', provider: 'mpesa-ke', decision: 'review', orderId: null, candidates: [], rule: 'x', reasons: [], amountMinor: 100, currency: 'KES', overpaidMinor: 0, remainingMinor: null });
    await a.commit();
    await b.commit();
    await a.close();
    await b.close();
    const ra = await openLedgerAt(one, { readOnly: true });
    const rb = await openLedgerAt(two, { readOnly: true });
    expect(ra.getPayment('mpesa-ke:SAME1')?.state).toBe('matched');
    expect(rb.getPayment('mpesa-ke:SAME1')?.state).toBe('review');
  });
});

// The shop owner's side against the real plugin in WordPress + WooCommerce: route permissions, actions carried
// out by the daemon exactly once (double submit, CLI race, kill -9), and the publish size bound.
import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it, vi } from 'vitest';
import { createDropboxClient } from '../../src/adapters/dropbox/client.js';
import { fitSnapshot, MAX_PUBLISH_BYTES } from '../../src/app/admin/bound.js';
import type { PublishedPayment, Snapshot } from '../../src/app/admin/snapshot.js';
import { runAssign } from '../../src/commands/assign.js';
import { cli } from '../e2e/helpers.js';
import { spawnCli } from '../faults/helpers.js';
import { adminUrl, asUser, createOrder, daemonWorkspace, describeShop, freshAmount, orderState, pass, queueAction, receivePayment } from './admin-shop.js';
import { daemon, findWordPress, request, type WpSite } from './wp-env.js';

const wp = await findWordPress();
// Each test runs several daemon passes against php -S (4 workers shared with other suites).
vi.setConfig({ testTimeout: 180_000 });
const code = (): string => `UW${randomBytes(4).toString('hex').toUpperCase()}`;

/** Two open orders of one fresh amount and a payment of it from a stranger: it waits for a person. */
async function tie(site: WpSite, config: string): Promise<{ code: string; orders: [number, number] }> {
  const { total, printed } = freshAmount();
  const orders: [number, number] = [createOrder(site, total, 'on-hold', 'Alice', '0733100200'), createOrder(site, total, 'pending', 'Bob', '0733300400')];
  const c = code();
  await receivePayment(site, c, printed);
  await pass(config);
  return { code: c, orders };
}

async function action(site: WpSite, id: number) {
  return (await request(adminUrl(site, `/actions/${id}`), { headers: asUser(site, 'admin') })).json as { status: string; detail: string };
}

describeShop(wp, 'wp-admin side: admin REST and actions carried out by the daemon', (site) => {
  let ws: { config: string; ledger: string };
  beforeAll(() => {
    ws = daemonWorkspace(site);
  });

  it('admin and shop manager see the payments; a customer gets 403 and an anonymous caller 401, neither sees one', async () => {
    const { code: c, orders } = await tie(site, ws.config);

    for (const [role, status] of [['admin', 200], ['shop_manager', 200], ['customer', 403], ['anonymous', 401], ['wrong', 401]] as const) {
      // Searched by its code: a long-lived test shop holds more waiting payments than one page shows.
      const list = await request(adminUrl(site, `/payments?state=review&search=${c}`), { headers: asUser(site, role) });
      const post = await request(adminUrl(site, '/actions'), { method: 'POST', headers: { ...asUser(site, role), 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'assign', code: c, order: orders[0] }) });
      const one = await request(adminUrl(site, '/actions/1'), { headers: asUser(site, role) });

      expect([role, list.status], JSON.stringify(list.json)).toEqual([role, status]);
      if (status === 200) {
        expect(list.json.payments.map((p: { code: string }) => p.code)).toContain(c);
        expect([post.status, post.json.id]).toEqual([role === 'admin' ? 202 : 200, expect.any(Number)]);
      } else {
        expect([post.status, one.status]).toEqual([status, status]);
        expect(JSON.stringify([list.json, post.json, one.json])).not.toContain(c);
      }
    }
    await pass(ws.config); // settles the queued action, so later tests start with an empty queue
  });

  it('an action queued by the shop manager is applied by the next pass exactly once and reported done', async () => {
    const { code: c, orders } = await tie(site, ws.config);
    const queued = await queueAction(site, { action: 'assign', code: c, order: `#${orders[1]}` }, 'shop_manager');
    expect([queued.status, queued.json.duplicate]).toEqual([202, false]);
    expect((await daemon(site, '/messages', {}, { after: 999_999_999 })).json.pending_actions).toBe(1);

    await pass(ws.config);
    await pass(ws.config);

    expect(await action(site, queued.json.id as number)).toMatchObject({ status: 'done', detail: expect.stringContaining(`order #${orders[1]} marked paid with ${c}`) });
    expect(orderState(site, orders[1])).toMatchObject({ status: 'processing', transaction_id: c, paid_notes: 1 });
    expect(orderState(site, orders[0])).toMatchObject({ status: 'on-hold', transaction_id: '' });
    const listed = await request(adminUrl(site, `/payments?state=all&search=${c}`), { headers: asUser(site, 'admin') });
    expect(listed.json.payments).toEqual([expect.objectContaining({ code: c, review: false, state: 'assigned-manually', order_id: orders[1], action: expect.objectContaining({ status: 'done' }) })]);
  });

  it('a double submit queues one action and writes the order once', async () => {
    const { code: c, orders } = await tie(site, ws.config);

    const both = await Promise.all([queueAction(site, { action: 'assign', code: c, order: orders[0] }), queueAction(site, { action: 'assign', code: c, order: orders[0] })]);
    await pass(ws.config);
    const late = await queueAction(site, { action: 'assign', code: c, order: orders[0] });

    expect(both.map((r) => r.status).sort()).toEqual([200, 202]);
    expect(both[0].json.id).toBe(both[1].json.id);
    expect(both.find((r) => r.status === 200)!.json.message).toMatch(/is already queued \(#\d+\); nothing was added\./);
    expect(await action(site, both[0].json.id as number)).toMatchObject({ status: 'done' });
    expect([late.status, late.json.message]).toEqual([400, `Order #${orders[0]} is processing: it is not waiting for a payment.`]);
    expect(orderState(site, orders[0])).toMatchObject({ status: 'processing', paid_notes: 1 });
  });

  it('CLI first, wp-admin second: the action writes nothing twice and says so', async () => {
    const { code: c, orders } = await tie(site, ws.config);
    const queued = await queueAction(site, { action: 'assign', code: c, order: orders[0] });

    expect((await cli((io) => runAssign(c, String(orders[0]), { config: ws.config }, io))).code).toBe(0);
    await pass(ws.config);

    expect(await action(site, queued.json.id as number)).toMatchObject({ status: 'done', detail: expect.stringMatching(new RegExp(`^nothing to do: ${c} already paid order #${orders[0]} .*nothing was written twice$`)) });
    expect(orderState(site, orders[0])).toMatchObject({ status: 'processing', transaction_id: c, paid_notes: 1 });
  });

  it.each(['admin-action-started', 'admin-action-recorded'])('kill -9 at %s: neither applied twice nor lost', async (step) => {
    const { code: c, orders } = await tie(site, ws.config);
    const queued = await queueAction(site, { action: 'assign', code: c, order: orders[0] });

    const crashed = await spawnCli(['daemon', '--once', '--config', ws.config], { SMSMATCH_TEST_CRASH_AT: step });
    expect(crashed.signal, crashed.err).toBe('SIGKILL');
    expect((await action(site, queued.json.id as number)).status).toBe('queued');
    const again = await spawnCli(['daemon', '--once', '--config', ws.config], {});
    expect(again.code, again.err).toBe(0);

    expect(await action(site, queued.json.id as number)).toMatchObject({ status: 'done' });
    expect(orderState(site, orders[0])).toMatchObject({ status: 'processing', transaction_id: c, paid_notes: 1 });
    expect(orderState(site, orders[0]).notes.filter((n) => n.startsWith(`smsmatch: payment ${c} `))).toHaveLength(1);
  });

  it('the publish bound: a snapshot cut to 1,000,000 bytes is stored whole with its review queue; over 4 MiB is refused', async () => {
    const review = Array.from({ length: 30 }, (_, i) => fake(`UWREV${i}`, true, i));
    const settled = Array.from({ length: 3000 }, (_, i) => fake(`UWOLD${i}`, false, i));
    const fitted = fitSnapshot(snapshot([...review, ...settled]));
    const client = createDropboxClient({ url: site.daemon_url, token: site.token, timeoutMs: 30_000 });

    const stored = await client.publish(fitted.snapshot);
    const huge = await request(`${site.daemon_url}/publish`, { method: 'POST', headers: { Authorization: `Bearer ${site.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(snapshot(settled)).padEnd(4 * 1024 * 1024 + 10, ' ') });
    const queue = await request(adminUrl(site, '/payments?state=review'), { headers: asUser(site, 'admin') });
    const found = await request(adminUrl(site, '/payments?state=all&search=uwold2999'), { headers: asUser(site, 'admin') });

    expect(fitted.bytes).toBeLessThanOrEqual(MAX_PUBLISH_BYTES);
    expect(fitted.snapshot.dropped).toBeGreaterThan(0);
    expect(stored).toEqual({ stored: fitted.snapshot.payments.length, bytes: fitted.bytes });
    expect([huge.status, huge.json.code]).toEqual([413, 'smsmatch_too_large']);
    expect(queue.json.payments.map((p: { code: string }) => p.code).sort()).toEqual(review.map((p) => p.code).sort());
    expect(found.json.payments.map((p: { code: string }) => p.code)).toEqual(['UWOLD2999']); // the newest settled one is kept
    await pass(daemonWorkspace(site).config); // a fresh daemon start publishes the real state again
  });
});

function fake(code: string, review: boolean, i: number): PublishedPayment {
  const at = new Date(Date.now() - (3000 - i) * 60_000).toISOString();
  return {
    key: `mpesa-ke:${code}`, code, provider: 'mpesa-ke', state: review ? 'review' : 'confirmed', review, stuck: false, amount_minor: 100_000 + i,
    currency: 'KES', amount: `KES ${1000 + i}.00`, payer_name: 'JANE DOE', payer_phone: '+254712***678', paid_at: at, waiting_since: at, updated_at: at,
    order_id: review ? null : 900_000 + i, remaining_minor: null, decision: review ? 'review' : 'confirm', rule: 'phone', reasons: ['phone and amount match'],
    candidates: [], sms: `${code} Confirmed.You have received Ksh${1000 + i}.00 from JANE DOE 0712***678 on 1/1/26 at 9:00 AM New M-PESA balance is Ksh20,000.00.`, sender: 'MPESA',
  };
}

function snapshot(payments: PublishedPayment[]): Snapshot {
  return {
    version: 1, published_at: new Date().toISOString(), window_days: 30, dropped: 0, review_count: payments.filter((p) => p.review).length, payments,
    health: { started_at: new Date().toISOString(), pid: 1, schedule: '* * * * *', timezone: 'Africa/Nairobi', last_pass: null, last_active_pass_at: null, last_sms_at: null, auth_failure: null, dropbox_down_since: null, dropbox_error: null, waiting_for_review: 0, partial: 0, last_run: null, alerts: [] },
  };
}

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runAssign } from '../../src/commands/assign.js';
import { main } from '../../src/main.js';
import type { Sandbox, SandboxOrderSeed, SandboxUser } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { postSms, spawnCli } from '../faults/helpers.js';
import { captureIo } from '../helpers/io.js';
import { http } from '../sandbox/helpers.js';
import { cli, mpesaTime, sms, workspace, type Workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const ago = (min: number): string => new Date(now.getTime() - min * 60_000).toISOString();
const order = (id: number, total: number, status = 'on-hold'): SandboxOrderSeed => ({
  id, status, total, createdAt: ago(60 - (id % 10)), billing: { first_name: `Buyer${id}`, last_name: 'Test', phone: `07330${id}00`, email: `b${id}@example.com` },
});
/** KES 700 from a stranger: orders 503 and 504 both fit, so it waits for a person. */
const tiePayment = (code: string) =>
  sms(`${code} Confirmed.You have received Ksh700.00 from JOHN DOE 0799***777 on ${mpesaTime(new Date(now.getTime() - 3 * 60_000))} New M-PESA balance is Ksh20,000.00.`);

interface Shop {
  s: Sandbox;
  ws: Workspace;
  code: string;
}

async function shopInReview(code: string): Promise<Shop> {
  const s = (sandbox = await startSandbox({ orders: [order(503, 700), order(504, 700, 'pending'), order(505, 900, 'pending')] }));
  const ws = workspace(s);
  expect(await postSms(s, [tiePayment(code)])).toEqual([200]);
  await pass(ws);
  return { s, ws, code };
}

/** One daemon pass, in-process: `smsmatch daemon --once`. */
async function pass(ws: Workspace): Promise<string> {
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  expect(await main(['daemon', '--once', '--config', ws.config], io), io.err()).toBe(0);
  return io.err();
}

function user(s: Sandbox, role: SandboxUser['role']): string {
  const u = s.users.find((x) => x.role === role)!;
  return `Basic ${Buffer.from(`${u.login}:${u.appPassword}`).toString('base64')}`;
}

const queue = (s: Sandbox, body: Record<string, unknown>, role: SandboxUser['role'] = 'administrator') =>
  http(`${s.dropboxUrl}/admin/actions`, { method: 'POST', headers: { Authorization: user(s, role), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const actionRow = (s: Sandbox, id: number) => s.state.dropbox.actions.find((a) => a.id === id)!;
const shopWrites = (s: Sandbox) => s.state.requests.filter((r) => r.method !== 'GET' && r.route.startsWith('/wc/'));
const paidTransitions = (s: Sandbox, id: number) => s.state.notes(id).filter((n) => /^Order status changed from .* to Processing\.$/.test(n.note)).length;
const ledgerPayment = (ws: Workspace, code: string) =>
  (JSON.parse(readFileSync(ws.ledger, 'utf8')) as { payments: Record<string, { state: string; orderId: number | null }> }).payments[`mpesa-ke:${code}`];

describe('the daemon publishes payments and health to the plugin', () => {
  it('on start: the review queue with its candidates and the SMS, health, and no secret anywhere', async () => {
    const { s, code } = await shopInReview('UA1AB2CD3E');

    const copy = s.state.dropbox.published!;
    const text = JSON.stringify(copy);

    expect(copy.reviewCount).toBe(1);
    expect(copy.payments).toHaveLength(1);
    expect(copy.payments[0]).toMatchObject({
      code, review: true, amount_minor: 70000, currency: 'KES', payer_name: 'JOHN DOE', payer_phone: '+254799***777', order_id: null,
      candidates: [{ order_id: 503 }, { order_id: 504 }], sender: 'MPESA',
    });
    expect(copy.payments[0]!['sms']).toContain(`${code} Confirmed.You have received Ksh700.00`);
    expect(copy.health).toMatchObject({ waiting_for_review: 1, auth_failure: null, alerts: [], timezone: expect.any(String) });
    for (const secret of [s.dropboxToken, s.consumerKey, s.consumerSecret, s.smssyncSecret]) expect(text).not.toContain(secret);
  });
});

describe('admin actions queued in the plugin, carried out by the next pass', () => {
  it('confirms a payment for an order exactly once, reports done, and publishes the new state', async () => {
    const { s, ws, code } = await shopInReview('UA2AB2CD3E');
    const queued = await queue(s, { action: 'assign', code, order: 503 });
    expect([queued.status, queued.json]).toEqual([202, { id: 1, status: 'queued', duplicate: false }]);
    s.state.clearLogs();

    const log = await pass(ws);

    expect(actionRow(s, 1)).toMatchObject({ status: 'done', detail: `order #503 marked paid with ${code} (order now processing)` });
    expect(s.state.order(503)).toMatchObject({ status: 'processing', transaction_id: code });
    expect(s.state.notes(503).map((n) => n.note).join('\n')).toContain('assigned by hand by admin (wp-admin)');
    expect(ledgerPayment(ws, code)).toMatchObject({ state: 'assigned-manually', orderId: 503 });
    expect(log).toMatch(/admin action 1 \(assign UA2AB2CD3E\) done/);
    expect(s.state.dropbox.published!.payments[0]).toMatchObject({ code, review: false, state: 'assigned-manually', order_id: 503 });
    expect(s.state.dropbox.published!.reviewCount).toBe(0);
    const got = await http(`${s.dropboxUrl}/admin/actions/1`, { headers: { Authorization: user(s, 'shop_manager') } });
    expect(got.json).toMatchObject({ id: 1, status: 'done', requested_by: 'admin' });

    s.state.clearLogs();
    await pass(ws);
    expect(shopWrites(s)).toEqual([]);
    expect(s.state.requests.filter((r) => r.route.startsWith('/smsmatch/v1/actions'))).toEqual([]);
    expect(paidTransitions(s, 503)).toBe(1);
  });

  it('a double submit queues one action; a repeat after it ran is refused at the door', async () => {
    const { s, ws, code } = await shopInReview('UA3AB2CD3E');

    const [a, b] = await Promise.all([queue(s, { action: 'assign', code, order: 503 }), queue(s, { action: 'assign', code: code.toLowerCase(), order: 503 })]);
    await pass(ws);
    s.state.clearLogs();
    const again = await queue(s, { action: 'assign', code, order: 503 });
    await pass(ws);

    expect([a.json.id, b.json.id]).toEqual([1, 1]);
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    expect([b.json.duplicate, b.json.message]).toEqual([true, `An action for ${code.toLowerCase()} is already queued (#1); nothing was added.`]);
    expect(s.state.dropbox.actions).toHaveLength(1);
    expect([again.status, again.json.message]).toEqual([400, 'Order #503 is processing: it is not waiting for a payment.']);
    expect(shopWrites(s)).toEqual([]);
    expect(paidTransitions(s, 503)).toBe(1);
  });

  it('CLI first, admin second: the action finds the payment settled and writes nothing twice', async () => {
    const { s, ws, code } = await shopInReview('UA4AB2CD3E');
    const same = await queue(s, { action: 'assign', code, order: 503 });

    const byCli = await cli((io) => runAssign(code, '503', { config: ws.config }, io));
    expect(byCli.code).toBe(0);
    s.state.clearLogs();
    await pass(ws);

    expect(actionRow(s, same.json.id as number)).toMatchObject({ status: 'done', detail: expect.stringContaining('nothing to do: UA4AB2CD3E already paid order #503 (order #503 marked paid; assigned by hand by tester)') });
    expect(shopWrites(s)).toEqual([]);
    expect(paidTransitions(s, 503)).toBe(1);
    const other = await queue(s, { action: 'assign', code, order: 504 });
    await pass(ws);
    expect(actionRow(s, other.json.id as number)).toMatchObject({ status: 'failed', detail: 'payment UA4AB2CD3E already paid order #503; one payment pays one order' });
    expect(s.state.order(504)?.status).toBe('pending');
  });

  it('a refusal is reported with the same words as the CLI, and the payment stays in review', async () => {
    const { s, ws, code } = await shopInReview('UA5AB2CD3E');
    const short = await queue(s, { action: 'assign', code, order: 505 });

    await pass(ws);

    expect(actionRow(s, short.json.id as number)).toMatchObject({ status: 'failed', detail: `payment ${code} of KES 700.00 is less than the KES 900.00 outstanding on order #505` });
    expect(s.state.order(505)?.status).toBe('pending');
    expect(ledgerPayment(ws, code)?.state).toMatch(/^(review|unmatched)$/);
    expect(s.state.dropbox.published!.payments[0]).toMatchObject({ code, review: true });
  });

  it('dismisses with the reason given in wp-admin; a dismiss without a reason is refused at the door', async () => {
    const { s, ws, code } = await shopInReview('UA6AB2CD3E');

    const bare = await queue(s, { action: 'dismiss', code, reason: '  ' });
    const ok = await queue(s, { action: 'dismiss', code, reason: 'refunded to the customer by phone' }, 'shop_manager');
    await pass(ws);

    expect([bare.status, bare.json.code, bare.json.data.field]).toEqual([400, 'smsmatch_invalid_param', 'reason']);
    expect(actionRow(s, ok.json.id as number)).toMatchObject({ status: 'done', detail: expect.stringMatching(/^dismissed UA6AB2CD3E \(was (review|unmatched)\): refunded to the customer by phone$/) });
    expect(ledgerPayment(ws, code)?.state).toBe('dismissed');
    expect(s.state.dropbox.published!.payments[0]).toMatchObject({ state: 'dismissed', review: false, reasons: expect.arrayContaining(['dismissed by shop_manager (wp-admin): refunded to the customer by phone']) });
  });

  it.each(['admin-action-started', 'admin-action-recorded'])('kill -9 at %s: the next pass neither repeats nor loses the action', async (step) => {
    const { s, ws, code } = await shopInReview(step === 'admin-action-started' ? 'UA7AB2CD3E' : 'UA8AB2CD3E');
    const { json } = await queue(s, { action: 'assign', code, order: 503 });

    const crashed = await spawnCli(['daemon', '--once', '--config', ws.config], { SMSMATCH_TEST_CRASH_AT: step });
    expect(crashed.signal, crashed.err).toBe('SIGKILL');
    expect(actionRow(s, json.id as number).status).toBe('queued');
    const again = await spawnCli(['daemon', '--once', '--config', ws.config], {});
    expect(again.code, again.err).toBe(0);

    expect(actionRow(s, json.id as number)).toMatchObject({ status: 'done' });
    expect(s.state.order(503)).toMatchObject({ status: 'processing', transaction_id: code });
    expect(paidTransitions(s, 503)).toBe(1);
    expect(s.state.emails.filter((e) => e.orderId === 503 && e.template === 'customer_processing_order')).toHaveLength(1);
    expect(s.state.notes(503).filter((n) => n.note.startsWith(`smsmatch: payment ${code} `))).toHaveLength(1);
    expect(ledgerPayment(ws, code)).toMatchObject({ state: 'assigned-manually', orderId: 503 });
  });
});

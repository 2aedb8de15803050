import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxUser } from '../../src/sandbox/index.js';
import { MAX_PUBLISH_BODY } from '../../src/sandbox/publish.js';
import { http, NOW } from './helpers.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ now: () => NOW, dropboxToken: 'tok-123', orders: [{ id: 7, status: 'pending', total: 700, createdAt: NOW.toISOString(), billing: { first_name: 'A', last_name: 'B', phone: '0712000000', email: 'a@b.c' } }] });
});
afterEach(() => sb.close());

const daemon = (path: string, init: RequestInit = {}) => http(`${sb.dropboxUrl}${path}`, { ...init, headers: { Authorization: 'Bearer tok-123', 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } });
const as = (role: SandboxUser['role'] | 'anonymous' | 'wrong'): Record<string, string> => {
  if (role === 'anonymous') return {};
  const u = sb.users.find((x) => x.role === (role === 'wrong' ? 'administrator' : role))!;
  return { Authorization: `Basic ${Buffer.from(`${u.login}:${role === 'wrong' ? 'nope' : u.appPassword}`).toString('base64')}` };
};
const payment = (code: string, review: boolean, extra: Record<string, unknown> = {}) => ({ key: `mpesa-ke:${code}`, code, review, payer_name: 'JOHN DOE', payer_phone: '+254799***777', order_id: null, candidates: [{ order_id: 7 }], ...extra });
const snapshot = (payments: unknown[]) => ({ version: 1, published_at: NOW.toISOString(), dropped: 0, review_count: 1, health: { alerts: [] }, payments });

describe('sandbox: the daemon routes of the wp-admin page', () => {
  it('stores a published snapshot; refuses a wrong version, a malformed payment and an oversized body', async () => {
    const ok = await daemon('/publish', { method: 'POST', body: JSON.stringify(snapshot([payment('QA1', true), payment('QA2', false, { order_id: 5 })])) });
    const version = await daemon('/publish', { method: 'POST', body: JSON.stringify({ ...snapshot([]), version: 2 }) });
    const bad = await daemon('/publish', { method: 'POST', body: JSON.stringify(snapshot([{ code: 5 }])) });
    const huge = await daemon('/publish', { method: 'POST', body: 'x'.repeat(MAX_PUBLISH_BODY + 1) });
    const noToken = await http(`${sb.dropboxUrl}/publish`, { method: 'POST', body: '{}' });

    expect([ok.status, ok.json.stored]).toEqual([200, 2]);
    expect([version.status, bad.status, huge.status, huge.json.code, noToken.status]).toEqual([400, 400, 413, 'smsmatch_too_large', 401]);
    expect(sb.state.dropbox.published?.payments.map((p) => p.code)).toEqual(['QA1', 'QA2']);
  });

  it('lists queued actions, counts them in /messages, and takes the first report of each only', async () => {
    await daemon('/publish', { method: 'POST', body: JSON.stringify(snapshot([payment('QA1', true)])) });
    const queued = await http(`${sb.dropboxUrl}/admin/actions`, { method: 'POST', headers: { ...as('shop_manager'), 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'assign', code: 'QA1', order: '#7' }) });

    const before = await daemon('/messages');
    const listed = await daemon('/actions');
    const first = await daemon('/actions/1', { method: 'POST', body: JSON.stringify({ status: 'done', detail: 'order #7 marked paid' }) });
    const again = await daemon('/actions/1', { method: 'POST', body: JSON.stringify({ status: 'failed', detail: 'late' }) });
    const missing = await daemon('/actions/9', { method: 'POST', body: JSON.stringify({ status: 'done', detail: '' }) });
    const after = await daemon('/messages');

    expect(queued.status).toBe(202);
    expect(before.json.pending_actions).toBe(1);
    expect(listed.json.actions).toEqual([{ id: 1, action: 'assign', code: 'QA1', order_id: 7, requested_by: 'shop_manager', requested_at: expect.any(String) }]);
    expect([first.json, again.json]).toEqual([{ id: 1, status: 'done', changed: true }, { id: 1, status: 'done', changed: false }]);
    expect([missing.status, after.json.pending_actions]).toEqual([404, 0]);
  });
});

describe('sandbox: the admin REST routes', () => {
  it.each([
    ['administrator', 200], ['shop_manager', 200], ['customer', 403], ['anonymous', 401], ['wrong', 401],
  ] as const)('%s → %i, and only managers see a payment', async (role, status) => {
    await daemon('/publish', { method: 'POST', body: JSON.stringify(snapshot([payment('QA1', true)])) });

    const list = await http(`${sb.dropboxUrl}/admin/payments?state=all`, { headers: as(role) });
    const post = await http(`${sb.dropboxUrl}/admin/actions`, { method: 'POST', headers: { ...as(role), 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'dismiss', code: 'QA1', reason: 'test' }) });

    expect(list.status).toBe(status);
    expect(post.status).toBe(status === 200 ? 202 : status);
    if (status !== 200) expect(`${list.text}${post.text}`).not.toContain('QA1');
    else expect(list.json.payments.map((p: { code: string }) => p.code)).toEqual(['QA1']);
  });

  it('searches by code, phone digits, name and order; state=review shows the queue only', async () => {
    await daemon('/publish', { method: 'POST', body: JSON.stringify(snapshot([payment('QA1X', true), payment('QB2Y', false, { payer_name: 'MARY W', payer_phone: '+254711222333', order_id: 42, candidates: [] })])) });
    const find = async (q: string, state = 'all') => ((await http(`${sb.dropboxUrl}/admin/payments?state=${state}&search=${encodeURIComponent(q)}`, { headers: as('administrator') })).json.payments as Array<{ code: string }>).map((p) => p.code);

    expect(await find('qa1')).toEqual(['QA1X']);
    expect(await find('0711 222')).toEqual(['QB2Y']);
    expect(await find('mary')).toEqual(['QB2Y']);
    expect(await find('#42')).toEqual(['QB2Y']);
    expect(await find('7')).toEqual(['QA1X']);
    expect(await find('', 'review')).toEqual(['QA1X']);
    expect((await http(`${sb.dropboxUrl}/admin/payments?state=bogus`, { headers: as('administrator') })).status).toBe(400);
  });

  it('refuses an unknown payment, a missing order and a closed order with a clear message', async () => {
    await daemon('/publish', { method: 'POST', body: JSON.stringify(snapshot([payment('QA1', true)])) });
    const post = (body: unknown) => http(`${sb.dropboxUrl}/admin/actions`, { method: 'POST', headers: { ...as('administrator'), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const unknown = await post({ action: 'assign', code: 'NOPE', order: 7 });
    const noOrder = await post({ action: 'assign', code: 'QA1', order: 99 });
    const badAction = await post({ action: 'refund', code: 'QA1' });

    expect([unknown.status, unknown.json.code]).toEqual([404, 'smsmatch_unknown_payment']);
    expect([noOrder.status, noOrder.json.message]).toEqual([400, 'There is no order #99.']);
    expect([badAction.status, badAction.json.data.field]).toEqual([400, 'action']);
  });
});

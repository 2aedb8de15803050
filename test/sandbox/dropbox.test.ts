import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signalFileName, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { http, NOW } from './helpers.js';

let sb: Sandbox;
let clock = NOW;

beforeEach(async () => {
  clock = NOW;
  sb = await startSandbox({ now: () => clock, smssyncSecret: 's3cret', dropboxToken: 'tok-123' });
});
afterEach(() => sb.close());

const auth = { Authorization: 'Bearer tok-123' };
const daemon = (path: string, init: RequestInit = {}) => http(`${sb.dropboxUrl}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });

async function receive(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const body = new URLSearchParams({ secret: 's3cret', from: 'MPESA', message: `payment ${i}`, message_id: id });
    await http(sb.smssyncUrl, { method: 'POST', body });
    ids.push(id);
  }
  return ids;
}

describe('sandbox drop-box daemon API', () => {
  it('refuses a missing or wrong token with 401 smsmatch_unauthorized', async () => {
    const attempts: Array<Record<string, string>> = [{}, { Authorization: 'Bearer nope' }, { 'X-Smsmatch-Token': 'tok-12' }, { Authorization: 'Basic dG9rLTEyMw==' }];

    for (const headers of attempts) {
      const res = await http(`${sb.dropboxUrl}/messages`, { headers });
      expect([res.status, res.json.code, res.json.data]).toEqual([401, 'smsmatch_unauthorized', { status: 401 }]);
    }
  });

  it('accepts Bearer or X-Smsmatch-Token, and only the fallback header when Authorization is stripped', async () => {
    const bearer = await daemon('/health');
    sb.faults.stripAuthorization(true);
    const strippedBearer = await daemon('/health');
    const fallback = await http(`${sb.dropboxUrl}/health`, { headers: { 'X-Smsmatch-Token': 'tok-123' } });

    expect([bearer.status, strippedBearer.status, fallback.status]).toEqual([200, 401, 200]);
  });

  it('pages messages by ascending id with next_after and has_more, on both URL forms', async () => {
    const ids = await receive(5);

    const first = await daemon('/messages?after=0&limit=2');
    const second = await daemon(`/messages?after=${first.json.next_after}&limit=2`);
    const plain = await http(`${sb.url}/?rest_route=/smsmatch/v1/messages&after=4&limit=2`, { headers: auth });
    const end = await daemon('/messages?after=999');

    expect(first.json.messages.map((m: { message_id: string }) => m.message_id)).toEqual(ids.slice(0, 2));
    expect([first.json.next_after, first.json.has_more]).toEqual([2, true]);
    expect(second.json.messages.map((m: { id: number }) => m.id)).toEqual([3, 4]);
    expect(plain.json).toMatchObject({ next_after: 5, has_more: false });
    expect(end.json).toEqual({ messages: [], next_after: 999, has_more: false, pending_actions: 0, last_code_at: null, signal_nonce: sb.state.dropbox.signal.nonce });
  });

  it.each(['limit=0', 'limit=501', 'limit=abc', 'after=-1', 'after=0%20OR%201=1'])('rejects %s with 400 smsmatch_invalid_param', async (q) => {
    const res = await daemon(`/messages?${q}`);

    expect([res.status, res.json.code]).toEqual([400, 'smsmatch_invalid_param']);
  });

  it('queues outbox SMS idempotently by uuid and validates the body', async () => {
    const body = { to: '+254712345678', message: 'Order 1042 is paid', uuid: randomUUID() };
    const post = (b: unknown) => daemon('/outbox', { method: 'POST', body: JSON.stringify(b), headers: { 'Content-Type': 'application/json' } });

    const first = await post(body);
    const again = await post({ ...body, message: 'changed' });

    expect([first.status, first.json]).toEqual([201, { uuid: body.uuid, status: 'queued', created: true }]);
    expect([again.status, again.json]).toEqual([200, { uuid: body.uuid, status: 'queued', created: false }]);
    for (const bad of [{}, { ...body, uuid: 'x' }, { ...body, to: '' }, { ...body, message: 5 }]) {
      expect((await post(bad)).json.code).toBe('smsmatch_invalid_param');
    }
    expect(sb.state.dropbox.outbox).toHaveLength(1);
  });

  it('reports health: poll and SMS times, counts', async () => {
    await receive(2);
    await http(sb.smssyncUrl, { method: 'POST', body: new URLSearchParams({ secret: 's3cret', from: 'Mum', message: 'hi', message_id: randomUUID() }) });
    clock = new Date('2026-08-28T12:05:00Z');
    await daemon('/messages');

    const res = await daemon('/health');

    expect(res.json).toEqual({
      plugin_version: '1.1.0', now: '2026-08-28T12:05:00Z', last_sms_at: '2026-08-28T12:00:00Z', last_poll_at: '2026-08-28T12:05:00Z',
      outbox_size: 0, stored: 2, dropped: 1, last_id: 2,
      signal: { url: `${sb.url}/wp-content/uploads/smsmatch/${signalFileName('tok-123')}`, nonce: sb.state.dropbox.signal.nonce, error: null },
    });
    // Two stored payment SMS rewrote the signal file twice; the dropped one did not.
    expect(sb.state.dropbox.signal.writes).toBe(2);
  });

  it('records /notify as an smsmatch_alert email, and a mail failure as 502', async () => {
    const post = (b: unknown) => daemon('/notify', { method: 'POST', body: JSON.stringify(b), headers: { 'Content-Type': 'application/json' } });

    const sent = await post({ subject: 'smsmatch: phone silent', message: 'No SMS for 6 hours.' });
    sb.faults.failMail();
    const failed = await post({ subject: 'x', message: 'y' });
    const bad = await post({ subject: '' });

    expect([sent.status, sent.json]).toEqual([200, { sent: true }]);
    expect([failed.status, failed.json.code, bad.json.code]).toEqual([502, 'smsmatch_mail_failed', 'smsmatch_invalid_param']);
    expect(sb.state.emails).toEqual([
      { to: 'admin@sandbox-shop.test', template: 'smsmatch_alert', orderId: null, at: NOW.toISOString(), subject: 'smsmatch: phone silent', message: 'No SMS for 6 hours.' },
    ]);
  });
});

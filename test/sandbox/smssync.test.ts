import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { http, NOW } from './helpers.js';

let sb: Sandbox;
const SUCCESS = { payload: { success: true, error: null } };
const FORBIDDEN = { payload: { success: false, error: 'Incorrect or missing secret key' } };

beforeEach(async () => {
  sb = await startSandbox({ now: () => NOW, smssyncSecret: 's3cret', dropboxToken: 'tok' });
});
afterEach(() => sb.close());

function sms(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    secret: 's3cret', from: 'MPESA', message: 'UHSNH45W4A Confirmed. Ksh1,250.00 received from JOHN DOE 0712345678',
    sent_timestamp: '1788551040000', sent_to: '', message_id: randomUUID(), device_id: 'shop-phone', ...overrides,
  };
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function post(fields: Record<string, string>, format: 'form' | 'json' | 'xml' = 'form', url = sb.smssyncUrl, method = 'POST') {
  if (format === 'json') return http(url, { method, body: JSON.stringify(fields), headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
  if (format === 'xml') {
    const inner = Object.entries(fields).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
    // The real app labels XML as JSON.
    const body = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><payload>${inner}</payload>`;
    return http(url, { method, body, headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
  }
  return http(url, { method, body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

describe('sandbox SMSsync endpoint', () => {
  it.each(['form', 'json', 'xml'] as const)('stores a payment SMS posted as %s, verbatim', async (format) => {
    const fields = sms({ message: 'Pay & go <b>"100%"</b> + more' });

    const res = await post(fields, format);

    expect([res.status, res.json]).toEqual([200, SUCCESS]);
    expect(res.headers.get('content-type')!.toLowerCase()).toBe('application/json; charset=utf-8');
    expect(sb.state.dropbox.messages).toEqual([
      { id: 1, message_id: fields['message_id'], from: 'MPESA', message: fields['message'], sent_timestamp: '1788551040000', sent_to: '', device_id: 'shop-phone', received_at: '2026-08-28T12:00:00Z' },
    ]);
  });

  it('works on the plain-permalink URL with PUT and multipart', async () => {
    const plain = `${sb.url}/?smsmatch_smssync=1`;
    const form = new FormData();
    for (const [k, v] of Object.entries(sms())) form.append(k, v);

    const put = await post(sms(), 'form', plain, 'PUT');
    const multipart = await http(plain, { method: 'POST', body: form });

    expect([put.json, multipart.json]).toEqual([SUCCESS, SUCCESS]);
    expect(sb.state.dropbox.messages).toHaveLength(2);
  });

  it('rejects a wrong, missing or empty secret with 403 and the failure payload', async () => {
    const missing = sms();
    delete missing['secret'];

    for (const fields of [sms({ secret: 'nope' }), missing, sms({ secret: '' })]) {
      const res = await post(fields);
      expect([res.status, res.json]).toEqual([403, FORBIDDEN]);
    }
    expect(sb.state.dropbox.messages).toEqual([]);
  });

  it('answers the Test integration button and field-less junk with success, storing nothing', async () => {
    const test = { secret: 's3cret', from: '+000000000000', message: 'Test Message From SMSSync Integration' };

    const answers = [await post(test), await post(test, 'json'), await post(test, 'xml'), await post({ secret: 's3cret', Task: 'alert' })];

    expect(answers.map((a) => [a.status, a.json])).toEqual(Array(4).fill([200, SUCCESS]));
    expect(sb.state.dropbox.messages).toEqual([]);
  });

  it('stores a repeated message_id once, keeping the first copy', async () => {
    const first = sms();

    await post(first);
    const again = await post({ ...first, message: 'retried copy' }, 'json');

    expect(again.json).toEqual(SUCCESS);
    expect(sb.state.dropbox.messages.map((m) => m.message)).toEqual([first['message']]);
    expect(sb.state.dropbox.duplicates).toBe(1);
  });

  it('drops senders off the payment list (counted only) and matches list entries loosely', async () => {
    await post(sms({ from: '+254712345678', message: 'see you at 6' }));
    for (const from of ['m-pesa', 'M.PESA', 'Airtel Money', ' mpesa ', '127']) await post(sms({ from }));

    expect(sb.state.dropbox.dropped).toBe(1);
    expect(sb.state.dropbox.messages.map((m) => m.from)).toEqual(['m-pesa', 'M.PESA', 'Airtel Money', ' mpesa ', '127']);
  });

  it('refuses XML with a DOCTYPE', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE payload [<!ENTITY x SYSTEM "file:///etc/passwd">]><payload><secret>s3cret</secret><from>MPESA</from><message>&x;</message><message_id>${randomUUID()}</message_id></payload>`;

    const res = await http(sb.smssyncUrl, { method: 'POST', body });

    expect([res.status, res.json]).toEqual([403, FORBIDDEN]);
  });
});

describe('sandbox SMSsync task flow', () => {
  async function queue(n: number): Promise<string[]> {
    const uuids = Array.from({ length: n }, () => randomUUID());
    for (const [i, uuid] of uuids.entries()) {
      const res = await http(`${sb.dropboxUrl}/outbox`, { method: 'POST', headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' }, body: JSON.stringify({ to: '+254712345678', message: `Order ${i} paid`, uuid }) });
      expect(res.status).toBe(201);
    }
    return uuids;
  }

  it('hands out at most 20 per poll, each once, then an empty list; refuses a bad secret', async () => {
    const uuids = await queue(23);

    const first = await http(`${sb.smssyncUrl}?task=send&secret=s3cret`);
    const second = await http(`${sb.smssyncUrl}?task=send&secret=s3cret`);
    const idle = await http(`${sb.url}/?smsmatch_smssync=1?task=send&secret=s3cret`);
    const refused = await Promise.all(['?task=send', '?task=send&secret=x', '?task=result&secret=x'].map((q) => http(`${sb.smssyncUrl}${q}`)));

    expect(first.json.payload).toMatchObject({ task: 'send', secret: 's3cret' });
    expect(first.json.payload.messages).toHaveLength(20);
    expect(first.json.payload.messages[0]).toEqual({ to: '+254712345678', message: 'Order 0 paid', uuid: uuids[0] });
    expect(second.json.payload.messages.map((m: { uuid: string }) => m.uuid)).toEqual(uuids.slice(20));
    expect(idle.json).toEqual({ payload: { task: 'send', secret: 's3cret', messages: [] } });
    expect(refused.map((r) => [r.status, r.json])).toEqual(Array(3).fill([403, FORBIDDEN]));
  });

  it('echoes on task=sent only uuids it handed out, once; lists and records delivery results', async () => {
    const uuids = await queue(3);
    await http(`${sb.smssyncUrl}?task=send&secret=s3cret`);
    const stranger = randomUUID();
    const ack = JSON.stringify({ queued_messages: [uuids[0], stranger, uuids[1]] });

    const sent = await http(`${sb.smssyncUrl}?task=sent`, { method: 'POST', body: ack, headers: { 'Content-Type': 'application/json' } });
    const repeat = await http(`${sb.smssyncUrl}?task=sent`, { method: 'POST', body: ack });
    const waiting = await http(`${sb.smssyncUrl}?task=result&secret=s3cret`);
    const asString = { message_result: JSON.stringify([{ uuid: uuids[0], sent_result_code: -1, delivered_result_code: -1 }]) };
    const asArray = { message_result: [{ uuid: uuids[1], sent_result_code: 4, sent_result_message: 'No service' }] };
    const results = [asString, asArray].map((b) => http(`${sb.smssyncUrl}?task=result&secret=s3cret`, { method: 'POST', body: JSON.stringify(b) }));
    const answers = await Promise.all(results);
    const after = await http(`${sb.smssyncUrl}?task=result&secret=s3cret?secret=s3cret&from=%2B000000000000`);

    expect(sent.json).toEqual({ message_uuids: [uuids[0], uuids[1]] });
    expect(repeat.json).toEqual({ message_uuids: [] });
    expect(waiting.json.message_uuids.sort()).toEqual([...uuids].sort());
    expect(answers.map((a) => a.json)).toEqual([SUCCESS, SUCCESS]);
    expect(after.json).toEqual({ message_uuids: [uuids[2]] });
    expect(sb.state.dropbox.outbox.map((m) => m.status)).toEqual(['delivered', 'failed', 'sent_to_phone']);
  });
});

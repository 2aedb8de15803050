// The SMSsync endpoint of the real WordPress plugin, driven exactly as the Android app drives it.
import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  FORBIDDEN, SUCCESS, daemon, describeSites, findStored, findWordPress, lastId, messagesAfter, phoneUrl, postSms, request, smsFields,
} from './wp-env.js';
import type { BodyFormat } from './wp-env.js';

const wp = await findWordPress();

describeSites(wp, 'SMSsync endpoint', (site) => {
  it.each<[BodyFormat, string]>([
    ['form', 'POST'],
    ['json', 'POST'],
    ['xml', 'POST'],
    ['form', 'PUT'],
    ['json', 'PUT'],
  ])('stores a payment SMS sent as %s by %s, verbatim', async (format, method) => {
    const after = await lastId(site);
    const fields = smsFields(site, { sent_to: '+254700000001', message: `Pay & go <b>"100%"</b> + more ${randomUUID()}` });

    const res = await postSms(site, fields, format, method);

    expect(res.status).toBe(200);
    expect(res.contentType.toLowerCase()).toBe('application/json; charset=utf-8');
    expect(res.json).toEqual(SUCCESS);
    const [stored, ...rest] = await findStored(site, after, fields['message_id']!);
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({
      message_id: fields['message_id'], from: 'MPESA', message: fields['message'], sent_timestamp: '1788551040000',
      sent_to: '+254700000001', device_id: 'shop-phone',
    });
    expect(stored!.received_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(stored!.received_at) - Date.now())).toBeLessThan(120_000);
  });

  it('accepts multipart bodies (curl -F manual tests)', async () => {
    const after = await lastId(site);
    const fields = smsFields(site);
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);

    const res = await request(phoneUrl(site), { method: 'POST', body: form });

    expect(res.json).toEqual(SUCCESS);
    expect(await findStored(site, after, fields['message_id']!)).toHaveLength(1);
  });

  it('answers the "Test integration" button with success and stores nothing', async () => {
    const after = await lastId(site);
    const fields = { secret: site.secret, from: '+000000000000', message: 'Test Message From SMSSync Integration' };

    for (const format of ['form', 'json', 'xml'] as const) {
      const res = await postSms(site, fields, format);
      expect(res.status).toBe(200);
      expect(res.json).toEqual(SUCCESS);
    }
    const stored = await messagesAfter(site, after);
    expect(stored.filter((m) => m.message === fields.message || m.from === fields.from)).toEqual([]);
  });

  it('rejects a wrong or missing secret with 403 and the failure payload, storing nothing', async () => {
    const after = await lastId(site);
    const wrong = smsFields(site, { secret: `${site.secret}x` });
    const missing = smsFields(site);
    delete missing['secret'];
    const empty = smsFields(site, { secret: '' });

    for (const fields of [wrong, missing, empty]) {
      const res = await postSms(site, fields);
      expect(res.status).toBe(403);
      expect(res.json).toEqual(FORBIDDEN);
      expect(await findStored(site, after, fields['message_id']!)).toEqual([]);
    }
    const test = await postSms(site, { secret: 'nope', from: '+000000000000', message: 'Test Message From SMSSync Integration' });
    expect(test.status).toBe(403);
  });

  it('stores a repeated message_id once and keeps the first copy', async () => {
    const after = await lastId(site);
    const first = smsFields(site);
    const second = { ...first, message: 'a retried copy with other text' };

    const answers = [await postSms(site, first), await postSms(site, second, 'json'), await postSms(site, first, 'xml')];

    expect(answers.map((a) => [a.status, a.json])).toEqual([[200, SUCCESS], [200, SUCCESS], [200, SUCCESS]]);
    const stored = await findStored(site, after, first['message_id']!);
    expect(stored.map((m) => m.message)).toEqual([first['message']]);
  });

  it('takes the first value of a repeated form field', async () => {
    const after = await lastId(site);
    const id = randomUUID();
    const wrongFirst: [string, string][] = [['secret', 'wrong'], ['secret', site.secret], ['from', 'MPESA'], ['message', 'x'], ['message_id', id]];
    const rightFirst: [string, string][] = [['secret', site.secret], ['secret', 'wrong'], ['from', 'MPESA'], ['from', 'Mum'], ['message', 'first'], ['message', 'second'], ['message_id', id]];

    expect((await postSms(site, wrongFirst)).status).toBe(403);
    expect((await postSms(site, rightFirst)).json).toEqual(SUCCESS);

    const stored = await findStored(site, after, id);
    expect(stored.map((m) => [m.from, m.message])).toEqual([['MPESA', 'first']]);
  });

  it('keeps a 4,096-byte body (the cap: 26 concatenated parts) and unicode (emoji, RTL, combining marks) intact', async () => {
    const after = await lastId(site);
    const long = smsFields(site, { message: 'M-PESA '.repeat(1500).slice(0, 4096) });
    const unicode = smsFields(site, { message: 'تم استلام 100 شلن 💸🇰🇪 — שלום, e\u0301, 中文 \u200f', device_id: 'سيم١' });
    const unicodeJson = smsFields(site, { message: '👩🏽‍💻 received Ksh 1 from مريم' });

    expect((await postSms(site, long)).json).toEqual(SUCCESS);
    expect((await postSms(site, unicode)).json).toEqual(SUCCESS);
    expect((await postSms(site, unicodeJson, 'json')).json).toEqual(SUCCESS);

    const [storedLong] = await findStored(site, after, long['message_id']!);
    expect(storedLong!.message).toHaveLength(4096);
    expect(storedLong!.message).toBe(long['message']);
    expect((storedLong as unknown as Record<string, unknown>)['truncated']).toBeUndefined();
    const [storedUnicode] = await findStored(site, after, unicode['message_id']!);
    expect([storedUnicode!.message, storedUnicode!.device_id]).toEqual([unicode['message'], 'سيم١']);
    const [storedJson] = await findStored(site, after, unicodeJson['message_id']!);
    expect(storedJson!.message).toBe(unicodeJson['message']);
  });

  it('drops SMS from senders off the payment list, counting them only', async () => {
    const after = await lastId(site);
    const before = (await daemon(site, '/health')).json.dropped as number;
    const personal = smsFields(site, { from: '+254712345678', message: 'see you at 6' });
    const variants = ['m-pesa', 'M.PESA', 'Airtel Money', ' mpesa '].map((from) => smsFields(site, { from }));

    expect((await postSms(site, personal)).json).toEqual(SUCCESS);
    for (const v of variants) expect((await postSms(site, v)).json).toEqual(SUCCESS);

    expect(await findStored(site, after, personal['message_id']!)).toEqual([]);
    for (const v of variants) expect(await findStored(site, after, v['message_id']!)).toHaveLength(1);
    expect((await daemon(site, '/health')).json.dropped).toBeGreaterThanOrEqual(before + 1);
  });

  it('acknowledges field-less POSTs (low-battery alert, junk) without storing', async () => {
    const after = await lastId(site);

    const junk = await postSms(site, { secret: site.secret, Task: 'alert' });
    const queued = await request(phoneUrl(site), { method: 'POST', body: JSON.stringify({ secret: site.secret, queued_messages: ['x'] }) });
    const noId = await postSms(site, { secret: site.secret, from: 'MPESA', message: 'no message_id' });

    expect([junk, queued, noId].map((r) => [r.status, r.json])).toEqual([[200, SUCCESS], [200, SUCCESS], [200, SUCCESS]]);
    const stored = await daemon(site, '/messages', {}, { after, limit: 500 });
    expect(stored.json.messages.filter((m: { message: string }) => m.message === 'no message_id')).toEqual([]);
  });

  it('refuses XML with a DOCTYPE (no entity expansion, no external entities)', async () => {
    const after = await lastId(site);
    const id = randomUUID();
    const body = `<?xml version="1.0"?><!DOCTYPE payload [<!ENTITY x SYSTEM "file:///etc/passwd">]><payload><secret>${site.secret}</secret>`
      + `<from>MPESA</from><message>&x;</message><message_id>${id}</message_id></payload>`;

    const res = await request(phoneUrl(site), { method: 'POST', body, headers: { 'Content-Type': 'application/json; charset=UTF-8' } });

    expect([res.status, res.json]).toEqual([403, FORBIDDEN]);
    expect(await findStored(site, after, id)).toEqual([]);
  });
});

describeSites(wp, 'SMSsync endpoint: oversized SMS', (site) => {
  it('stores at most the first 4 KB of a huge SMS with its size and SHA-256, answers the phone success (no retry loop), and hands the mark to the daemon', async () => {
    const after = await lastId(site);
    // 'é' is two bytes: the cut must not split it.
    const text = `UK1AB2CD3E Confirmed.You have received Ksh1,500.00 ${'é'.repeat(300 * 1024)}`;
    const fields = smsFields(site, { message: text });

    const res = await postSms(site, fields, 'form');

    expect(res.status).toBe(200);
    expect(res.json).toEqual(SUCCESS);
    const [stored, ...rest] = await findStored(site, after, fields['message_id']!);
    expect(rest).toEqual([]);
    const kept = String(stored!.message);
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(4090);
    expect(text.startsWith(kept)).toBe(true);
    expect((stored as unknown as Record<string, unknown>)['truncated']).toEqual({ original_bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') });
  });

  it('a normal SMS carries no truncation mark', async () => {
    const after = await lastId(site);
    const fields = smsFields(site);
    expect((await postSms(site, fields, 'form')).json).toEqual(SUCCESS);
    const [stored] = await findStored(site, after, fields['message_id']!);
    expect(stored).toBeDefined();
    expect((stored as unknown as Record<string, unknown>)['truncated']).toBeUndefined();
  });
});

// The daemon API of the real plugin: token auth, paging, outbox, health, notify.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SUCCESS, daemon, daemonUrl, describeSites, findWordPress, lastId, postSms, request, smsFields } from './wp-env.js';

const wp = await findWordPress();
const mailLog = wp.ok ? wp.env.mail_log : '';

describeSites(wp, 'daemon API', (site) => {
  it('answers every bad token with the same 401', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Basic ${site.token}` },
      { Authorization: `Bearer ${site.token}x` },
      { 'X-Smsmatch-Token': site.token.slice(0, -1) },
      { Authorization: 'Bearer ', 'X-Smsmatch-Token': '' },
    ];
    const expected = { code: 'smsmatch_unauthorized', message: expect.any(String), data: { status: 401 } };

    for (const route of ['/messages', '/health']) {
      for (const headers of attempts) {
        const res = await request(daemonUrl(site, route), { headers });
        expect([res.status, res.json]).toEqual([401, expected]);
      }
    }
    const outbox = await request(daemonUrl(site, '/outbox'), { method: 'POST', body: '{}' });
    expect(outbox.status).toBe(401);
  });

  it('accepts the token as Bearer or as X-Smsmatch-Token', async () => {
    const bearer = await request(daemonUrl(site, '/health'), { headers: { Authorization: `Bearer ${site.token}` } });
    const fallback = await request(daemonUrl(site, '/health'), { headers: { 'X-Smsmatch-Token': site.token } });

    expect([bearer.status, fallback.status]).toEqual([200, 200]);
    expect(fallback.json.plugin_version).toBe('1.1.0');
  });

  it('pages messages in ascending id order with next_after and has_more', async () => {
    const after = await lastId(site);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const fields = smsFields(site);
      expect((await postSms(site, fields)).json).toEqual(SUCCESS);
      ids.push(fields['message_id']!);
    }

    const seen: string[] = [];
    let cursor = after;
    let previous = after;
    for (let page = 0; page < 50 && seen.filter((id) => ids.includes(id)).length < 5; page++) {
      const res = await daemon(site, '/messages', {}, { after: cursor, limit: 2 });
      expect(res.status).toBe(200);
      const messages = res.json.messages as { id: number; message_id: string }[];
      expect(messages.length).toBeLessThanOrEqual(2);
      for (const m of messages) {
        expect(m.id).toBeGreaterThan(previous);
        previous = m.id;
      }
      expect(res.json.next_after).toBe(messages.at(-1)?.id ?? cursor);
      if (messages.length < 2) expect(res.json.has_more).toBe(false);
      seen.push(...messages.map((m) => m.message_id));
      cursor = res.json.next_after;
    }
    expect(seen).toEqual(expect.arrayContaining(ids));
    const again = await daemon(site, '/messages', {}, { after, limit: 500 });
    expect(again.json.messages.map((m: { message_id: string }) => m.message_id)).toEqual(expect.arrayContaining(ids));
  });

  it('returns an empty page past the end and defaults when no parameters are given', async () => {
    const end = await daemon(site, '/messages', {}, { after: 999_999_999 });
    const defaults = await daemon(site, '/messages');

    const { last_code_at: lastCodeAt, ...rest } = end.json as { last_code_at: unknown };
    expect(rest).toEqual({
      messages: [], next_after: 999_999_999, has_more: false, pending_actions: expect.any(Number),
      signal_nonce: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // Null until a customer types a code on an order page (test/checkout-wp), then the time in UTC.
    expect(lastCodeAt === null || (typeof lastCodeAt === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(lastCodeAt))).toBe(true);
    expect(defaults.status).toBe(200);
    expect(defaults.json.messages.length).toBeLessThanOrEqual(100);
  });

  it.each<Record<string, string | number>>([{ limit: 0 }, { limit: 501 }, { limit: 'abc' }, { after: -1 }, { after: '0 OR 1=1' }, { after: '1; DROP TABLE x' }])(
    'rejects bad paging parameters %j with 400',
    async (query) => {
      const res = await daemon(site, '/messages', {}, query);

      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ code: 'smsmatch_invalid_param', data: { status: 400 } });
    },
  );

  it('queues outbox SMS idempotently by uuid and validates the body', async () => {
    const body = { to: '+254712345678', message: 'Your order 1042 is paid', uuid: randomUUID() };
    const post = (b: unknown) => daemon(site, '/outbox', { method: 'POST', body: JSON.stringify(b), headers: { 'Content-Type': 'application/json' } });

    const first = await post(body);
    const again = await post({ ...body, message: 'changed' });

    expect([first.status, first.json]).toEqual([201, { uuid: body.uuid, status: 'queued', created: true }]);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ uuid: body.uuid, created: false });
    for (const bad of [{}, { ...body, uuid: 'not-a-uuid' }, { ...body, to: '' }, { ...body, message: 5 }]) {
      const res = await post(bad);
      expect([res.status, res.json.code]).toEqual([400, 'smsmatch_invalid_param']);
    }
  });

  it('reports health figures, including the last poll and last SMS times', async () => {
    await postSms(site, smsFields(site));
    await daemon(site, '/messages', {}, { after: 999_999_999 });

    const res = await daemon(site, '/health');

    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['dropped', 'last_id', 'last_poll_at', 'last_sms_at', 'now', 'outbox_size', 'plugin_version', 'signal', 'stored'].sort());
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
    expect(res.json.now).toMatch(iso);
    expect(res.json.last_poll_at).toMatch(iso);
    expect(res.json.last_sms_at).toMatch(iso);
    expect(Date.now() - Date.parse(res.json.last_poll_at)).toBeLessThan(120_000);
    expect(res.json.stored).toBeGreaterThan(0);
    expect(res.json.last_id).toBeGreaterThanOrEqual(res.json.stored > 0 ? 1 : 0);
    expect(Number.isInteger(res.json.outbox_size) && Number.isInteger(res.json.dropped)).toBe(true);
  });

  it('sends alerts through wp_mail and reports a mail failure as 502', async () => {
    const subject = `smsmatch alert ${randomUUID()}`;
    const post = (b: unknown) => daemon(site, '/notify', { method: 'POST', body: JSON.stringify(b), headers: { 'Content-Type': 'application/json' } });

    const sent = await post({ subject, message: 'The phone has been silent for 6 hours.' });
    const failed = await post({ subject: '[fail] alert', message: 'x' });
    const bad = await post({ subject: '' });

    expect([sent.status, sent.json]).toEqual([200, { sent: true }]);
    const mails = readFileSync(mailLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; subject: string; message: string });
    expect(mails.find((m) => m.subject === subject)).toEqual(expect.objectContaining({ to: 'admin@shop.test', message: 'The phone has been silent for 6 hours.' }));
    expect([failed.status, failed.json.code]).toEqual([502, 'smsmatch_mail_failed']);
    expect([bad.status, bad.json.code]).toEqual([400, 'smsmatch_invalid_param']);
  });
});

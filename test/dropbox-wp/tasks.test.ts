// SMSsync task flow against the real plugin: send (poll), sent (ack without secret), result (delivery reports).
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { FORBIDDEN, SUCCESS, daemon, describeSites, findWordPress, phoneUrl, request } from './wp-env.js';
import type { WpSite } from './wp-env.js';

const wp = await findWordPress();

interface TaskMessage { to: string; message: string; uuid: string }

async function queue(site: WpSite, count: number): Promise<string[]> {
  const uuids: string[] = [];
  for (let i = 0; i < count; i++) {
    const uuid = randomUUID();
    const res = await daemon(site, '/outbox', { method: 'POST', body: JSON.stringify({ to: '+254712345678', message: `Order ${i} confirmed 👍`, uuid }) });
    expect(res.status).toBe(201);
    uuids.push(uuid);
  }
  return uuids;
}

/** Polls like the phone until the queue is drained; returns every batch. */
async function drain(site: WpSite): Promise<TaskMessage[][]> {
  const batches: TaskMessage[][] = [];
  for (let i = 0; i < 10; i++) {
    const res = await request(phoneUrl(site, `?task=send&secret=${encodeURIComponent(site.secret)}`));
    expect(res.status).toBe(200);
    expect(res.json.payload).toMatchObject({ task: 'send', secret: site.secret });
    const messages = res.json.payload.messages as TaskMessage[];
    expect(Array.isArray(messages)).toBe(true);
    if (messages.length === 0) return batches;
    batches.push(messages);
  }
  throw new Error('outbox never drained');
}

describeSites(wp, 'SMSsync task flow', (site) => {
  it('hands out queued SMS at most 20 at a time, each once, with only to/message/uuid', async () => {
    const uuids = await queue(site, 23);

    const batches = await drain(site);

    const handed = batches.flat();
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(20);
    for (const m of handed) expect(Object.keys(m).sort()).toEqual(['message', 'to', 'uuid']);
    expect(new Set(handed.map((m) => m.uuid)).size).toBe(handed.length);
    expect(handed.map((m) => m.uuid)).toEqual(expect.arrayContaining(uuids));
    const mine = handed.find((m) => m.uuid === uuids[0])!;
    expect(mine).toEqual({ to: '+254712345678', message: 'Order 0 confirmed 👍', uuid: uuids[0] });
    // Other suites may queue receipts on the same site meanwhile (test/checkout-wp/receipt.test.ts): none of ours is left.
    const idle = await request(phoneUrl(site, `?task=send&secret=${site.secret}`));
    expect(idle.json.payload).toMatchObject({ task: 'send', secret: site.secret });
    expect((idle.json.payload.messages as TaskMessage[]).filter((m) => uuids.includes(m.uuid))).toEqual([]);
  });

  it('refuses task polls with a wrong or missing secret', async () => {
    for (const suffix of ['?task=send&secret=wrong', '?task=send', '?task=result&secret=wrong']) {
      const res = await request(phoneUrl(site, suffix));
      expect([res.status, res.json]).toEqual([403, FORBIDDEN]);
    }
  });

  it('echoes on task=sent only the uuids it handed out, once, without a secret', async () => {
    const uuids = await queue(site, 2);
    await drain(site);
    const stranger = randomUUID();
    const queued = { queued_messages: [uuids[0], stranger, uuids[1]] };

    const first = await request(phoneUrl(site, '?task=sent'), { method: 'POST', body: JSON.stringify(queued), headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
    const again = await request(phoneUrl(site, '?task=sent'), { method: 'POST', body: JSON.stringify(queued) });

    expect([first.status, first.json]).toEqual([200, { message_uuids: [uuids[0], uuids[1]] }]);
    expect(again.json).toEqual({ message_uuids: [] });
  });

  it('lists uuids awaiting delivery reports and records reports given as a string or an array', async () => {
    const uuids = await queue(site, 3);
    await drain(site);
    const resultUrl = phoneUrl(site, `?task=result&secret=${site.secret}`);

    const waiting = await request(resultUrl);
    expect(waiting.status).toBe(200);
    expect(waiting.json.message_uuids).toEqual(expect.arrayContaining(uuids));

    const asString = { message_result: JSON.stringify([{ uuid: uuids[0], sent_result_code: -1, delivered_result_code: -1, sent_timestamp: 'Feb 21, 2017 10:15:30 AM' }]) };
    const asArray = { message_result: [{ uuid: uuids[1], sent_result_code: 4, sent_result_message: 'No service' }] };
    for (const body of [asString, asArray]) {
      const res = await request(resultUrl, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
      expect([res.status, res.json]).toEqual([200, SUCCESS]);
    }

    const after = await request(resultUrl);
    expect(after.json.message_uuids).not.toContain(uuids[0]);
    expect(after.json.message_uuids).not.toContain(uuids[1]);
    expect(after.json.message_uuids).toContain(uuids[2]);
  });

  it('tolerates the stray "?secret=…&from=…" junk the app appends after a test', async () => {
    const res = await request(phoneUrl(site, `?task=result&secret=${site.secret}?secret=${site.secret}&from=%2B000000000000&message=Test`));

    expect(res.status).toBe(200);
    expect(Array.isArray(res.json.message_uuids)).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toOrder } from '../../../src/adapters/woocommerce/order-schema.js';
import { runMatch } from '../../../src/commands/match.js';
import type { Decision, MatchMessage } from '../../../src/core/match/index.js';
import { matchPayments } from '../../../src/core/match/index.js';
import { parseSms } from '../../../src/core/sms/parse.js';
import { captureIo } from '../../helpers/io.js';

const dir = 'fixtures/scenarios/nairobi-week';
const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as Record<string, { decision: string; orderId: number | null }>;

async function decide(messages: string, orders = `${dir}/orders.json`): Promise<Decision[]> {
  const io = captureIo();
  const code = await runMatch({ messages, orders, json: true }, io);
  expect(code).toBe(0);
  return (JSON.parse(io.out()) as { decisions: Decision[] }).decisions;
}

describe('scenario: a week at a small Nairobi shop', () => {
  it('reaches the expected decision for every message, through the real parser', async () => {
    const decisions = await decide(`${dir}/messages.json`);

    const got = Object.fromEntries(decisions.map((d) => [d.messageId, { decision: d.decision, orderId: d.orderId }]));
    expect(got).toEqual(expected);
  });

  it('explains itself: a reason on every decision, candidates on reviews', async () => {
    const decisions = await decide(`${dir}/messages.json`);

    for (const d of decisions) expect(d.reasons.length).toBeGreaterThan(0);
    const byId = new Map(decisions.map((d) => [d.messageId, d]));
    expect(byId.get('nw-005')).toMatchObject({ rule: 'amount', suggestedOrderId: 1044 });
    expect(byId.get('nw-009')).toMatchObject({ rule: 'masked-phone+name', candidates: [1047, 1048] });
    expect(byId.get('nw-014')).toMatchObject({ overpaidMinor: 5000 });
    expect(byId.get('nw-015')).toMatchObject({ duplicateOf: 'nw-014' });
  });

  it('decides the same when the messages and orders arrive in reverse order', () => {
    const raw = JSON.parse(readFileSync(`${dir}/messages.json`, 'utf8')) as Array<{ from: string; message: string; sent_timestamp: string; message_id: string }>;
    const messages: MatchMessage[] = raw.map((m) => {
      const receivedAt = new Date(Number(m.sent_timestamp)).toISOString();
      return { messageId: m.message_id, receivedAt, parsed: parseSms({ from: m.from, text: m.message, receivedAt }) };
    });
    const orders = (JSON.parse(readFileSync(`${dir}/orders.json`, 'utf8')) as unknown[]).map((o, i) => toOrder(o, `orders[${i}]`));

    const forward = matchPayments({ messages, orders });
    const backward = matchPayments({ messages: [...messages].reverse(), orders: [...orders].reverse() });

    expect([...backward].reverse()).toEqual(forward);
  });
});

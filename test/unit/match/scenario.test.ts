import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMatch } from '../../../src/commands/match.js';
import type { Decision } from '../../../src/core/match/index.js';
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
});

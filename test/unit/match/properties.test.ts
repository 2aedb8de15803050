import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/core/match/index.js';
import { DEFAULT_MATCH_CONFIG, matchPayments } from '../../../src/core/match/index.js';
import { messages, orderArb, paymentArb, shop } from './gen.js';

const shopArb = fc.array(orderArb, { minLength: 1, maxLength: 12 });
const paymentsArb = fc.array(paymentArb, { minLength: 1, maxLength: 12 });
const RUNS = { numRuns: 300 };

function paying(ds: Decision[]): Decision[] {
  return ds.filter((d) => d.decision === 'confirm' || d.decision === 'partial');
}

describe('matching invariants', () => {
  it('never confirms or part-pays when every order has an identical twin and one payment arrives', () => {
    fc.assert(
      fc.property(shopArb, paymentArb, (specs, spec) => {
        const orders = shop(specs);
        const twins = orders.map((o) => ({ ...o, id: o.id + 5000 }));

        const [d] = matchPayments({ messages: messages([spec]), orders: [...orders, ...twins] });

        expect(['confirm', 'partial']).not.toContain(d!.decision);
      }),
      RUNS,
    );
  });

  it('pays each code to at most one order, and only with confirming evidence', () => {
    fc.assert(
      fc.property(shopArb, paymentsArb, (specs, pays) => {
        const ds = matchPayments({ messages: messages(pays), orders: shop(specs) });

        const codes = paying(ds).map((d) => `${d.provider}:${d.code}`);
        expect(new Set(codes).size).toBe(codes.length);
        for (const d of paying(ds)) expect(DEFAULT_MATCH_CONFIG.confirmOn).toContain(d.rule);
      }),
      RUNS,
    );
  });

  it('never over-claims an order: partials stay below the total, one confirm, nothing after it', () => {
    fc.assert(
      fc.property(shopArb, paymentsArb, (specs, pays) => {
        const orders = shop(specs);
        const ds = matchPayments({ messages: messages(pays), orders });

        for (const o of orders) {
          const mine = paying(ds).filter((d) => d.orderId === o.id).sort((a, b) => a.paidAt.localeCompare(b.paidAt) || (a.code ?? '').localeCompare(b.code ?? ''));
          const confirms = mine.filter((d) => d.decision === 'confirm');
          expect(confirms.length).toBeLessThanOrEqual(1);
          if (mine.length > 0) expect(['pending', 'on-hold']).toContain(o.status);
          let paid = 0;
          for (const d of mine) {
            paid += d.amountMinor!;
            if (d.decision === 'partial') expect(paid).toBeLessThan(o.totalMinor);
            else expect(paid).toBe(o.totalMinor + d.overpaidMinor);
          }
          if (confirms.length === 1) expect(mine[mine.length - 1]!.decision).toBe('confirm');
        }
      }),
      RUNS,
    );
  });

  it('gives the same decisions whatever order the messages come in', () => {
    fc.assert(
      fc.property(shopArb, paymentsArb, fc.integer(), (specs, pays, seed) => {
        const orders = shop(specs);
        const msgs = messages(pays);
        const shuffled = fc.sample(fc.shuffledSubarray(msgs, { minLength: msgs.length, maxLength: msgs.length }), { seed, numRuns: 1 })[0]!;

        const a = matchPayments({ messages: msgs, orders });
        const b = matchPayments({ messages: shuffled, orders: [...orders].reverse() });

        const byId = new Map(b.map((d) => [d.messageId, d]));
        expect(a.map((d) => byId.get(d.messageId))).toEqual(a);
      }),
      RUNS,
    );
  });

  it('lets exactly one message per code through and marks the others duplicate', () => {
    fc.assert(
      fc.property(shopArb, paymentsArb, (specs, pays) => {
        const ds = matchPayments({ messages: messages(pays), orders: shop(specs) });

        const byCode = new Map<string, Decision[]>();
        for (const d of ds.filter((x) => x.decision !== 'ignored')) byCode.set(d.code!, [...(byCode.get(d.code!) ?? []), d]);
        for (const group of byCode.values()) {
          expect(group.filter((d) => d.decision !== 'duplicate')).toHaveLength(1);
        }
      }),
      RUNS,
    );
  });

  it('is not vacuous: generated shops reach every decision kind', () => {
    const kinds = new Set<string>();
    for (const [specs, pays] of fc.sample(fc.tuple(shopArb, paymentsArb), { seed: 42, numRuns: 300 })) {
      for (const d of matchPayments({ messages: messages(pays), orders: shop(specs) })) kinds.add(d.decision);
    }

    expect([...kinds].sort()).toEqual(['confirm', 'duplicate', 'ignored', 'partial', 'review', 'unmatched']);
  });
});

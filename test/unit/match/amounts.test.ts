import { describe, expect, it } from 'vitest';
import type { MatchHistory } from '../../../src/core/match/index.js';
import { matchPayments } from '../../../src/core/match/index.js';
import { order, payment } from './build.js';

const noHistory: MatchHistory = { codes: new Map(), partials: new Map(), confirmedOrders: new Set() };

describe('amounts', () => {
  it('confirms an overpayment and says by how much', () => {
    const [d] = matchPayments({ messages: [payment({ amountMinor: 160000 })], orders: [order(7)] });

    expect(d).toMatchObject({ decision: 'confirm', orderId: 7, overpaidMinor: 10000, remainingMinor: 0 });
    expect(d!.reasons).toContain('overpaid by KES 100.00');
  });

  it('sends an overpayment to review when overpayments are not allowed', () => {
    const [d] = matchPayments({ messages: [payment({ amountMinor: 160000 })], orders: [order(7)], config: { allowOverpayment: false } });

    expect(d).toMatchObject({ decision: 'review', suggestedOrderId: 7 });
  });

  it('makes an underpayment partial, then adds payments up until the one that completes confirms', () => {
    const msgs = [
      payment({ id: 'a', code: 'UAA0000001', amountMinor: 50000, at: '2026-05-04T09:00:00Z' }),
      payment({ id: 'b', code: 'UAA0000002', amountMinor: 50000, at: '2026-05-04T10:00:00Z' }),
      payment({ id: 'c', code: 'UAA0000003', amountMinor: 60000, at: '2026-05-04T11:00:00Z' }),
    ];

    const ds = matchPayments({ messages: msgs, orders: [order(7)] });

    expect(ds.map((d) => [d.decision, d.orderId, d.remainingMinor, d.overpaidMinor])).toEqual([
      ['partial', 7, 100000, 0],
      ['partial', 7, 50000, 0],
      ['confirm', 7, 0, 10000],
    ]);
    expect(ds[1]!.reasons).toContain('amount KES 500.00 is short of outstanding KES 1,000.00 by KES 500.00');
  });

  it('adds up partials across runs through history', () => {
    const history: MatchHistory = { ...noHistory, partials: new Map([[7, { paidMinor: 100000, codes: ['UAA0000001'] }]]) };
    const old = order(7, { createdAt: '2026-04-01T08:00:00Z' });

    const [d] = matchPayments({ messages: [payment({ amountMinor: 50000 })], orders: [old], history });

    expect(d).toMatchObject({ decision: 'confirm', orderId: 7, overpaidMinor: 0 });
    expect(d!.reasons).toContain('amount KES 500.00 covers outstanding KES 500.00');
  });

  it('sends underpayments to review when partials are off', () => {
    const [d] = matchPayments({ messages: [payment({ amountMinor: 50000 })], orders: [order(7)], config: { allowPartial: false } });

    expect(d).toMatchObject({ decision: 'review', suggestedOrderId: 7 });
  });

  it('never makes an amount-only underpayment partial', () => {
    const [d] = matchPayments({ messages: [payment({ amountMinor: 50000, payerPhone: null, payerName: null })], orders: [order(7)] });

    expect(d!.decision).toBe('unmatched');
  });

  it('prefers the order whose total the amount fits exactly among equally evidenced ones', () => {
    const small = order(1, { totalMinor: 100000 });
    const big = order(2, { totalMinor: 150000 });

    const [d] = matchPayments({ messages: [payment()], orders: [small, big] });

    expect(d).toMatchObject({ decision: 'confirm', orderId: 2, candidates: [2, 1] });
  });
});

describe('ties', () => {
  it('sends two orders that tie on amount only to review', () => {
    const a = order(1, { billing: { phone: '0799000001', firstName: 'A', lastName: 'B' } });
    const b = order(2, { billing: { phone: '0799000002', firstName: 'C', lastName: 'D' } });

    const [d] = matchPayments({ messages: [payment()], orders: [a, b] });

    expect(d).toMatchObject({ decision: 'review', orderId: null, suggestedOrderId: null, rule: 'amount', candidates: [1, 2] });
    expect(d!.reasons[0]).toBe('2 orders tie on amount: #1, #2');
  });

  it('sends a payer with two different-total orders and a non-fitting amount to review', () => {
    const [d] = matchPayments({ messages: [payment({ amountMinor: 120000 })], orders: [order(1, { totalMinor: 100000 }), order(2)] });

    expect(d).toMatchObject({ decision: 'review', rule: 'phone' });
  });

  it('pairs N identical orders with N payments from the same payer, oldest first', () => {
    const orders = [order(2, { createdAt: '2026-05-04T08:05:00Z' }), order(1, { createdAt: '2026-05-04T08:00:00Z' })];
    const msgs = [payment({ id: 'b', code: 'UBB0000002', at: '2026-05-04T09:05:00Z' }), payment({ id: 'a', code: 'UBB0000001' })];

    const ds = matchPayments({ messages: msgs, orders });

    expect(ds.map((d) => [d.messageId, d.decision, d.orderId])).toEqual([['b', 'confirm', 2], ['a', 'confirm', 1]]);
    expect(ds[1]!.reasons[0]).toContain('paired oldest first');
  });

  it('does not pair when there are fewer payments than identical orders', () => {
    const orders = [order(1), order(2), order(3)];
    const msgs = [payment({ id: 'a', code: 'UBB0000001' }), payment({ id: 'b', code: 'UBB0000002' })];

    const ds = matchPayments({ messages: msgs, orders });

    expect(ds.map((d) => d.decision)).toEqual(['review', 'review']);
  });

  it('does not pair when twin pairing is off', () => {
    const msgs = [payment({ id: 'a', code: 'UBB0000001' }), payment({ id: 'b', code: 'UBB0000002' })];

    const ds = matchPayments({ messages: msgs, orders: [order(1), order(2)], config: { pairTwinOrders: false } });

    expect(ds.map((d) => d.decision)).toEqual(['review', 'review']);
  });
});

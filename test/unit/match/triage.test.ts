import { describe, expect, it } from 'vitest';
import type { MatchHistory } from '../../../src/core/match/index.js';
import { matchPayments } from '../../../src/core/match/index.js';
import { order, payment } from './build.js';

describe('ignored and duplicates', () => {
  it.each([
    ['an untrusted sender', payment({ trusted: false, untrustedReason: 'sender +254711000000 is not MPESA' }), 'untrusted'],
    ['a withdrawal', payment({ kind: 'withdrawal' }), 'not-payment'],
    ['a reversal', payment({ kind: 'reversal', reverses: 'UAB1C2D3E4' }), 'not-payment'],
  ])('ignores %s', (_label, msg, rule) => {
    const [d] = matchPayments({ messages: [msg], orders: [order(7)] });

    expect(d).toMatchObject({ decision: 'ignored', rule, orderId: null });
  });

  it('lets a spoof not block the genuine receipt that carries the same code', () => {
    const spoof = payment({ id: 'spoof', trusted: false, untrustedReason: 'ordinary number', at: '2026-05-04T08:59:00Z' });
    const real = payment({ id: 'real' });

    const ds = matchPayments({ messages: [spoof, real], orders: [order(7)] });

    expect(ds.map((d) => d.decision)).toEqual(['ignored', 'confirm']);
  });

  it('marks a twin SMS with the same code as a duplicate, whichever order they come in', () => {
    const first = payment({ id: 'sms-1', at: '2026-05-04T09:00:00Z' });
    const twin = payment({ id: 'sms-2', at: '2026-05-04T09:00:05Z' });

    const ds = matchPayments({ messages: [twin, first], orders: [order(7)] });

    expect(ds.map((d) => [d.messageId, d.decision, d.orderId, d.duplicateOf])).toEqual([
      ['sms-2', 'duplicate', null, 'sms-1'],
      ['sms-1', 'confirm', 7, null],
    ]);
  });

  it('keeps the same code from two providers apart', () => {
    const ds = matchPayments({ messages: [payment({ id: 'a' }), payment({ id: 'b', provider: 'kcb-ke', amountMinor: 100 })], orders: [order(7)] });

    expect(ds[1]!.decision).not.toBe('duplicate');
  });

  it('marks a code decided in an earlier run as a duplicate', () => {
    const history: MatchHistory = {
      codes: new Map([['mpesa-ke:UAB1C2D3E4', { messageId: 'old', decision: 'confirm', orderId: 3 }]]),
      partials: new Map(),
      confirmedOrders: new Set([3]),
    };

    const [d] = matchPayments({ messages: [payment({ id: 'new' })], orders: [order(7)], history });

    expect(d).toMatchObject({ decision: 'duplicate', duplicateOf: 'old', suggestedOrderId: 3, orderId: null });
  });

  it('treats a code the ledger only recorded inside a partial as spent', () => {
    const history: MatchHistory = { codes: new Map(), partials: new Map([[7, { paidMinor: 50000, codes: ['uab1c2d3e4'] }]]), confirmedOrders: new Set() };

    const [d] = matchPayments({ messages: [payment()], orders: [order(7)], history });

    expect(d).toMatchObject({ decision: 'duplicate', suggestedOrderId: 7, orderId: null });
  });

  it('matches again a message an earlier run left for review', () => {
    const history: MatchHistory = {
      codes: new Map([['mpesa-ke:UAB1C2D3E4', { messageId: 'm1', decision: 'review', orderId: null }]]),
      partials: new Map(),
      confirmedOrders: new Set(),
    };

    const [d] = matchPayments({ messages: [payment({ id: 'm1' })], orders: [order(7)], history });

    expect(d!.decision).toBe('confirm');
  });

  it('never confirms one order twice within a run', () => {
    const ds = matchPayments({ messages: [payment({ id: 'a', code: 'UCC0000001' }), payment({ id: 'b', code: 'UCC0000002' })], orders: [order(7)] });

    expect(ds.map((d) => d.decision)).toEqual(['confirm', 'unmatched']);
  });

  it('sends a trusted payment with no amount or currency to review', () => {
    const [d] = matchPayments({ messages: [payment({ currency: null })], orders: [order(7)] });

    expect(d).toMatchObject({ decision: 'review', rule: 'unreadable' });
  });

  it('does not confirm a payment without a transaction code', () => {
    const [d] = matchPayments({ messages: [payment({ code: null })], orders: [order(7)] });

    expect(d).toMatchObject({ decision: 'review', suggestedOrderId: 7 });
  });

  it('explains an unmatched payment whose evidence points at an order that cannot take it', () => {
    const stale = order(7, { createdAt: '2026-04-20T08:00:00Z' });
    const paid = order(8, { status: 'processing', billing: { phone: '0712345678' }, totalMinor: 99 });

    const [d] = matchPayments({ messages: [payment()], orders: [stale, paid] });

    expect(d!.decision).toBe('unmatched');
    expect(d!.reasons.slice(1)).toEqual([
      'phone +254712345678 = billing phone of #8, but its status is processing',
      'phone +254712345678 = billing phone of #7, but it was created 14 days before the payment (window: 7 days)',
    ]);
  });
});

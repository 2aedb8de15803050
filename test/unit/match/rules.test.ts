import { describe, expect, it } from 'vitest';
import { matchPayments } from '../../../src/core/match/index.js';
import type { MatchConfig } from '../../../src/core/match/index.js';
import type { Order } from '../../../src/core/order.js';
import { order, payment } from './build.js';
import type { MatchMessage } from '../../../src/core/match/index.js';

function one(messages: MatchMessage[], orders: Order[], config?: Partial<MatchConfig>) {
  const [d] = matchPayments({ messages, orders, config });
  return d!;
}

const stranger = { firstName: 'Peter', lastName: 'Otieno', phone: '0799 111 222' };

describe('evidence, strongest first', () => {
  it.each([
    ['code in the customer note', payment({ payerPhone: '+254700000001', payerName: 'X Y' }), order(7, { customerNote: 'paid, code uab1c2d3e4 thanks', billing: stranger }), 'code'],
    ['code in a configured meta key', payment({ payerPhone: '+254700000001', payerName: 'X Y' }), order(7, { meta: { _mpesa_code: 'UAB1C2D3E4' }, billing: stranger }), 'code'],
    ['account = order number', payment({ account: '1042', payerPhone: null, payerName: 'KCB 1' }), order(7, { number: '1042', billing: stranger }), 'account'],
    ['account = order id', payment({ account: '7', payerPhone: null, payerName: null }), order(7, { number: 'A-99', billing: stranger }), 'account'],
    ['account with a prefix', payment({ account: 'Order #1042', payerPhone: null, payerName: null }), order(7, { number: '1042', billing: stranger }), 'account'],
    ['full phone, 07 form', payment({ payerName: 'SOMEONE ELSE' }), order(7, { billing: { phone: '0712345678', firstName: 'A', lastName: 'B' } }), 'phone'],
    ['full phone, 254 form with dashes', payment({ payerName: null }), order(7, { billing: { phone: '254-712-345-678' } }), 'phone'],
    ['full phone, 712 form', payment({ payerName: null }), order(7, { billing: { phone: '712345678' } }), 'phone'],
    ['full phone, +254 form', payment({ payerName: null }), order(7, { billing: { phone: '+254 712 345 678' } }), 'phone'],
    ['masked phone + name', payment({ payerPhone: '+254712***678' }), order(7), 'masked-phone+name'],
  ])('%s confirms', (_label, msg, ord, rule) => {
    const d = one([msg], [ord]);

    expect(d).toMatchObject({ decision: 'confirm', orderId: 7, rule, overpaidMinor: 0, remainingMinor: 0 });
  });

  it.each([
    ['name only', payment({ payerPhone: null }), order(7, { billing: { phone: '' } }), 'name'],
    ['name only, payer initial', payment({ payerPhone: null, payerName: 'J WANJIKU' }), order(7, { billing: { phone: '' } }), 'name'],
    ['name only, billing initial and three names', payment({ payerPhone: null, payerName: 'JANE WANJIKU' }), order(7, { billing: { phone: '', firstName: 'J.', lastName: 'Njeri Wanjiku' } }), 'name'],
    ['name only, one-word billing name', payment({ payerPhone: null, payerName: 'WANUME OTIENO' }), order(7, { billing: { phone: '', firstName: 'Wanume', lastName: '' } }), 'name'],
    ['masked phone only', payment({ payerPhone: '+254712***678', payerName: 'PETER OTIENO' }), order(7), 'masked-phone'],
    ['amount only', payment({ payerPhone: '+254700000009', payerName: 'MARY AKINYI' }), order(7), 'amount'],
    ['a relative paying (other name, other phone)', payment({ payerPhone: '+254722000111', payerName: 'JOHN KAMAU' }), order(7), 'amount'],
  ])('%s goes to review with a suggestion', (_label, msg, ord, rule) => {
    const d = one([msg], [ord]);

    expect(d).toMatchObject({ decision: 'review', orderId: null, suggestedOrderId: 7, rule, candidates: [7] });
  });

  it('prefers the stronger evidence when two orders compete', () => {
    const byPhone = order(1, { billing: { phone: '0712345678', firstName: 'A', lastName: 'B' } });
    const byCode = order(2, { customerNote: 'UAB1C2D3E4', billing: stranger });

    const d = one([payment()], [byPhone, byCode]);

    expect(d).toMatchObject({ decision: 'confirm', orderId: 2, rule: 'code', candidates: [2, 1] });
  });

  it('says nothing matches when nothing does', () => {
    const d = one([payment({ payerPhone: '+254700000009', payerName: 'MARY AKINYI', amountMinor: 99900 })], [order(7)]);

    expect(d).toMatchObject({ decision: 'unmatched', orderId: null, candidates: [] });
  });

  it('does not confirm when evidence kinds are removed from confirmOn', () => {
    const d = one([payment()], [order(7)], { confirmOn: ['code'] });

    expect(d).toMatchObject({ decision: 'review', suggestedOrderId: 7, rule: 'phone' });
  });

  it('masked phone + name goes to review when that rule is switched off', () => {
    const d = one([payment({ payerPhone: '+254712***678' })], [order(7)], { allowMaskedPhoneWithName: false });

    expect(d).toMatchObject({ decision: 'review', rule: 'name', suggestedOrderId: 7 });
  });
});

describe('candidates', () => {
  const base = payment({ at: '2026-05-04T09:00:00.000Z' });
  it.each([
    ['completed status', order(7, { status: 'completed' })],
    ['processing status', order(7, { status: 'processing' })],
    ['other currency', order(7, { currency: 'UGX' })],
    ['created after the payment beyond the skew', order(7, { createdAt: '2026-05-04T09:11:00.000Z' })],
    ['created before the window', order(7, { createdAt: '2026-04-26T08:59:00.000Z' })],
    ['carries a transaction id', order(7, { transactionId: 'UZZZZZZZZZ' })],
  ])('%s is not a candidate', (_label, ord) => {
    expect(one([base], [ord]).decision).toBe('unmatched');
  });

  it.each([
    ['on-hold status', order(7, { status: 'on-hold' })],
    ['created within the skew after the payment', order(7, { createdAt: '2026-05-04T09:09:00.000Z' })],
    ['created just inside the window', order(7, { createdAt: '2026-04-27T09:01:00.000Z' })],
  ])('%s is a candidate', (_label, ord) => {
    expect(one([base], [ord]).decision).toBe('confirm');
  });

  it('uses the time printed in the SMS before the receive time', () => {
    const late = payment({ occurredAt: '2026-05-04T10:30:00+03:00', at: '2026-05-09T09:00:00.000Z' });

    expect(one([late], [order(7, { createdAt: '2026-05-04T07:25:00.000Z' })]).decision).toBe('confirm');
    expect(one([late], [order(7, { createdAt: '2026-05-04T07:45:00.000Z' })]).decision).toBe('unmatched');
  });

  it('filters on payment method only when configured', () => {
    const cod = order(7, { paymentMethod: 'cod' });

    expect(one([payment()], [cod]).decision).toBe('confirm');
    expect(one([payment()], [cod], { paymentMethods: ['mpesa'] }).decision).toBe('unmatched');
  });

  it('skips orders confirmed by an earlier run', () => {
    const history = { codes: new Map(), partials: new Map(), confirmedOrders: new Set([7]) };

    const [d] = matchPayments({ messages: [payment()], orders: [order(7)], history });

    expect(d!.decision).toBe('unmatched');
  });
});

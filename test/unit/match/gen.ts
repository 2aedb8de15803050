import fc from 'fast-check';
import type { MatchMessage } from '../../../src/core/match/index.js';
import type { Order } from '../../../src/core/order.js';
import { order, payment } from './build.js';

/** Small pools so that generated shops are full of collisions: shared phones, names, totals and codes. */
const PHONES = ['0712345678', '0712345698', '0722000111', '0733444555', '0799888777', ''];
const NAMES: Array<[string, string]> = [['Jane', 'Wanjiku'], ['John', 'Kamau'], ['Mary', 'Akinyi'], ['Peter', 'Otieno'], ['J.', 'Kamau']];
const TOTALS = [50000, 100000, 150000, 250000];
const CODES = ['UAA1111111', 'UAA2222222', 'UAA3333333', 'UAA4444444', 'UAA5555555', 'UAA6666666'];
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const BASE = Date.parse('2026-05-04T00:00:00Z');

export const orderArb = fc.record({
  phone: fc.constantFrom(...PHONES),
  name: fc.constantFrom(...NAMES),
  total: fc.constantFrom(...TOTALS),
  minutes: fc.integer({ min: 0, max: 600 }),
  status: fc.constantFrom('pending', 'on-hold', 'processing'),
  note: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
});

export function shop(specs: Array<ValueOf<typeof orderArb>>): Order[] {
  return specs.map((s, i) =>
    order(1000 + i, {
      number: `A${i}`,
      status: s.status,
      totalMinor: s.total,
      createdAt: new Date(BASE + s.minutes * 60_000).toISOString(),
      customerNote: s.note ? `mpesa ${s.note}` : '',
      billing: { phone: s.phone, firstName: s.name[0], lastName: s.name[1] },
    }),
  );
}

export const paymentArb = fc.record({
  code: fc.constantFrom(...CODES),
  phone: fc.constantFrom('+254712345678', '+254712***678', '+254722000111', '+254733***555', '+254700000000', null),
  name: fc.constantFrom('JANE WANJIKU', 'JOHN KAMAU', 'MARY AKINYI', 'ALICE CHEBET', null),
  amount: fc.constantFrom(...TOTALS, 25000, 175000),
  minutes: fc.integer({ min: 0, max: 900 }),
  account: fc.option(fc.constantFrom('A0', 'A1', 'A2', 'X9'), { nil: null }),
  kind: fc.constantFrom('payment', 'payment', 'payment', 'withdrawal'),
});

export function messages(specs: Array<ValueOf<typeof paymentArb>>): MatchMessage[] {
  return specs.map((s, i) =>
    payment({
      id: `m${i}`,
      at: new Date(BASE + s.minutes * 60_000).toISOString(),
      code: s.code,
      payerPhone: s.phone,
      payerName: s.name,
      amountMinor: s.amount,
      account: s.account,
      kind: s.kind as 'payment',
    }),
  );
}

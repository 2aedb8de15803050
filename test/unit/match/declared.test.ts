import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision, MatchConfig, MatchMessage } from '../../../src/core/match/index.js';
import { DEFAULT_MATCH_CONFIG, matchPayments } from '../../../src/core/match/index.js';
import { namesMatch, nameTokens } from '../../../src/core/match/names.js';
import type { Order } from '../../../src/core/order.js';
import { normalisePhone, phonesMatch } from '../../../src/core/phone.js';
import { messages, orderArb, paymentArb, shop } from './gen.js';
import { order, payment } from './build.js';

// What the smsmatch checkout stores on an order (dropbox/smsmatch-dropbox, Smsmatch_Order_Meta).
function declared(phone: string | null, payerName = '', code = ''): Record<string, string> {
  const meta: Record<string, string> = {};
  if (phone) meta['_smsmatch_phone'] = phone;
  if (payerName) meta['_smsmatch_payer_name'] = payerName;
  if (code) meta['_smsmatch_entered_code'] = code;
  return meta;
}

function one(msgs: MatchMessage[], orders: Order[], config?: Partial<MatchConfig>): Decision {
  return matchPayments({ messages: msgs, orders, config })[0]!;
}

// The customer, Jane, pays nothing herself: her uncle John Kamau pays from his own number, masked in the SMS.
const jane = { firstName: 'Jane', lastName: 'Wanjiku', phone: '0712 345 678' };
const uncle = '+254722000111';
const uncleMasked = '+254722***111';

describe('checkout declarations (number paid from, name on it, code typed later)', () => {
  it('confirms a relative paying from a masked number when the name fits the declared payer', () => {
    const d = one([payment({ payerPhone: uncleMasked, payerName: 'JOHN KAMAU' })], [order(7, { billing: jane, meta: declared(uncle, 'John Kamau') })]);

    expect(d).toMatchObject({ decision: 'confirm', orderId: 7, rule: 'masked-phone+name' });
    expect(d.reasons[0]).toBe('masked phone +254722***111 fits the number declared at checkout and the name matches "John Kamau" on #7');
  });

  it('confirms the declared number in full', () => {
    const d = one([payment({ payerPhone: uncle, payerName: 'SOMEONE ELSE' })], [order(7, { billing: jane, meta: declared('0722 000 111') })]);

    expect(d).toMatchObject({ decision: 'confirm', orderId: 7, rule: 'phone' });
    expect(d.reasons[0]).toBe('phone +254722000111 = the number the customer said they pay from on #7');
  });

  it('confirms the customer paying from a second number of her own (masked fit, her billing name)', () => {
    const d = one([payment({ payerPhone: uncleMasked, payerName: 'JANE WANJIKU' })], [order(7, { billing: jane, meta: declared(uncle) })]);

    expect(d).toMatchObject({ decision: 'confirm', rule: 'masked-phone+name' });
    expect(d.reasons[0]).toContain('fits the number declared at checkout and the name matches "Jane Wanjiku"');
  });

  it('sends a masked fit of the declared number without the name to review', () => {
    const d = one([payment({ payerPhone: uncleMasked, payerName: 'PETER OTIENO' })], [order(7, { billing: jane, meta: declared(uncle, 'John Kamau') })]);

    expect(d).toMatchObject({ decision: 'review', suggestedOrderId: 7, rule: 'masked-phone' });
    expect(d.reasons).toContain('masked phone +254722***111 fits the number declared at checkout on #7');
  });

  it('sends the declared payer name alone to review', () => {
    const d = one([payment({ payerPhone: '+254799000001', payerName: 'JOHN KAMAU' })], [order(7, { billing: jane, meta: declared(uncle, 'John Kamau') })]);

    expect(d).toMatchObject({ decision: 'review', suggestedOrderId: 7, rule: 'name' });
    expect(d.reasons[0]).toBe('payer name matches "John Kamau", the payer named at checkout on #7');
  });

  it('sends a declared number that fits two open orders to review, even when they look like twins', () => {
    const twin = { billing: jane, meta: declared(uncle, 'John Kamau') };
    const pays = [payment({ code: 'UAA1111111', payerPhone: uncleMasked, payerName: 'JOHN KAMAU' }), payment({ code: 'UAA2222222', payerPhone: uncleMasked, payerName: 'JOHN KAMAU', at: '2026-05-04T09:05:00.000Z' })];

    const ds = matchPayments({ messages: pays, orders: [order(7, twin), order(8, twin)] });

    expect(ds.map((d) => d.decision)).toEqual(['review', 'review']);
    expect(ds[0]!.reasons[0]).toBe('+254722***111 fits the number declared at checkout on #7 and also fits #8: a person decides');
  });

  it('sends a full declared number shared by two different customers to review', () => {
    const other = { firstName: 'Mary', lastName: 'Akinyi', phone: '0733 444 555' };
    const d = one([payment({ payerPhone: uncle, payerName: 'JOHN KAMAU' })], [order(7, { billing: jane, meta: declared(uncle) }), order(8, { billing: other, meta: declared(uncle) })]);

    expect(d).toMatchObject({ decision: 'review', rule: 'phone' });
  });

  it('confirms on a code the customer typed on the order page, whoever paid', () => {
    const d = one([payment({ code: 'UAB1C2D3E4', payerPhone: '+254700000009', payerName: 'ALICE CHEBET' })], [order(7, { billing: jane, meta: declared(uncle, '', 'uab1c2d3e4') })]);

    expect(d).toMatchObject({ decision: 'confirm', orderId: 7, rule: 'code' });
    expect(d.reasons[0]).toBe('code UAB1C2D3E4 was entered by the customer on #7');
  });

  it('keeps a dotted Airtel code whole', () => {
    const d = one([payment({ provider: 'airtel-ke', code: 'MP260307.1432.A12345', payerPhone: null, payerName: null })], [order(7, { billing: jane, meta: declared(null, '', 'MP260307.1432.A12345') })]);

    expect(d).toMatchObject({ decision: 'confirm', rule: 'code' });
  });

  it('ignores declarations with useDeclared off', () => {
    const d = one([payment({ payerPhone: uncle, payerName: 'SOMEONE ELSE', amountMinor: 140000 })], [order(7, { billing: jane, meta: declared(uncle) })], { useDeclared: false });

    expect(d.decision).toBe('unmatched');
  });

  it('still prefers stronger evidence on another order over a declaration', () => {
    const d = one(
      [payment({ payerPhone: uncleMasked, payerName: 'JOHN KAMAU', account: '9' })],
      [order(7, { billing: jane, meta: declared(uncle, 'John Kamau') }), order(9, { billing: { firstName: 'Mary', lastName: 'Akinyi', phone: '' } })],
    );

    expect(d).toMatchObject({ decision: 'confirm', orderId: 9, rule: 'account' });
  });
});

// Property tests: shops from the existing generator, with declarations drawn from the same small pools.
const DECLARED_PHONES = ['0712345678', '0722000111', '0733444555', '0711222333', null];
const DECLARED_NAMES = ['John Kamau', 'Mary Akinyi', 'Alice Chebet', ''];
const CODES = ['UAA1111111', 'UAA2222222', 'UAA3333333', 'UAA4444444', ''];
const declArb = fc.option(fc.record({ phone: fc.constantFrom(...DECLARED_PHONES), name: fc.constantFrom(...DECLARED_NAMES), code: fc.constantFrom(...CODES) }), { nil: undefined, freq: 2 });
const shopArb = fc.array(fc.tuple(orderArb, declArb), { minLength: 1, maxLength: 10 });
const RUNS = { numRuns: 300 };

type Spec = [Parameters<typeof shop>[0][number], { phone: string | null; name: string; code: string } | undefined];
function declaredShop(specs: Spec[]): Order[] {
  return shop(specs.map((s) => s[0])).map((o, i) => {
    const d = specs[i]![1];
    return d ? { ...o, meta: declared(d.phone, d.name, d.code) } : o;
  });
}

/** An independent oracle: is the evidence a confirmation claims really on the order? */
function evidenceHolds(d: Decision, o: Order): boolean {
  const cc = DEFAULT_MATCH_CONFIG.callingCode;
  const phones = [o.billing.phone, o.meta['_smsmatch_phone'] ?? ''].map((p) => (p ? normalisePhone(p, cc) : null)).filter((p): p is string => p !== null && !p.includes('*'));
  const names = [nameTokens(`${o.billing.firstName} ${o.billing.lastName}`), nameTokens(o.meta['_smsmatch_payer_name'] ?? '')];
  const payer = nameTokens(d.payerName);
  const nameFits = names.some((n) => namesMatch(payer, n, DEFAULT_MATCH_CONFIG.minNameScore, DEFAULT_MATCH_CONFIG.minNameTokens));
  switch (d.rule) {
    case 'code': return [o.customerNote, o.meta['_smsmatch_entered_code'] ?? ''].some((t) => t.toUpperCase().includes(d.code ?? '\0'));
    case 'account': return d.account !== null && [o.number, String(o.id)].some((r) => d.account!.toUpperCase().replace(/[^A-Z0-9]/g, '').endsWith(r.replace(/^A/, '')));
    case 'phone': return d.payerPhone !== null && phones.includes(d.payerPhone);
    case 'masked-phone+name': return d.payerPhone !== null && phones.some((p) => phonesMatch(d.payerPhone!, p) === 'masked') && nameFits;
    default: return false;
  }
}

describe('checkout declarations: invariants', () => {
  it('confirms only on evidence really on the order (billing or declared), never on a name or a masked number alone', () => {
    fc.assert(
      fc.property(shopArb, fc.array(paymentArb, { minLength: 1, maxLength: 10 }), (specs, pays) => {
        const orders = declaredShop(specs);
        for (const d of matchPayments({ messages: messages(pays), orders })) {
          if (d.decision !== 'confirm' && d.decision !== 'partial') continue;
          const o = orders.find((x) => x.id === d.orderId)!;
          expect(evidenceHolds(d, o), `${d.rule} on #${o.number}: ${d.reasons.join('; ')}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never confirms either of two open orders whose declared number the payment fits, without a code or account', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DECLARED_PHONES.filter((p): p is string => p !== null)), fc.boolean(), fc.constantFrom('JOHN KAMAU', 'JANE WANJIKU', null), (phone, masked, name) => {
        const n = normalisePhone(phone, '254')!;
        const payerPhone = masked ? `${n.slice(0, 7)}***${n.slice(10)}` : n;
        const a = order(7, { billing: { firstName: 'Jane', lastName: 'Wanjiku', phone: '0799000001' }, meta: declared(phone, 'John Kamau') });
        const b = order(8, { billing: { firstName: 'Mary', lastName: 'Akinyi', phone: '0799000002' }, meta: declared(phone, 'John Kamau') });

        const d = one([payment({ payerPhone, payerName: name })], [a, b]);

        expect(['confirm', 'partial']).not.toContain(d.decision);
      }),
      RUNS,
    );
  });

  it('changes nothing when the declarations fit no payment (numbers and names nobody pays with)', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 10 }), fc.array(paymentArb, { minLength: 1, maxLength: 10 }), (specs, pays) => {
        const plain = shop(specs);
        const withDecl = plain.map((o, i) => ({ ...o, meta: declared(`07${String(40_000_000 + i * 7919).padStart(8, '0')}`, 'Zawadi Nyambura') }));
        const msgs = messages(pays);

        expect(matchPayments({ messages: msgs, orders: withDecl })).toEqual(matchPayments({ messages: msgs, orders: plain }));
      }),
      RUNS,
    );
  });

  it('is not vacuous: declared evidence decides confirmations and reviews in generated shops', () => {
    const rules = new Set<string>();
    for (const [specs, pays] of fc.sample(fc.tuple(shopArb, fc.array(paymentArb, { minLength: 1, maxLength: 10 })), { seed: 7, numRuns: 300 })) {
      for (const d of matchPayments({ messages: messages(pays), orders: declaredShop(specs) })) {
        if (d.reasons.some((r) => r.includes('declared') || r.includes('entered by the customer') || r.includes('said they pay from') || r.includes('named at checkout'))) rules.add(`${d.decision}:${d.rule}`);
      }
    }

    expect([...rules]).toEqual(expect.arrayContaining(['confirm:code', 'confirm:phone', 'review:masked-phone', 'review:name']));
  });
});

import { describe, expect, it } from 'vitest';
import { toOrder } from '../../../src/adapters/woocommerce/order-schema.js';
import { DataError } from '../../../src/errors.js';

const raw = {
  id: 1042,
  number: '1042',
  status: 'on-hold',
  currency: 'KES',
  total: '1500.00',
  date_created: '2026-05-04T11:00:00',
  date_created_gmt: '2026-05-04T08:00:00',
  payment_method: 'mpesa',
  transaction_id: '',
  customer_note: 'code UAB1C2D3E4',
  billing: { first_name: 'Jane', last_name: 'Wanjiku', phone: '0712 345 678', email: 'jane@example.com', city: 'Nairobi' },
  meta_data: [{ id: 1, key: '_mpesa_code', value: 'UAB1C2D3E4' }, { id: 2, key: 'n', value: 5 }, { id: 3, key: 'o', value: { a: 1 } }],
  line_items: [{ id: 9, name: 'Kikoi' }],
};

describe('toOrder', () => {
  it('normalises a WooCommerce order and ignores extra keys', () => {
    expect(toOrder(raw)).toEqual({
      id: 1042, number: '1042', status: 'on-hold', currency: 'KES', totalMinor: 150000,
      createdAt: '2026-05-04T08:00:00.000Z', paymentMethod: 'mpesa', transactionId: '', customerNote: 'code UAB1C2D3E4',
      billing: { firstName: 'Jane', lastName: 'Wanjiku', phone: '0712 345 678', email: 'jane@example.com' },
      meta: { _mpesa_code: 'UAB1C2D3E4', n: '5', o: '{"a":1}' },
    });
  });

  it.each([
    ['UGX', '3400.00', 3400],
    ['UGX', '3400', 3400],
    ['KES', '99.5', 9950],
    ['TZS', 4000, 400000],
  ])('turns a %s total of %s into %i minor units', (currency, total, minor) => {
    expect(toOrder({ ...raw, currency, total }).totalMinor).toBe(minor);
  });

  it('accepts unknown statuses, null strings and a missing billing block', () => {
    const o = toOrder({ ...raw, status: 'wc-awaiting-mpesa', transaction_id: null, customer_note: null, billing: null, meta_data: undefined });

    expect(o).toMatchObject({ status: 'wc-awaiting-mpesa', transactionId: '', customerNote: '', meta: {} });
    expect(o.billing).toEqual({ firstName: '', lastName: '', phone: '', email: '' });
  });

  it('keeps the last value of a repeated meta key and keeps offsets in GMT dates', () => {
    const o = toOrder({ ...raw, date_created_gmt: '2026-05-04T11:00:00+03:00', meta_data: [{ key: 'k', value: 'a' }, { key: 'k', value: 'b' }] });

    expect(o.createdAt).toBe('2026-05-04T08:00:00.000Z');
    expect(o.meta).toEqual({ k: 'b' });
  });

  it.each([
    [{ ...raw, id: 'x' }, 'orders[3] (id x): id:'],
    [{ ...raw, total: '1,500.00' }, 'orders[3] (id 1042): total: "1,500.00" is not an amount in KES'],
    [{ ...raw, total: '-5.00' }, 'orders[3] (id 1042): total:'],
    [{ ...raw, currency: 'shilling' }, 'orders[3] (id 1042): currency: expected a 3-letter ISO currency code'],
    [{ ...raw, date_created_gmt: null }, 'orders[3] (id 1042): date_created_gmt: missing or not a date'],
    [{ ...raw, date_created_gmt: 'yesterday' }, 'orders[3] (id 1042): date_created_gmt: missing or not a date'],
    [{ ...raw, billing: 'Jane' }, 'orders[3] (id 1042): billing:'],
    ['nope', 'orders[3]: (order):'],
  ])('rejects a bad order with a DataError naming it and the field (%#)', (bad, message) => {
    expect(() => toOrder(bad, 'orders[3]')).toThrow(DataError);
    expect(() => toOrder(bad, 'orders[3]')).toThrow(message);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NOW, seed, wc } from './helpers.js';

let sb: Sandbox;

beforeAll(async () => {
  const orders = [
    ...Array.from({ length: 12 }, (_, i) => seed(200 + i, i % 3 === 0 ? 'pending' : 'on-hold', 100 + i, 10 * (i + 1))),
    seed(300, 'processing', 999, 5),
    seed(301, 'completed', 500, 2000),
  ];
  sb = await startSandbox({ orders, now: () => NOW });
});
afterAll(() => sb.close());

const ids = (json: Array<{ id: number }>): number[] => json.map((o) => o.id);

describe('sandbox GET /orders', () => {
  it('pages with X-WP-Total, X-WP-TotalPages and Link headers, newest first by default', async () => {
    const first = await wc(sb, '/orders?per_page=5');
    const last = await wc(sb, '/orders?per_page=5&page=3');
    const beyond = await wc(sb, '/orders?per_page=5&page=9');

    expect([first.headers.get('x-wp-total'), first.headers.get('x-wp-totalpages')]).toEqual(['14', '3']);
    expect(ids(first.json)).toEqual([300, 200, 201, 202, 203]);
    expect(first.headers.get('link')).toBe(`<${sb.wcBase}/orders?per_page=5&page=2>; rel="next"`);
    expect(last.headers.get('link')).toBe(`<${sb.wcBase}/orders?per_page=5&page=2>; rel="prev"`);
    expect(ids(last.json)).toEqual([209, 210, 211, 301]);
    expect([beyond.status, beyond.json, beyond.headers.get('x-wp-total')]).toEqual([200, [], '14']);
  });

  it('filters by a comma list or status[] and defaults to every status', async () => {
    const comma = await wc(sb, '/orders?status=pending,processing&per_page=100');
    const brackets = await wc(sb, '/orders?status[]=pending&status[]=processing&per_page=100');

    expect(ids(comma.json).sort()).toEqual([200, 203, 206, 209, 300]);
    expect(ids(brackets.json)).toEqual(ids(comma.json));
  });

  it('rejects per_page above 100 and unknown statuses with rest_invalid_param', async () => {
    const big = await wc(sb, '/orders?per_page=101');
    const status = await wc(sb, '/orders?status=paid');

    expect([big.status, big.json.code, big.json.data.params]).toEqual([400, 'rest_invalid_param', { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' }]);
    expect([status.status, status.json.message]).toEqual([400, 'Invalid parameter(s): status']);
  });

  it('filters on the created date, in UTC with dates_are_gmt and in site time (UTC+3) without', async () => {
    // Orders 200..203 were created 10..40 minutes before NOW (12:00Z).
    const gmt = await wc(sb, '/orders?after=2026-08-28T11:25:00&dates_are_gmt=true&orderby=id&order=asc');
    const local = await wc(sb, '/orders?after=2026-08-28T14:25:00&orderby=id&order=asc');
    const between = await wc(sb, '/orders?after=2026-08-28T11:15:00Z&before=2026-08-28T11:45:00Z&orderby=id&order=asc');
    const bad = await wc(sb, '/orders?after=yesterday');

    expect(ids(gmt.json)).toEqual([200, 201, 202, 300]);
    expect(ids(local.json)).toEqual(ids(gmt.json));
    expect(ids(between.json)).toEqual([201, 202, 203]);
    expect([bad.status, bad.json.data.params.after]).toEqual([400, 'Invalid date.']);
  });

  it('orders by id asc, includes given ids, searches billing text', async () => {
    const asc = await wc(sb, '/orders?orderby=id&order=asc&include=205,201,300');
    const search = await wc(sb, '/orders?search=last207');

    expect(ids(asc.json)).toEqual([201, 205, 300]);
    expect(ids(search.json)).toEqual([207]);
  });

  it('trims the response with _fields, nested keys included, keeping id', async () => {
    const res = await wc(sb, '/orders/201?_fields=status,billing.phone,total');

    expect(res.json).toEqual({ id: 201, status: 'on-hold', billing: { phone: '0712345601' }, total: '101.00' });
  });

  it('returns full orders: money as 2-decimal strings, local dates plus _gmt twins, derived flags', async () => {
    const res = await wc(sb, '/orders/200');

    expect(res.json).toMatchObject({
      id: 200,
      number: '200',
      status: 'pending',
      currency: 'KES',
      total: '100.00',
      date_created: '2026-08-28T14:50:00',
      date_created_gmt: '2026-08-28T11:50:00',
      date_paid: null,
      needs_payment: true,
      needs_processing: true,
      billing: { email: 'c200@example.com' },
    });
    expect(res.json.line_items[0]).toMatchObject({ total: '100.00', quantity: 1 });
    expect(res.json._links.self[0].href).toBe(`${sb.wcBase}/orders/200`);
  });

  it('answers an unknown order with 404 woocommerce_rest_shop_order_invalid_id', async () => {
    const res = await wc(sb, '/orders/999');

    expect([res.status, res.json]).toEqual([404, { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } }]);
  });
});

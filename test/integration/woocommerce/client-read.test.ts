import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../../src/adapters/woocommerce/client.js';
import { API, client, failure, KEY, order, SECRET, shop, SHOP } from './shop-mock.js';

const base = { per_page: '100', orderby: 'date', order: 'asc', dates_are_gmt: 'true', _fields: ORDER_FIELDS.join(',') };

describe('listOrders', () => {
  it('follows X-WP-TotalPages over 3 pages with the status and after filters', async () => {
    const query = { ...base, status: 'pending,on-hold', after: '2024-05-01T00:00:00' }; // no zone suffix: see naiveUtc
    const scope = shop()
      .get(`${API}/orders`).query({ ...query, page: '1' }).reply(200, [order(1), order(2)], { 'X-WP-TotalPages': '3', 'X-WP-Total': '5' })
      .get(`${API}/orders`).query({ ...query, page: '2' }).reply(200, [order(3), order(4)], { 'X-WP-TotalPages': '3' })
      .get(`${API}/orders`).query({ ...query, page: '3' }).reply(200, [order(5)], { 'X-WP-TotalPages': '3' });
    const c = client();

    const orders = await c.listOrders({ statuses: ['pending', 'on-hold'], createdAfter: '2024-05-01T00:00:00.000Z' });

    expect(orders.map((o) => o.id)).toEqual([1, 2, 3, 4, 5]);
    expect(c.requestCount()).toBe(3);
    expect(c.requests).toEqual([1, 2, 3].map(() => ({ method: 'GET', path: `${API}/orders`, status: 200 })));
    scope.done();
  });

  it('sends include as a list and stops after one page without a pagination header', async () => {
    shop().get(`${API}/orders`).query({ ...base, status: 'any', include: '7,9', page: '1' }).reply(200, [order(7), order(9)]);
    const c = client();

    const orders = await c.listOrders({ statuses: ['any'], include: [7, 9] });

    expect(orders.map((o) => o.id)).toEqual([7, 9]);
    expect(c.requestCount()).toBe(1);
  });

  it('keeps one copy of an order that moved to the next page while paging', async () => {
    shop()
      .get(`${API}/orders`).query(true).reply(200, [order(1), order(2)], { 'X-WP-TotalPages': '2' })
      .get(`${API}/orders`).query(true).reply(200, [order(2), order(3)], { 'X-WP-TotalPages': '2' });

    const orders = await client().listOrders({ statuses: ['pending'] });

    expect(orders.map((o) => o.id)).toEqual([1, 2, 3]);
  });

  it('rejects an order without a numeric id as a data error', async () => {
    shop().get(`${API}/orders`).query(true).reply(200, [{ number: '12' }], { 'X-WP-TotalPages': '1' });

    await expect(client().listOrders({ statuses: ['pending'] })).rejects.toMatchObject({ code: 'E_DATA', exitCode: 65 });
  });

  it('rejects a malformed order with one line naming the page, the order and the field', async () => {
    shop().get(`${API}/orders`).query(true).reply(200, [order(1), order(2, { total: 'twelve' })], { 'X-WP-TotalPages': '1' });

    const error = await failure(() => client().listOrders({ statuses: ['pending'] }));

    expect(error).toMatchObject({ code: 'E_DATA' });
    expect(error.message).toBe('GET /orders page 1 (id 2): total: "twelve" is not an amount in KES');
  });
});

describe('queryStringAuth', () => {
  it('sends the key in the query instead of the header, and never reports the query', async () => {
    nock(SHOP, { badheaders: ['authorization'] })
      .get(`${API}/orders/3`)
      .query({ consumer_key: KEY, consumer_secret: SECRET, _fields: ORDER_FIELDS.join(',') })
      .reply(200, order(3));
    const c = client({ queryStringAuth: true });

    await c.getOrder(3);

    expect(c.requests).toEqual([{ method: 'GET', path: `${API}/orders/3`, status: 200 }]);
  });
});

describe('getOrder and storeInfo', () => {
  it('reads one order with the same field list', async () => {
    shop().get(`${API}/orders/42`).query({ _fields: ORDER_FIELDS.join(',') }).reply(200, order(42, { status: 'pending' }));

    const o = await client().getOrder(42);

    expect(o).toMatchObject({ id: 42, status: 'pending' });
  });

  it('reads the currency with the key and the WordPress index without it', async () => {
    shop().get(`${API}/data/currencies/current`).reply(200, { code: 'KES', name: 'Kenyan shilling', symbol: 'KSh' });
    const index = nockIndex({ timezone_string: 'Africa/Nairobi', gmt_offset: 3 });
    const c = client();

    const info = await c.storeInfo();

    expect(info).toEqual({ currency: 'KES', timezone: 'Africa/Nairobi', gmtOffset: 3 });
    expect(c.requestCount()).toBe(2);
    index.done();
  });

  it('reports a manual UTC offset as a number and no zone name', async () => {
    shop().get(`${API}/data/currencies/current`).reply(200, { code: 'UGX' });
    nockIndex({ timezone_string: '', gmt_offset: '5.5' });

    expect(await client().storeInfo()).toEqual({ currency: 'UGX', timezone: null, gmtOffset: 5.5 });
  });
});

function nockIndex(body: Record<string, unknown>): nock.Scope {
  return nock(SHOP, { badheaders: ['authorization'] }).get('/wp-json/').query({ _fields: 'timezone_string,gmt_offset' }).reply(200, body);
}

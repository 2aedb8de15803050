import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { basic, http, NOW, seed, wc } from './helpers.js';

let sb: Sandbox;
const readOnly = { key: 'ck_readonly0000000000000000000000000000000', secret: 'cs_readonly0000000000000000000000000000000' };

beforeAll(async () => {
  sb = await startSandbox({ orders: [seed(101, 'on-hold', 1250, 30)], readOnlyKey: readOnly, now: () => NOW });
});
afterAll(() => sb.close());

describe('sandbox WooCommerce authentication', () => {
  it('serves a valid Basic-auth key and query-string credentials alike', async () => {
    const header = await wc(sb, '/orders');
    const query = await http(`${sb.wcBase}/orders?consumer_key=${sb.consumerKey}&consumer_secret=${sb.consumerSecret}`);

    expect([header.status, query.status]).toEqual([200, 200]);
    expect(query.json.map((o: { id: number }) => o.id)).toEqual([101]);
  });

  it('treats a missing or unknown key as anonymous: 401 woocommerce_rest_cannot_view', async () => {
    const none = await http(`${sb.wcBase}/orders`);
    const unknown = await wc(sb, '/orders', { headers: { Authorization: basic('ck_nobody', sb.consumerSecret) } });

    for (const res of [none, unknown]) {
      expect([res.status, res.json]).toEqual([401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } }]);
    }
  });

  it('rejects a wrong secret with woocommerce_rest_authentication_error and a Basic challenge', async () => {
    const res = await wc(sb, '/orders', { headers: { Authorization: basic(sb.consumerKey, 'cs_wrong') } });

    expect([res.status, res.json.code, res.json.message]).toEqual([401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.']);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('lets a read-only key read but not write', async () => {
    const auth = { Authorization: basic(readOnly.key, readOnly.secret) };

    const read = await wc(sb, '/orders/101', { headers: auth });
    const write = await wc(sb, '/orders/101', { method: 'PUT', headers: auth, json: { status: 'processing' } });

    expect(read.status).toBe(200);
    expect([write.status, write.json.code, write.json.message]).toEqual([401, 'woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.']);
    expect(sb.state.order(101)!.status).toBe('on-hold');
  });

  it('with stripAuthorization, header auth looks anonymous while query-string auth still works', async () => {
    sb.faults.stripAuthorization(true);
    try {
      const header = await wc(sb, '/orders');
      const query = await http(`${sb.wcBase}/orders?consumer_key=${sb.consumerKey}&consumer_secret=${sb.consumerSecret}`);

      expect([header.status, header.json.code]).toEqual([401, 'woocommerce_rest_cannot_view']);
      expect(query.status).toBe(200);
    } finally {
      sb.faults.reset();
    }
  });

  it('answers unknown routes and wrong methods with 404 rest_no_route', async () => {
    const unknown = await wc(sb, '/nope');
    const wrongMethod = await wc(sb, '/data/currencies/current', { method: 'DELETE' });

    for (const res of [unknown, wrongMethod]) {
      expect([res.status, res.json.code, res.json.data]).toEqual([404, 'rest_no_route', { status: 404 }]);
    }
  });

  it('serves the site index publicly with the timezone, and currency/settings only to a key', async () => {
    const index = await http(`${sb.url}/wp-json/`);
    const currency = await wc(sb, '/data/currencies/current');
    const settings = await wc(sb, '/settings/general');
    const anonymous = await http(`${sb.wcBase}/settings/general`);

    expect(index.json).toMatchObject({ timezone_string: 'Africa/Nairobi', gmt_offset: 3 });
    expect(index.json.namespaces).toEqual(expect.arrayContaining(['wc/v3', 'smsmatch/v1']));
    expect(currency.json).toMatchObject({ code: 'KES', symbol: 'KSh' });
    expect(settings.json.find((s: { id: string }) => s.id === 'woocommerce_currency').value).toBe('KES');
    expect([anonymous.status, anonymous.json.code]).toEqual([401, 'woocommerce_rest_cannot_view']);
  });

  it('also answers on the plain-permalink base ?rest_route=', async () => {
    const res = await http(`${sb.url}/?rest_route=/wc/v3/orders/101`, { headers: { Authorization: basic(sb.consumerKey, sb.consumerSecret) } });

    expect([res.status, res.json.id]).toEqual([200, 101]);
  });
});

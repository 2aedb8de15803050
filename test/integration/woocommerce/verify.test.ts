import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { verifyShop } from '../../../src/adapters/woocommerce/verify.js';
import { API, client, KEY, SECRET, SHOP, shop } from './shop-mock.js';

function healthyStore(): void {
  shop().get(`${API}/data/currencies/current`).reply(200, { code: 'KES', name: 'Kenyan shilling', symbol: 'KSh' });
  nock(SHOP).get('/wp-json/').query(true).reply(200, { timezone_string: 'Africa/Nairobi', gmt_offset: 3 });
}

const readOk = (): nock.Scope => shop().get(`${API}/orders`).query({ per_page: '1', _fields: 'id' }).reply(200, [{ id: 1 }], { 'X-WP-TotalPages': '9' });

describe('verifyShop', () => {
  it('passes a healthy shop with a read/write key, writing nothing but an empty batch', async () => {
    readOk();
    shop().post(`${API}/orders/batch`, {}).reply(200, []);
    healthyStore();
    const c = client();

    const result = await verifyShop(c, SHOP);

    expect(result.ok).toBe(true);
    expect(result.checks.map((ch) => [ch.name, ch.ok])).toEqual([['https', true], ['read access', true], ['write access', true], ['store currency', true], ['time zone', true]]);
    expect(result.storeCurrency).toBe('KES');
    expect(result.timezone).toBe('Africa/Nairobi');
    expect(c.requestCount()).toBe(4);
  });

  it('flags a read-only key on the write check', async () => {
    readOk();
    shop().post(`${API}/orders/batch`, {}).reply(401, { code: 'woocommerce_rest_authentication_error', message: 'The API key provided does not have write permissions.', data: { status: 401 } });
    healthyStore();

    const result = await verifyShop(client(), SHOP);

    expect(result.ok).toBe(false);
    const write = result.checks.find((ch) => ch.name === 'write access');
    expect(write).toMatchObject({ ok: false, detail: expect.stringContaining('the API key is read-only') });
    expect(write?.hint).toContain('Read/Write key');
    expect(result.storeCurrency).toBe('KES');
  });

  it.each([
    ['credentials stripped', 401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' }, 'as if no credentials were sent', 'queryStringAuth'],
    ['wrong secret', 401, { code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.' }, 'rejected the consumer secret', 'wrong consumer secret'],
    ['OAuth signature does not match (wrong secret over http)', 401, { code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.' }, 'the consumer secret is wrong', 'copy the consumer secret again'],
    ['OAuth timestamp refused (clock)', 401, { code: 'woocommerce_rest_authentication_error', message: 'Invalid timestamp.' }, "this machine's clock differs from the shop's", 'NTP'],
    ['forbidden', 403, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' }, 'refused access', '403 forbidden'],
    ['no REST API', 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.' }, 'no WooCommerce REST API at https://shop.test/wp-json/wc/v3', 'Permalinks'],
    ['WAF page', 200, '<html><title>Just a moment...</title></html>', 'security challenge page', 'HTML instead of JSON'],
  ] as const)('explains a failed read (%s) and skips the rest', async (_name, status, body, detail, hint) => {
    shop().get(`${API}/orders`).query(true).reply(status, body as string | Record<string, unknown>);
    const c = client();

    const result = await verifyShop(c, SHOP);

    expect(result.ok).toBe(false);
    expect(result.checks[1]).toMatchObject({ name: 'read access', ok: false, detail: expect.stringContaining(detail), hint: expect.stringContaining(hint) });
    expect(result.checks.slice(2).map((ch) => ch.detail)).toEqual(Array(3).fill('not checked: read access failed'));
    expect(c.requestCount()).toBe(1);
  });

  it('explains an unreachable shop after the retries', async () => {
    shop().get(`${API}/orders`).query(true).times(4).replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND shop.test'), { code: 'ENOTFOUND' }));
    const c = client();

    const result = await verifyShop(c, SHOP);

    expect(result.checks[1]).toMatchObject({ ok: false, detail: 'cannot reach the shop at https://shop.test (ENOTFOUND) after 4 attempts' });
    expect(c.requestCount()).toBe(4);
  });

  it('warns about plain http but still checks the shop', async () => {
    const http = 'http://shop.test';
    nock(http).get(`${API}/orders`).query((q) => q['oauth_signature_method'] === 'HMAC-SHA256' && q['oauth_consumer_key'] === KEY).reply(200, []);
    nock(http).post(`${API}/orders/batch`).query(true).reply(200, []);
    nock(http).get(`${API}/data/currencies/current`).query(true).reply(200, { code: 'TZS' });
    nock(http).get('/wp-json/').query(true).reply(200, { timezone_string: '', gmt_offset: 3 });

    const result = await verifyShop(client({ url: http }), http);

    expect(result.checks[0]).toMatchObject({ name: 'https', ok: true, warning: true, detail: expect.stringContaining('OAuth 1.0a') });
    expect(result.checks[4]).toMatchObject({ name: 'time zone', ok: true, warning: true, detail: 'UTC+3 (a manual offset: it does not follow daylight saving)' });
    expect(result).toMatchObject({ ok: true, storeCurrency: 'TZS', timezone: 'UTC+3' });
  });

  it('rejects a URL that is not one, without any request', async () => {
    const c = client();

    const result = await verifyShop(c, 'shop.test');

    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({ name: 'https', ok: false, detail: '"shop.test" is not a URL' });
    expect(result.checks).toHaveLength(5);
    expect(c.requestCount()).toBe(0);
  });

  it('reports a failed currency read and an unknown time zone', async () => {
    readOk();
    shop().post(`${API}/orders/batch`, {}).reply(200, []);
    shop().get(`${API}/data/currencies/current`).reply(403, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot view this resource.' });

    const result = await verifyShop(client(), SHOP);

    expect(result.checks[3]).toMatchObject({ name: 'store currency', ok: false, detail: expect.stringContaining('refused access to GET /data/currencies/current') });
    expect(result.checks[4]).toMatchObject({ name: 'time zone', ok: false });
  });

  it('never puts the key or secret in a check', async () => {
    shop().get(`${API}/orders`).query(true).reply(401, { code: 'woocommerce_rest_authentication_error', message: `Consumer secret is invalid: ${SECRET} for ${KEY}` });

    const result = await verifyShop(client(), SHOP);

    const printed = JSON.stringify(result);
    expect(printed).not.toContain(SECRET.slice(3));
    expect(printed).not.toContain(KEY.slice(3));
  });
});

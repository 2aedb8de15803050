import { describe, expect, it } from 'vitest';
import { API, client, failure, KEY, SECRET, shop } from './shop-mock.js';

const cases = [
  {
    name: '401 woocommerce_rest_cannot_view (credentials never arrived)',
    status: 401,
    body: { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } },
    code: 'E_AUTH',
    message: 'the shop answered as if no credentials were sent (401 woocommerce_rest_cannot_view: Sorry, you cannot list resources.)',
    hint: 'shop.queryStringAuth: true',
  },
  {
    name: '401 wrong secret',
    status: 401,
    body: { code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.', data: { status: 401 } },
    code: 'E_AUTH',
    message: 'the shop rejected the consumer secret (401 woocommerce_rest_authentication_error: Consumer secret is invalid.)',
    hint: '401 wrong consumer secret',
  },
  {
    name: '401 unknown key on the OAuth path',
    status: 401,
    body: { code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.', data: { status: 401 } },
    code: 'E_AUTH',
    message: 'the shop does not know this consumer key (401 woocommerce_rest_authentication_error: Consumer key is invalid.)',
    hint: 'copy the consumer key again',
  },
  {
    // Over plain http a wrong secret shows only as a signature that does not match: that is what to fix.
    name: '401 OAuth signature does not match',
    status: 401,
    body: { code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.', data: { status: 401 } },
    code: 'E_AUTH',
    message: "the shop says the request's signature does not match: the consumer secret is wrong (401 woocommerce_rest_authentication_error: Invalid signature - provided signature does not match.)",
    hint: '401 wrong consumer secret',
  },
  {
    name: '401 OAuth signature method',
    status: 401,
    body: { code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - signature method is invalid.', data: { status: 401 } },
    code: 'E_AUTH',
    message: 'the shop rejected the OAuth signature (401 woocommerce_rest_authentication_error: Invalid signature - signature method is invalid.)',
    hint: 'Plain http shop URL',
  },
  {
    name: '403 forbidden',
    status: 403,
    body: { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 403 } },
    code: 'E_AUTH',
    message: 'the shop refused access to GET /orders (403 woocommerce_rest_cannot_view: Sorry, you cannot list resources.)',
    hint: '403 forbidden',
  },
  {
    name: '404 rest_no_route',
    status: 404,
    body: { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } },
    code: 'E_CONFIG',
    message: 'no WooCommerce REST API at https://shop.test/wp-json/wc/v3 (404 rest_no_route: No route was found matching the URL and request method.)',
    hint: 'Settings → Permalinks',
  },
  {
    name: '404 HTML page (plain permalinks or no WordPress)',
    status: 404,
    body: '<html><head><title>Page not found – My Shop</title></head><body>Oops</body></html>',
    code: 'E_CONFIG',
    message: 'no WooCommerce REST API at https://shop.test/wp-json/wc/v3 (HTTP 404, an HTML page "Page not found – My Shop")',
    hint: '404 no WooCommerce REST API',
  },
  {
    name: '200 HTML security challenge',
    status: 200,
    body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser (Cloudflare challenge)</body></html>',
    code: 'E_CONFIG',
    message: 'the shop answered GET /orders with a security challenge page instead of JSON (HTTP 200 "Just a moment...")',
    hint: 'HTML instead of JSON',
  },
  {
    name: '200 plain text',
    status: 200,
    body: 'OK',
    code: 'E_CONFIG',
    message: 'the shop answered GET /orders with non-JSON (text/html) instead of JSON (HTTP 200 "OK")',
    hint: 'HTML instead of JSON',
  },
  {
    name: '200 HTML maintenance page',
    status: 200,
    body: '<html><head><title>Briefly unavailable for scheduled maintenance</title></head></html>',
    code: 'E_UNAVAILABLE',
    message: 'the shop answered GET /orders with a maintenance page instead of JSON (HTTP 200 "Briefly unavailable for scheduled maintenance")',
    hint: 'HTML instead of JSON',
  },
] as const;

describe('error mapping', () => {
  it.each(cases)('$name → one line, exit code, README hint', async ({ status, body, code, message, hint }) => {
    const headers: Record<string, string> = typeof body === 'string' ? { 'Content-Type': 'text/html; charset=UTF-8' } : {};
    shop().get(`${API}/orders`).query(true).reply(status, body as string | Record<string, unknown>, headers);
    const c = client();

    const error = await failure(() => c.listOrders({ statuses: ['pending'] }));

    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.hint).toContain(hint);
    expect(error.hint).toContain('README → Troubleshooting');
    expect(c.requestCount()).toBe(1);
  });

  it('401 read-only key on a write', async () => {
    shop().post(`${API}/orders/5`).query(true).reply(401, { code: 'woocommerce_rest_authentication_error', message: 'The API key provided does not have write permissions.', data: { status: 401 } });

    const error = await failure(() => client().updateOrder(5, { status: 'processing' }));

    expect(error).toMatchObject({ code: 'E_AUTH', exitCode: 77 });
    expect(error.message).toBe('the API key is read-only; the shop refused a write (401 woocommerce_rest_authentication_error: The API key provided does not have write permissions.)');
    expect(error.hint).toContain('Read/Write key');
  });

  it('a 503 HTML maintenance page is retried, then reported as unavailable', async () => {
    shop().get(`${API}/orders/1`).query(true).times(4).reply(503, '<html><title>Maintenance</title></html>', { 'Content-Type': 'text/html' });
    const c = client();

    await expect(c.getOrder(1)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(c.requestCount()).toBe(4);
  });

  it('a 404 for an unknown order id is a data error, not a missing API', async () => {
    shop().get(`${API}/orders/999`).query(true).reply(404, { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } });

    const error = await failure(() => client().getOrder(999));

    expect(error).toMatchObject({ code: 'E_DATA' });
    expect(error.message).toBe('the shop rejected GET /orders/999 (404 woocommerce_rest_shop_order_invalid_id: Invalid ID.)');
  });

  it('never prints the key or secret, even when the shop echoes them back', async () => {
    const echo = `<html><title>Blocked ${KEY} ${SECRET}</title></html>`;
    const scope = shop()
      .get(`${API}/orders`).query(true).reply(200, echo, { 'Content-Type': 'text/html' })
      .get(`${API}/orders/1`).query(true).reply(401, { code: 'woocommerce_rest_authentication_error', message: `Consumer secret is invalid. (${SECRET})` })
      .post(`${API}/orders/1`).query(true).reply(500, { code: 'x', message: `consumer_key=${KEY}&consumer_secret=${SECRET}` });
    const c = client({ queryStringAuth: false });
    const errors = [
      await failure(() => c.listOrders({ statuses: ['pending'] })),
      await failure(() => c.getOrder(1)),
      await failure(() => c.updateOrder(1, {})),
    ];

    for (const error of errors) {
      const printed = `${error.message}\n${error.hint ?? ''}`;
      expect(printed).not.toContain(KEY);
      expect(printed).not.toContain(SECRET);
      expect(printed).not.toContain(KEY.slice(3));
      expect(printed).not.toContain(SECRET.slice(3));
      expect(printed.includes('\n', printed.indexOf('\n') + 1)).toBe(false);
    }
    scope.done();
  });
});

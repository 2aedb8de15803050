import { describe, expect, it } from 'vitest';
import { API, client, failure, order, shop } from './shop-mock.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED', syscall: 'connect' });
const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('retries on reads', () => {
  it('retries a GET after 502 and 503, waiting with bounded exponential backoff', async () => {
    shop()
      .get(`${API}/orders/5`).query(true).reply(502, 'Bad gateway')
      .get(`${API}/orders/5`).query(true).reply(503, { code: 'busy', message: 'try later' })
      .get(`${API}/orders/5`).query(true).reply(200, order(5));
    const c = client();

    expect((await c.getOrder(5)).id).toBe(5);

    expect(c.requestCount()).toBe(3);
    expect(c.requests.map((r) => r.status)).toEqual([502, 503, 200]);
    expect(c.sleeps).toHaveLength(2);
    expect(c.sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(c.sleeps[0]).toBeLessThanOrEqual(500);
    expect(c.sleeps[1]).toBeGreaterThanOrEqual(500);
    expect(c.sleeps[1]).toBeLessThanOrEqual(1000);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped at 60 s', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    shop()
      .get(`${API}/orders/5`).query(true).reply(429, { code: 'too_many' }, { 'Retry-After': '7' })
      .get(`${API}/orders/5`).query(true).reply(503, 'down', { 'Retry-After': inTwoMinutes })
      .get(`${API}/orders/5`).query(true).reply(200, order(5));
    const c = client();

    await c.getOrder(5);

    expect(c.sleeps).toEqual([7_000, 60_000]);
    expect(c.requestCount()).toBe(3);
  });

  it('retries a GET after a network error', async () => {
    shop().get(`${API}/orders/5`).query(true).replyWithError(reset).get(`${API}/orders/5`).query(true).reply(200, order(5));
    const c = client();

    await c.getOrder(5);

    expect(c.requests.map((r) => r.status)).toEqual([null, 200]);
  });

  it('gives up on a 5xx storm after 1 + retries attempts with UnavailableError naming the status', async () => {
    shop().get(`${API}/orders/5`).query(true).times(4).reply(500, { code: 'internal_server_error', message: 'Critical error' });
    const c = client();

    const error = await failure(() => c.getOrder(5));

    expect(error).toMatchObject({ code: 'E_UNAVAILABLE', exitCode: 69 });
    expect(error.message).toBe('the shop kept failing GET /orders/5: 500 internal_server_error: Critical error after 4 attempts');
    expect(c.requestCount()).toBe(4);
    expect(c.sleeps).toHaveLength(3);
  });

  it('respects a custom retry count', async () => {
    shop().get(`${API}/orders/5`).query(true).times(2).reply(504, 'Gateway timeout');
    const c = client({ retries: 1 });

    await expect(c.getOrder(5)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(c.requestCount()).toBe(2);
  });

  it('does not retry a 400', async () => {
    shop().get(`${API}/orders`).query(true).reply(400, { code: 'rest_invalid_param', message: 'Invalid parameter(s): status' });
    const c = client();

    const error = await failure(() => c.listOrders({ statuses: ['bogus'] }));

    expect(error).toMatchObject({ code: 'E_DATA' });
    expect(error.message).toContain('400 rest_invalid_param: Invalid parameter(s): status');
    expect(c.requestCount()).toBe(1);
  });

  it('times out a slow answer after timeoutMs and retries the GET', async () => {
    shop()
      .get(`${API}/orders/5`).query(true).delay(1_000).reply(200, order(5))
      .get(`${API}/orders/5`).query(true).reply(200, order(5));
    const c = client({ timeoutMs: 100 });

    await c.getOrder(5);

    expect(c.requestCount()).toBe(2);
    expect(c.requests[0]?.status).toBeNull();
  });

  it('reports a shop that always times out as unavailable', async () => {
    shop().get(`${API}/orders/5`).query(true).times(2).delay(1_000).reply(200, order(5));
    const c = client({ timeoutMs: 100, retries: 1 });

    const error = await failure(() => c.getOrder(5));

    expect(error).toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(error.message).toBe('the shop at https://shop.test did not answer GET /orders/5 within 100 ms (2 attempts)');
  });
});

describe('retries on writes', () => {
  it('never repeats a write after a 500: the caller re-reads the order', async () => {
    shop().post(`${API}/orders/5`).query(true).reply(500, { code: 'internal_server_error', message: 'boom' });
    const c = client();

    const error = await failure(() => c.updateOrder(5, { status: 'processing' }));

    expect(error).toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(error.message).toContain('the write was not repeated');
    expect(c.requestCount()).toBe(1);
    expect(c.sleeps).toEqual([]);
  });

  it('never repeats a write after a read timeout', async () => {
    shop().post(`${API}/orders/5/notes`).delay(1_000).reply(201, { id: 1 });
    const c = client({ timeoutMs: 100 });

    await expect(c.addOrderNote(5, 'paid', false)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(c.requestCount()).toBe(1);
  });

  it('never repeats a write after a connection reset', async () => {
    shop().post(`${API}/orders/5`).query(true).replyWithError(reset);
    const c = client();

    await expect(c.updateOrder(5, { status: 'processing' })).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(c.requestCount()).toBe(1);
  });

  it('repeats a write that was refused before connecting', async () => {
    shop()
      .post(`${API}/orders/5`).query(true).replyWithError(refused)
      .post(`${API}/orders/5`, { status: 'processing' }).query(true).reply(200, order(5, { status: 'processing' }));
    const c = client();

    expect(await c.updateOrder(5, { status: 'processing' })).toMatchObject({ status: 'processing' });
    expect(c.requestCount()).toBe(2);
  });

  it('repeats a write rejected up front with 429 + Retry-After, but not a 503 without it', async () => {
    shop()
      .post(`${API}/orders/5`).query(true).reply(429, { code: 'rate_limited' }, { 'Retry-After': '2' })
      .post(`${API}/orders/5`).query(true).reply(200, order(5))
      .post(`${API}/orders/6`).query(true).reply(503, 'Service unavailable');
    const c = client();

    await c.updateOrder(5, { transaction_id: 'QKX1' });
    await expect(c.updateOrder(6, { transaction_id: 'QKX2' })).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });

    expect(c.sleeps).toEqual([2_000]);
    expect(c.requestCount()).toBe(3);
  });

  it('reports an unreachable shop after the retries', async () => {
    shop().get(`${API}/orders/5`).query(true).times(4).replyWithError(refused);
    const c = client();

    const error = await failure(() => c.getOrder(5));

    expect(error.message).toBe('cannot reach the shop at https://shop.test (ECONNREFUSED) after 4 attempts');
    expect(error.hint).toContain('README → Troubleshooting → Shop unreachable');
    expect(c.requestCount()).toBe(4);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { route, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NOW, seed, wc } from './helpers.js';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ now: () => NOW, orders: [seed(1, 'on-hold', 100, 30), seed(2, 'on-hold', 200, 20)] });
});
afterEach(() => {
  sb.faults.reset();
  sb.state.clearLogs();
});
afterAll(() => sb.close());

describe('sandbox fault controls', () => {
  it('failNext fails exactly n matching requests, then the shop answers again; all are logged', async () => {
    sb.faults.failNext(2, { status: 503, match: route('GET', '/wc/v3/orders') });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await wc(sb, '/orders')).status);
    const other = await wc(sb, '/orders/1');

    expect(statuses).toEqual([503, 503, 200]);
    expect(other.status).toBe(200);
    expect(sb.state.requests.map((r) => [r.method, r.route, r.status, r.fault ?? null])).toEqual([
      ['GET', '/wc/v3/orders', 503, 'fail 503'],
      ['GET', '/wc/v3/orders', 503, 'fail 503'],
      ['GET', '/wc/v3/orders', 200, null],
      ['GET', '/wc/v3/orders/1', 200, null],
    ]);
  });

  it('afterHandling applies the update but loses the answer (the client must re-read before retrying)', async () => {
    sb.faults.failNext(1, { status: 502, match: route('PUT', /^\/wc\/v3\/orders\/\d+$/), afterHandling: true });

    const res = await wc(sb, '/orders/1', { method: 'PUT', json: { status: 'processing' } });

    expect(res.status).toBe(502);
    expect(sb.state.order(1)!.status).toBe('processing');
    expect(sb.state.emails.map((e) => e.template)).toEqual(['customer_processing_order']);
  });

  it('hang never answers, so the client times out; other routes still work', async () => {
    sb.faults.hang(route('GET', '/wc/v3/orders/2'));

    const hung = wc(sb, '/orders/2', { signal: AbortSignal.timeout(300) });

    await expect(hung).rejects.toThrow(/aborted|timeout/i);
    expect((await wc(sb, '/orders/1')).status).toBe(200);
  });

  it('htmlInsteadOfJson serves an HTML page with a 200', async () => {
    sb.faults.htmlInsteadOfJson(undefined, { times: 1 });

    const res = await wc(sb, '/orders');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.json).toBeUndefined();
    expect((await wc(sb, '/orders')).json).toHaveLength(2);
  });

  it('retryAfter answers 429 with a Retry-After header', async () => {
    sb.faults.retryAfter(7, route('*', /^\/wc\//), { times: 1 });

    const res = await wc(sb, '/orders');

    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '7']);
  });

  it('failNext can carry a custom body and a delay', async () => {
    sb.faults.failNext(1, { status: 500, body: 'Internal Server Error', delayMs: 50 });
    const started = Date.now();

    const res = await wc(sb, '/orders');

    expect([res.status, res.text]).toEqual([500, 'Internal Server Error']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('reset removes every fault', async () => {
    sb.faults.failNext(5, { status: 500 });
    sb.faults.stripAuthorization(true);
    sb.faults.rejectOrderUpdates([2]);

    sb.faults.reset();

    expect((await wc(sb, '/orders')).status).toBe(200);
    expect((await wc(sb, '/orders/2', { method: 'PUT', json: { customer_note: 'x' } })).status).toBe(200);
  });
});

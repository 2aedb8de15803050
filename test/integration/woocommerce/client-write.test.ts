import { describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../../src/adapters/woocommerce/client.js';
import { API, client, failure, order, shop } from './shop-mock.js';

describe('updateOrder', () => {
  it('POSTs a JSON body (not PUT, not a form) and returns the order', async () => {
    const body = { set_paid: true, transaction_id: 'QKX12ABC34', meta_data: [{ key: '_smsmatch_receipt', value: 'QKX12ABC34' }] };
    shop()
      .matchHeader('content-type', /^application\/json/)
      .post(`${API}/orders/12`, body)
      .query({ _fields: ORDER_FIELDS.join(',') })
      .reply(200, order(12, { status: 'processing', transaction_id: 'QKX12ABC34' }));
    const c = client();

    const updated = await c.updateOrder(12, body);

    expect(updated).toMatchObject({ id: 12, status: 'processing', transaction_id: 'QKX12ABC34' });
    expect(c.requests).toEqual([{ method: 'POST', path: `${API}/orders/12`, status: 200 }]);
  });
});

describe('addOrderNote', () => {
  it('creates a private note and returns its id', async () => {
    shop().post(`${API}/orders/12/notes`, { note: 'smsmatch: paid by QKX12ABC34', customer_note: false }).reply(201, { id: 501, note: 'x', customer_note: false });

    expect(await client().addOrderNote(12, 'smsmatch: paid by QKX12ABC34', false)).toEqual({ id: 501 });
  });

  it('creates a customer-visible note', async () => {
    shop().post(`${API}/orders/12/notes`, { note: 'Thank you', customer_note: true }).reply(201, { id: 502 });

    expect(await client().addOrderNote(12, 'Thank you', true)).toEqual({ id: 502 });
  });

  it('reports a missing order as a data error', async () => {
    shop().post(`${API}/orders/77/notes`).reply(404, { code: 'woocommerce_rest_order_invalid_id', message: 'Invalid order ID.', data: { status: 404 } });

    await expect(client().addOrderNote(77, 'x', false)).rejects.toMatchObject({ code: 'E_DATA', message: 'the shop rejected POST /orders/77/notes (404 woocommerce_rest_order_invalid_id: Invalid order ID.)' });
  });
});

describe('batchUpdateOrders', () => {
  function answer(update: Array<{ id: number }>): Record<string, unknown> {
    return {
      update: update.map(({ id }) =>
        id % 50 === 0
          ? { id, error: { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 400 } } }
          : order(id, { status: 'processing' }),
      ),
    };
  }

  it('splits 250 updates into chunks of 100, 100 and 50 and reports per-item errors', async () => {
    const updates = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, status: 'processing' }));
    const sizes: number[] = [];
    shop()
      .post(`${API}/orders/batch`)
      .times(3)
      .reply(200, (_uri, body) => {
        const update = (body as { update: Array<{ id: number }> }).update;
        sizes.push(update.length);
        return answer(update);
      });
    const c = client();

    const results = await c.batchUpdateOrders(updates);

    expect(sizes).toEqual([100, 100, 50]);
    expect(c.requestCount()).toBe(3);
    expect(results).toHaveLength(250);
    expect(results.filter((r) => r.error).map((r) => r.id)).toEqual([50, 100, 150, 200, 250]);
    expect(results[49]).toEqual({ id: 50, error: { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', status: 400 } });
    expect(results[0]).toMatchObject({ id: 1, order: { id: 1, status: 'processing' } });
  });

  it('halves a chunk when the shop has a lower batch limit (413)', async () => {
    const updates = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, status: 'processing' }));
    const sizes: number[] = [];
    shop()
      .post(`${API}/orders/batch`)
      .times(3)
      .reply((_uri, body) => {
        const update = (body as { update: Array<{ id: number }> }).update;
        sizes.push(update.length);
        if (update.length > 50) return [413, { code: 'woocommerce_rest_request_entity_too_large', message: 'Unable to accept more than 50 items for this request.', data: { status: 413 } }];
        return [200, answer(update)];
      });
    const c = client();

    const results = await c.batchUpdateOrders(updates);

    expect(sizes).toEqual([100, 50, 50]);
    expect(results.map((r) => r.id)).toEqual(updates.map((u) => u.id));
    expect(c.requestCount()).toBe(3);
  });

  it('marks an order the shop did not report on as failed', async () => {
    shop().post(`${API}/orders/batch`).reply(200, { update: [order(1)] });

    const results = await client().batchUpdateOrders([{ id: 1 }, { id: 2 }]);

    expect(results[1]).toEqual({ id: 2, error: { code: 'smsmatch_missing_from_batch', message: 'the shop did not report on this order' } });
  });

  it('reports a malformed order in a batch answer for that order only', async () => {
    shop().post(`${API}/orders/batch`).reply(200, { update: [order(1), order(2, { currency: 'shillings' })] });

    const results = await client().batchUpdateOrders([{ id: 1 }, { id: 2 }]);

    expect(results[0]).toMatchObject({ id: 1, order: { id: 1 } });
    expect(results[1]).toMatchObject({ id: 2, error: { code: 'smsmatch_malformed_order', message: expect.stringContaining('currency') } });
  });

  it('does not repeat a batch after a 502', async () => {
    shop().post(`${API}/orders/batch`).reply(502, 'Bad gateway');
    const c = client();

    const error = await failure(() => c.batchUpdateOrders([{ id: 1 }]));

    expect(error).toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(error.hint).toContain('may or may not have been applied');
    expect(c.requestCount()).toBe(1);
  });

  it('makes no request for an empty list', async () => {
    const c = client();

    expect(await c.batchUpdateOrders([])).toEqual([]);
    expect(c.requestCount()).toBe(0);
  });
});

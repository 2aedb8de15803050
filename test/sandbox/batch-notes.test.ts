import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NOW, seed, wc } from './helpers.js';

let sb: Sandbox;

beforeEach(async () => {
  sb = await startSandbox({ now: () => NOW, batchLimit: 5, orders: [seed(1, 'on-hold', 100, 30), seed(2, 'pending', 200, 20), seed(3, 'on-hold', 300, 10)] });
});
afterEach(() => sb.close());

describe('sandbox POST /orders/batch', () => {
  it('updates each item like a single request and reports failures per item inside a 200', async () => {
    const res = await wc(sb, '/orders/batch', {
      method: 'POST',
      json: { update: [{ id: 1, status: 'processing' }, { id: 99, status: 'processing' }, { id: 2, set_paid: true }, { id: 3, status: 'paid' }] },
    });

    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['update']);
    const [one, missing, two, bad] = res.json.update;
    expect([one.id, one.status, two.status]).toEqual([1, 'processing', 'processing']);
    expect(missing).toEqual({ id: 99, error: { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 400 } } });
    expect([bad.id, bad.error.code]).toEqual([3, 'rest_invalid_param']);
    expect(sb.state.emails.map((e) => [e.orderId, e.template])).toEqual([[1, 'customer_processing_order'], [2, 'new_order'], [2, 'customer_processing_order']]);
  });

  it('refuses more than the limit with 413 and changes nothing', async () => {
    const update = Array.from({ length: 6 }, () => ({ id: 1, status: 'processing' }));

    const res = await wc(sb, '/orders/batch', { method: 'POST', json: { update } });

    expect([res.status, res.json.code, res.json.message]).toEqual([413, 'woocommerce_rest_request_entity_too_large', 'Unable to accept more than 5 items for this request.']);
    expect(sb.state.order(1)!.status).toBe('on-hold');
  });

  it('lets rejectOrderUpdates fail one item of a batch (partial failure)', async () => {
    sb.faults.rejectOrderUpdates([3]);

    const res = await wc(sb, '/orders/batch', { method: 'PUT', json: { update: [{ id: 1, status: 'processing' }, { id: 3, status: 'processing' }] } });

    expect(res.json.update[0].status).toBe('processing');
    expect(res.json.update[1]).toEqual({ id: 3, error: { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } } });
    expect(sb.state.order(3)!.status).toBe('on-hold');
  });

  it('creates and deletes too', async () => {
    const res = await wc(sb, '/orders/batch', {
      method: 'POST',
      json: { create: [{ billing: { first_name: 'Amina', phone: '0712000000', email: 'amina@example.com' }, line_items: [{ name: 'Tea', quantity: 1, total: '150' }] }], delete: [2, 404] },
    });

    expect(res.json.create[0]).toMatchObject({ status: 'pending', total: '150.00', created_via: 'rest-api' });
    expect(res.json.delete[0].id).toBe(2);
    expect(res.json.delete[1].error.code).toBe('woocommerce_rest_shop_order_invalid_id');
    expect(sb.state.order(2)).toBeUndefined();
  });
});

describe('sandbox order notes', () => {
  it('adds an internal note (201, no email) and a customer note (customer_note email)', async () => {
    const internal = await wc(sb, '/orders/1/notes', { method: 'POST', json: { note: 'smsmatch: matched receipt UHSNH45W4A' } });
    const customer = await wc(sb, '/orders/1/notes', { method: 'POST', json: { note: 'We received KES 90, KES 10 short.', customer_note: true } });
    const list = await wc(sb, '/orders/1/notes');
    const onlyCustomer = await wc(sb, '/orders/1/notes?type=customer');

    expect([internal.status, internal.json.author, internal.json.customer_note]).toEqual([201, 'system', false]);
    expect(customer.status).toBe(201);
    expect(sb.state.emails.map((e) => [e.to, e.template])).toEqual([['c1@example.com', 'customer_note']]);
    expect(list.json.map((n: { note: string }) => n.note)).toEqual(['We received KES 90, KES 10 short.', 'smsmatch: matched receipt UHSNH45W4A']);
    expect(onlyCustomer.json).toHaveLength(1);
  });

  it('answers a missing order with 404 and a missing note param with 400', async () => {
    const missingOrder = await wc(sb, '/orders/42/notes', { method: 'POST', json: { note: 'x' } });
    const missingNote = await wc(sb, '/orders/1/notes', { method: 'POST', json: {} });

    expect([missingOrder.status, missingOrder.json.message]).toEqual([404, 'Invalid order ID.']);
    expect([missingNote.status, missingNote.json.code]).toEqual([400, 'rest_missing_callback_param']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { NOW, seed, wc } from './helpers.js';

let sb: Sandbox;
let clock = NOW;

beforeEach(async () => {
  clock = NOW;
  sb = await startSandbox({
    now: () => clock,
    orders: [
      seed(1, 'pending', 1250, 30),
      seed(2, 'on-hold', 3400, 20),
      seed(3, 'failed', 850, 10),
      seed(4, 'pending', 499, 5, { virtualOnly: true }),
      seed(5, 'processing', 700, 60),
      seed(6, 'cancelled', 900, 90),
    ],
  });
});
afterEach(() => sb.close());

const templates = (): string[] => sb.state.emails.map((e) => e.template);

describe('sandbox order updates', () => {
  it('pending + set_paid runs payment_complete: transaction id, date_paid, processing, admin and customer emails', async () => {
    const res = await wc(sb, '/orders/1', { method: 'PUT', json: { set_paid: true, transaction_id: 'UHSNH45W4A' } });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'processing', transaction_id: 'UHSNH45W4A', date_paid_gmt: '2026-08-28T12:00:00', date_paid: '2026-08-28T15:00:00', needs_payment: false });
    expect(sb.state.emails).toEqual([
      { to: 'admin@sandbox-shop.test', template: 'new_order', orderId: 1, at: NOW.toISOString() },
      { to: 'c1@example.com', template: 'customer_processing_order', orderId: 1, at: NOW.toISOString() },
    ]);
    expect(sb.state.notes(1).map((n) => n.note)).toEqual(['Order status changed from Pending payment to Processing.']);
  });

  it('on-hold + set_paid is a silent no-op, as in WooCommerce', async () => {
    const res = await wc(sb, '/orders/2', { method: 'PUT', json: { set_paid: true, transaction_id: 'QKX1234567' } });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'on-hold', date_paid: null, transaction_id: 'QKX1234567' });
    expect(templates()).toEqual([]);
  });

  it('on-hold + status processing sends only customer_processing_order and stamps date_paid', async () => {
    const res = await wc(sb, '/orders/2', { method: 'POST', json: { status: 'processing', transaction_id: 'QKX1234567' } });

    expect(res.json).toMatchObject({ status: 'processing', date_paid_gmt: '2026-08-28T12:00:00' });
    expect(templates()).toEqual(['customer_processing_order']);
  });

  it('failed + set_paid and cancelled + processing both send new_order and the processing email', async () => {
    await wc(sb, '/orders/3', { method: 'PATCH', json: { set_paid: true } });
    await wc(sb, '/orders/6', { method: 'PUT', json: { status: 'processing' } });

    expect(sb.state.emails.map((e) => [e.orderId, e.template])).toEqual([
      [3, 'new_order'], [3, 'customer_processing_order'], [6, 'new_order'], [6, 'customer_processing_order'],
    ]);
  });

  it('a virtual-only order completes straight away on payment', async () => {
    const res = await wc(sb, '/orders/4', { method: 'PUT', json: { set_paid: true } });

    expect(res.json).toMatchObject({ status: 'completed', needs_processing: false, date_completed_gmt: '2026-08-28T12:00:00' });
    expect(templates()).toEqual(['new_order', 'customer_completed_order']);
  });

  it('never re-sends for a status that does not change, nor set_paid on a paid order', async () => {
    await wc(sb, '/orders/5', { method: 'PUT', json: { status: 'processing', set_paid: true } });

    expect(templates()).toEqual([]);
    expect(sb.state.notes(5)).toEqual([]);
  });

  it('applies props before status, and status before set_paid (so set_paid is skipped after a status change)', async () => {
    const res = await wc(sb, '/orders/1', { method: 'PUT', json: { status: 'processing', set_paid: true, transaction_id: 'ABC' } });

    expect(res.json).toMatchObject({ status: 'processing', transaction_id: 'ABC', date_paid_gmt: '2026-08-28T12:00:00' });
    expect(templates()).toEqual(['new_order', 'customer_processing_order']);
  });

  it('updates meta_data by key without duplicating, and by id', async () => {
    const first = await wc(sb, '/orders/2', { method: 'PUT', json: { meta_data: [{ key: '_smsmatch_receipt', value: 'R1' }] } });
    const second = await wc(sb, '/orders/2', { method: 'PUT', json: { meta_data: [{ key: '_smsmatch_receipt', value: 'R2' }, { key: '_smsmatch_amount', value: '3400' }] } });
    const metaId = second.json.meta_data[0].id as number;
    const third = await wc(sb, '/orders/2', { method: 'PUT', json: { meta_data: [{ id: metaId, key: '_smsmatch_receipt', value: 'R3' }] } });

    expect(first.json.meta_data).toEqual([{ id: expect.any(Number), key: '_smsmatch_receipt', value: 'R1' }]);
    expect(second.json.meta_data).toEqual([
      { id: first.json.meta_data[0].id, key: '_smsmatch_receipt', value: 'R2' },
      { id: expect.any(Number), key: '_smsmatch_amount', value: '3400' },
    ]);
    expect(third.json.meta_data.map((m: { key: string; value: string }) => [m.key, m.value])).toEqual([['_smsmatch_receipt', 'R3'], ['_smsmatch_amount', '3400']]);
  });

  it('parses a JSON body sent as a form as a form: a silent 200 no-op', async () => {
    const res = await wc(sb, '/orders/2', {
      method: 'PUT',
      body: JSON.stringify({ status: 'processing' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const realForm = await wc(sb, '/orders/1', { method: 'PUT', body: 'status=on-hold', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

    expect([res.status, res.json.status]).toEqual([200, 'on-hold']);
    expect(realForm.json.status).toBe('on-hold');
    expect(templates()).toEqual(['new_order', 'customer_on_hold_order']);
  });

  it('rejects an unknown id with 400 on update, a bad status with rest_invalid_param, bad JSON with rest_invalid_json', async () => {
    const missing = await wc(sb, '/orders/77', { method: 'PUT', json: { status: 'processing' } });
    const status = await wc(sb, '/orders/1', { method: 'PUT', json: { status: 'paid' } });
    const badJson = await wc(sb, '/orders/1', { method: 'PUT', body: '{"status":', headers: { 'Content-Type': 'application/json' } });
    const anonymous = await wc(sb, '/orders/1', { method: 'PUT', json: { status: 'processing' }, headers: { Authorization: '' } });

    expect([missing.status, missing.json.code]).toEqual([400, 'woocommerce_rest_shop_order_invalid_id']);
    expect([status.status, status.json.code]).toEqual([400, 'rest_invalid_param']);
    expect([badJson.status, badJson.json.code]).toEqual([400, 'rest_invalid_json']);
    expect([anonymous.status, anonymous.json.code]).toEqual([401, 'woocommerce_rest_cannot_edit']);
    expect(sb.state.order(1)!.status).toBe('pending');
  });

  it('state.setOrderStatus behaves like wp-admin: same transitions and emails', () => {
    clock = new Date('2026-08-28T13:00:00Z');

    sb.state.setOrderStatus(2, 'processing');
    sb.state.setOrderStatus(2, 'completed');

    expect(sb.state.order(2)).toMatchObject({ status: 'completed', date_paid_gmt: '2026-08-28T13:00:00', date_modified_gmt: '2026-08-28T13:00:00' });
    expect(templates()).toEqual(['customer_processing_order', 'customer_completed_order']);
    expect(() => sb.state.setOrderStatus(2, 'paid')).toThrow(/unknown order status/);
  });
});

import { describe, expect, it } from 'vitest';
import type { ApplyPolicy, PaymentEvidence } from '../../src/core/apply.js';
import { META, planConfirmWrite } from '../../src/core/apply.js';
import type { Order } from '../../src/core/order.js';

const policy: ApplyPolicy = { onHoldStatus: 'processing', lateCancelled: 'review', customerNote: false, customerNoteText: 'Paid {code} {amount}' };
const now = '2026-08-28T19:45:00.000Z';

function order(over: Partial<Order> = {}): Order {
  return {
    id: 41, number: '1041', status: 'pending', currency: 'KES', totalMinor: 150000, createdAt: '2026-08-28T19:00:00Z', paymentMethod: 'mpesa',
    transactionId: '', customerNote: '', billing: { firstName: 'Daniel', lastName: 'Kamau', phone: '0715123897', email: 'd@example.com' }, meta: {}, ...over,
  };
}

const evidence: PaymentEvidence = {
  code: 'UHSNH45W4A', provider: 'mpesa-ke', messageId: 'm-1', amountMinor: 150000, currency: 'KES', payerName: 'DANIEL KAMAU', payerPhone: '+254715***897',
  occurredAt: '2026-08-28T22:44:00+03:00', rule: 'masked-phone+name', reasons: ['masked phone +254715***897 fits billing phone', 'name DANIEL KAMAU = billing name'],
  smsText: 'UHSNH45W4A Confirmed.You have received Ksh1,500.00 from DANIEL KAMAU 0715***897 on 28/8/26 at 10:44 PM\r\nNew M-PESA balance is Ksh1,500.00.',
};

describe('planConfirmWrite', () => {
  it('uses set_paid for a pending order so WooCommerce runs payment_complete', () => {
    const plan = planConfirmWrite(order(), evidence, policy, now);

    expect(plan.kind).toBe('write');
    if (plan.kind !== 'write') return;
    expect(plan.body).toMatchObject({ set_paid: true, transaction_id: 'UHSNH45W4A' });
    expect(plan.body).not.toHaveProperty('status');
    expect(plan.body['meta_data']).toContainEqual({ key: META.code, value: 'UHSNH45W4A' });
    expect(plan.note).toContain('payment UHSNH45W4A of KES 1,500.00 from DANIEL KAMAU +254715***897');
    expect(plan.note).toContain('SMS: "UHSNH45W4A Confirmed.You have received Ksh1,500.00');
    expect(plan.customerNote).toBeNull();
  });

  it('sets the configured status for an on-hold order (set_paid would be a no-op there)', () => {
    const plan = planConfirmWrite(order({ status: 'on-hold' }), evidence, { ...policy, onHoldStatus: 'completed', customerNote: true }, now);

    expect(plan.kind === 'write' && plan.body).toMatchObject({ status: 'completed', transaction_id: 'UHSNH45W4A' });
    expect(plan.kind === 'write' && plan.customerNote).toBe('Paid UHSNH45W4A KES 1,500.00');
  });

  it('recognises its own earlier write (crash after the update) as already applied', () => {
    const plan = planConfirmWrite(order({ status: 'processing', transactionId: 'UHSNH45W4A', meta: { [META.code]: 'UHSNH45W4A' } }), evidence, policy, now);

    expect(plan).toMatchObject({ kind: 'skip', alreadyApplied: true });
  });

  it.each([
    [{ status: 'processing' }, /is now processing/],
    [{ status: 'completed' }, /is now completed/],
    [{ transactionId: 'OTHER12345' }, /someone else marked it paid/],
    [{ status: 'cancelled' }, /late payments go to review/],
  ])('never overwrites an order changed since matching: %j', (over, reason) => {
    const plan = planConfirmWrite(order(over), evidence, policy, now);

    expect(plan.kind).toBe('skip');
    expect(plan.kind === 'skip' && plan.reason).toMatch(reason);
    expect(plan.kind === 'skip' && plan.alreadyApplied).toBe(false);
  });

  it('revives a cancelled order only when the policy says so', () => {
    const plan = planConfirmWrite(order({ status: 'cancelled' }), evidence, { ...policy, lateCancelled: 'revive' }, now);

    expect(plan.kind === 'write' && plan.body).toMatchObject({ status: 'processing', transaction_id: 'UHSNH45W4A' });
  });
});

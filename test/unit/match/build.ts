import type { MatchMessage } from '../../../src/core/match/index.js';
import type { Order } from '../../../src/core/order.js';
import type { ParsedSms } from '../../../src/core/sms/types.js';

/** A trusted M-PESA payment; override any field. */
export function payment(over: Partial<ParsedSms> & { id?: string; at?: string } = {}): MatchMessage {
  const { id, at, ...rest } = over;
  const parsed: ParsedSms = {
    kind: 'payment', provider: 'mpesa-ke', template: 'p2p', trusted: true, untrustedReason: null,
    code: 'UAB1C2D3E4', amount: '1500.00', amountMinor: 150000, currency: 'KES',
    payerName: 'JANE WANJIKU', payerPhone: '+254712345678', payerIsOrganisation: false, account: null,
    balance: null, balanceMinor: null, occurredAt: null, reverses: null,
    ...rest,
  };
  return { messageId: id ?? `m-${parsed.code}`, receivedAt: at ?? '2026-05-04T09:00:00.000Z', parsed };
}

export interface OrderOver extends Partial<Omit<Order, 'billing'>> {
  billing?: Partial<Order['billing']>;
}

/** A pending KES order created an hour before the default payment time. */
export function order(id: number, over: OrderOver = {}): Order {
  const { billing, ...rest } = over;
  return {
    id, number: String(id), status: 'pending', currency: 'KES', totalMinor: 150000,
    createdAt: '2026-05-04T08:00:00.000Z', paymentMethod: 'mpesa', transactionId: '', customerNote: '',
    meta: {},
    ...rest,
    billing: { firstName: 'Jane', lastName: 'Wanjiku', phone: '0712 345 678', email: 'jane@example.com', ...billing },
  };
}

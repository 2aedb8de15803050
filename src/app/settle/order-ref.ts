/**
 * What a person types for ORDER in `smsmatch assign CODE ORDER`: the order id (1046, #1046) or the order number
 * wp-admin shows, which shops with a custom-number plugin make different from the id (NB-2026-0046). WooCommerce
 * returns that number as the order's `number`; the REST API can only fetch by id, so a number is looked up among
 * the orders created around the payment.
 */
import type { Ledger } from '../../adapters/ledger/index.js';
import type { ShopClient } from '../../adapters/woocommerce/client.js';
import { UsageError } from '../../errors.js';
import { resolvePaymentKey } from './lookup.js';

const DAY_MS = 86_400_000;
/** How far before the payment an order typed by its number is looked for (a person rarely assigns older ones). */
export const NUMBER_LOOKBACK_DAYS = 60;

export interface OrderRef {
  id: number;
  /** Set when the text was an order number: "order NB-2026-0046 is id 1046". */
  resolvedFrom: string | null;
}

/** A plain id needs no lookup; anything else is an order number, found in the shop or refused with the id to use. */
export async function resolveOrderRef(text: string, deps: { ledger: Ledger; shop: ShopClient; code: string }): Promise<OrderRef> {
  const typed = text.trim().replace(/^#/, '');
  if (typed === '') throw new UsageError('ORDER is empty: give the order id (1046) or the order number shown in wp-admin');
  if (/^\d{1,12}$/.test(typed) && Number(typed) > 0) return { id: Number(typed), resolvedFrom: null };
  if (!/^[\w./-]{1,64}$/.test(typed)) throw new UsageError(`${JSON.stringify(text)} is neither an order id like 1046 nor an order number like NB-2026-0046`);

  const payment = deps.ledger.getPayment(resolvePaymentKey(deps.ledger, deps.code));
  const since = Date.parse(payment?.createdAt ?? '') || Date.now();
  const createdAfter = new Date(since - NUMBER_LOOKBACK_DAYS * DAY_MS).toISOString();
  const orders = await deps.shop.listOrders({ statuses: ['any'], createdAfter, onMalformed: () => undefined });
  const wanted = typed.toLowerCase();
  const hits = orders.filter((o) => String(o.number).replace(/^#/, '').toLowerCase() === wanted);
  if (hits.length === 1) return { id: hits[0]!.id, resolvedFrom: typed };
  if (hits.length > 1) {
    throw new UsageError(`${hits.length} orders carry the number ${typed} (ids ${hits.map((o) => o.id).join(', ')})`, { hint: 'pass the id of the one you mean' });
  }
  throw new UsageError(`no order numbered ${typed} was created in the ${NUMBER_LOOKBACK_DAYS} days before the payment`, {
    hint: 'check the number in WooCommerce → Orders, or pass the order id (shown in the order page\'s address: post=1046 or id=1046)',
  });
}

import { createHash } from 'node:crypto';
import { wcDates } from './time.js';
import type { Address, LineItem, MetaData, SandboxOrderSeed, WooOrder } from './types.js';

/** The shop-side facts WooCommerce keeps outside the REST shape. */
export interface OrderRecord {
  order: WooOrder;
  virtualOnly: boolean;
  /** WooCommerce's `_new_order_email_sent` flag: the admin email goes out once per order. */
  newOrderEmailSent: boolean;
  datePaid: Date | null;
  dateCompleted: Date | null;
  dateModified: Date;
}

export interface ShopContext {
  baseUrl: string;
  timezone: string;
  currency: string;
  now: () => Date;
  nextId: (kind: 'meta' | 'item' | 'note' | 'order') => number;
}

export const STATUS_LABELS: Record<string, string> = {
  pending: 'Pending payment',
  processing: 'Processing',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  failed: 'Failed',
  'checkout-draft': 'Draft',
  trash: 'Trash',
};

export const ORDER_STATUSES = Object.keys(STATUS_LABELS).filter((s) => s !== 'trash');

const GATEWAY_TITLES: Record<string, string> = {
  mpesa: 'Lipa na M-PESA',
  airtel_money: 'Airtel Money',
  bacs: 'Direct bank transfer',
  cod: 'Cash on delivery',
  cheque: 'Check payments',
};

const CURRENCY_SYMBOLS: Record<string, string> = { KES: 'KSh', UGX: 'USh', TZS: 'TSh', RWF: 'RF', GHS: '₵', NGN: '₦', ZAR: 'R', USD: '$', EUR: '€' };

export function currencySymbol(code: string): string {
  return CURRENCY_SYMBOLS[code] ?? code;
}

/** Money the way WooCommerce prints it: a string with two decimals. */
export function money(value: number | string): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`sandbox: not an amount: ${String(value)}`);
  return n.toFixed(2);
}

export function emptyAddress(): Address {
  return { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', state: '', postcode: '', country: '', phone: '' };
}

function orderKey(id: number): string {
  return `wc_order_${createHash('sha256').update(`order-${id}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, 13)}`;
}

function lineItems(seed: SandboxOrderSeed, ctx: ShopContext): LineItem[] {
  const items = seed.items ?? [{ name: 'Order item', quantity: 1, total: seed.total }];
  return items.map((item, i) => {
    const quantity = item.quantity ?? 1;
    const total = money(item.total);
    return {
      id: ctx.nextId('item'),
      name: item.name,
      product_id: 100 + i,
      variation_id: 0,
      quantity,
      tax_class: '',
      subtotal: total,
      subtotal_tax: '0.00',
      total,
      total_tax: '0.00',
      taxes: [],
      meta_data: [],
      sku: '',
      price: Number(total) / quantity,
    };
  });
}

export function createOrderRecord(seed: SandboxOrderSeed, id: number, ctx: ShopContext): OrderRecord {
  const created = new Date(seed.createdAt);
  if (Number.isNaN(created.getTime())) throw new Error(`sandbox: order seed ${id} has a bad createdAt: ${seed.createdAt}`);
  const dates = wcDates(created, ctx.timezone);
  const billing: Address = { ...emptyAddress(), city: 'Nairobi', country: 'KE', ...seed.billing };
  const method = seed.payment_method ?? 'mpesa';
  const currency = seed.currency ?? ctx.currency;
  const order: WooOrder = {
    id,
    parent_id: 0,
    status: seed.status,
    currency,
    version: '9.8.5',
    prices_include_tax: false,
    date_created: dates.local!,
    date_modified: dates.local!,
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: '0.00',
    shipping_tax: '0.00',
    cart_tax: '0.00',
    total: money(seed.total),
    total_tax: '0.00',
    customer_id: 0,
    order_key: orderKey(id),
    billing,
    shipping: { ...emptyAddress(), first_name: billing.first_name, last_name: billing.last_name, city: billing.city, country: billing.country },
    payment_method: method,
    payment_method_title: GATEWAY_TITLES[method] ?? method,
    transaction_id: seed.transaction_id ?? '',
    customer_ip_address: '127.0.0.1',
    customer_user_agent: 'Mozilla/5.0 (Linux; Android 13) Mobile Safari/537.36',
    created_via: 'checkout',
    customer_note: seed.customer_note ?? '',
    date_completed: null,
    date_paid: null,
    cart_hash: createHash('md5').update(`cart-${id}`).digest('hex'),
    number: seed.number ?? String(id),
    meta_data: Object.entries(seed.meta ?? {}).map(([key, value]) => ({ id: ctx.nextId('meta'), key, value })),
    line_items: lineItems(seed, ctx),
    tax_lines: [],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
    payment_url: '',
    is_editable: false,
    needs_payment: false,
    needs_processing: true,
    date_created_gmt: dates.gmt!,
    date_modified_gmt: dates.gmt!,
    date_completed_gmt: null,
    date_paid_gmt: null,
    currency_symbol: currencySymbol(currency),
  };
  const paid = ['processing', 'completed'].includes(seed.status) ? created : null;
  const record: OrderRecord = {
    order,
    virtualOnly: seed.virtualOnly ?? false,
    newOrderEmailSent: ['on-hold', 'processing', 'completed'].includes(seed.status),
    datePaid: paid,
    dateCompleted: seed.status === 'completed' ? created : null,
    dateModified: created,
  };
  refreshDerived(record, ctx);
  return record;
}

export function needsPayment(record: OrderRecord): boolean {
  return ['pending', 'failed'].includes(record.order.status) && Number(record.order.total) > 0;
}

/** Recomputes the read-only fields that WooCommerce derives from status, dates and totals. */
export function refreshDerived(record: OrderRecord, ctx: ShopContext): void {
  const o = record.order;
  o.needs_payment = needsPayment(record);
  o.needs_processing = !record.virtualOnly;
  o.is_editable = ['pending', 'on-hold', 'auto-draft', 'checkout-draft'].includes(o.status);
  o.payment_url = `${ctx.baseUrl}/checkout/order-pay/${o.id}/?pay_for_order=true&key=${o.order_key}`;
  const paid = wcDates(record.datePaid, ctx.timezone);
  o.date_paid = paid.local;
  o.date_paid_gmt = paid.gmt;
  const completed = wcDates(record.dateCompleted, ctx.timezone);
  o.date_completed = completed.local;
  o.date_completed_gmt = completed.gmt;
  const modified = wcDates(record.dateModified, ctx.timezone);
  o.date_modified = modified.local!;
  o.date_modified_gmt = modified.gmt!;
}

/**
 * `WC_Data::update_meta_data`: with an id, that entry is updated; otherwise the first entry with the key is
 * updated and any further duplicates removed; a new key is appended with a fresh id.
 */
export function updateMeta(meta: MetaData[], key: string, value: unknown, id: number | undefined, nextId: () => number): MetaData[] {
  const byId = id === undefined ? -1 : meta.findIndex((m) => m.id === id);
  if (byId !== -1) {
    meta[byId] = { id: meta[byId]!.id, key, value };
    return meta;
  }
  const first = meta.findIndex((m) => m.key === key);
  if (first === -1) return [...meta, { id: nextId(), key, value }];
  const kept = meta.filter((m, i) => m.key !== key || i === first);
  const at = kept.findIndex((m) => m.key === key);
  kept[at] = { id: kept[at]!.id, key, value };
  return kept;
}

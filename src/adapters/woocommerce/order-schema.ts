import { z } from 'zod';
import type { Order } from '../../core/order.js';
import { parseAmount } from '../../core/money.js';
import { DataError } from '../../errors.js';

/**
 * The WooCommerce v3 order object, as `GET /wc/v3/orders` returns it: only the fields smsmatch reads, extra
 * keys and unknown (plugin) statuses allowed. Strings that WooCommerce may send as null default to ''.
 */
const text = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? '' : String(v)));

export const WooOrder = z.looseObject({
  id: z.number().int().positive(),
  number: z.union([z.string(), z.number()]).transform(String),
  status: z.string().min(1),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'expected a 3-letter ISO currency code'),
  total: z.union([z.string(), z.number()]).transform(String),
  date_created_gmt: z.string().nullish(),
  payment_method: text,
  transaction_id: text,
  customer_note: text,
  billing: z
    .looseObject({ first_name: text, last_name: text, phone: text, email: text })
    .nullish()
    .transform((b) => b ?? { first_name: '', last_name: '', phone: '', email: '' }),
  meta_data: z
    .array(z.looseObject({ key: z.string(), value: z.unknown() }))
    .nullish()
    .transform((m) => m ?? []),
});
export type WooOrder = z.infer<typeof WooOrder>;

function metaValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** WooCommerce writes GMT dates without an offset (`2026-05-04T08:00:00`); smsmatch stores `…Z`. */
function utcIso(raw: string): string | null {
  const withZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(raw) ? raw : `${raw}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function describe(raw: unknown, path: string | undefined): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  const where = path ?? 'order';
  return typeof id === 'number' || typeof id === 'string' ? `${where} (id ${id})` : where;
}

/** Validates and normalises one order; throws a DataError naming the order and the field at fault. */
export function toOrder(raw: unknown, path?: string): Order {
  const result = WooOrder.safeParse(raw);
  const where = describe(raw, path);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || '(order)';
    throw new DataError(`${where}: ${field}: ${issue?.message ?? 'invalid'}`, {
      hint: 'The orders must be WooCommerce order objects as GET /wp-json/wc/v3/orders returns them.',
    });
  }
  const w = result.data;
  const currency = w.currency.toUpperCase();
  const amount = parseAmount(w.total, currency);
  if (!amount || !amount.exact || w.total.includes(',')) {
    throw new DataError(`${where}: total: "${w.total}" is not an amount in ${currency}`);
  }
  const rawDate = w.date_created_gmt ?? null;
  const createdAt = rawDate ? utcIso(rawDate) : null;
  if (!createdAt) throw new DataError(`${where}: date_created_gmt: missing or not a date (${JSON.stringify(rawDate)})`);
  const meta: Record<string, string> = {};
  for (const m of w.meta_data) meta[m.key] = metaValue(m.value);
  return {
    id: w.id,
    number: w.number,
    status: w.status,
    currency,
    totalMinor: amount.minor,
    createdAt,
    paymentMethod: w.payment_method,
    transactionId: w.transaction_id,
    customerNote: w.customer_note,
    billing: { firstName: w.billing.first_name, lastName: w.billing.last_name, phone: w.billing.phone, email: w.billing.email },
    meta,
  };
}

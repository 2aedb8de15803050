import { displayMoney } from './money.js';
import type { Order } from './order.js';
import { isMaskedPhone, normalisePhone } from './phone.js';
import { DECLARED_META } from './match/order-index.js';

/**
 * The SMS receipt a customer gets once their payment confirms an order (`apply.smsReceipt`). Pure: the text
 * and the number it goes to (the UUID the outbox deduplicates on is made in src/app/receipts.ts).
 */
export const RECEIPT_PLACEHOLDERS = ['{code}', '{amount}', '{order_number}'] as const;

/** Three SMS parts: longer receipts cost the shop more than they tell the customer. */
export const RECEIPT_MAX_CHARS = 459;

/** What is wrong with a template, one line each (empty: fine). */
export function receiptTemplateProblems(template: string): string[] {
  const problems: string[] = [];
  const unknown = [...new Set(template.match(/\{[^{}]*\}/g) ?? [])].filter((p) => !(RECEIPT_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) problems.push(`unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; use ${RECEIPT_PLACEHOLDERS.join(', ')}`);
  if (!template.includes('{code}')) problems.push('must contain {code}, so the customer can quote the payment');
  return problems;
}

export interface ReceiptFacts {
  code: string;
  amountMinor: number;
  currency: string;
  orderNumber: string;
}

export function renderReceipt(template: string, facts: ReceiptFacts): string {
  const text = template
    .replaceAll('{code}', facts.code)
    .replaceAll('{amount}', displayMoney(facts.amountMinor, facts.currency))
    .replaceAll('{order_number}', facts.orderNumber)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= RECEIPT_MAX_CHARS ? text : `${text.slice(0, RECEIPT_MAX_CHARS - 1)}…`;
}

/**
 * Where the receipt goes: the number the customer declared at checkout (they paid from it), else the billing
 * phone; null when neither is a whole number. Never the SMS's payer number: M-PESA masks it.
 */
export function receiptPhone(order: Order, callingCode: string): string | null {
  for (const raw of [order.meta[DECLARED_META.phone] ?? '', order.billing.phone]) {
    if (raw.trim() === '') continue;
    const phone = normalisePhone(raw, callingCode);
    if (phone !== null && !isMaskedPhone(phone)) return phone;
  }
  return null;
}

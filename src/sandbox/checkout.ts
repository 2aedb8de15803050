import type { Call } from './context.js';
import { json, wpBodyParams, wpError, type Reply } from './http.js';
import { refreshDerived, updateMeta } from './order-model.js';
import type { SandboxOrderSeed } from './types.js';

/**
 * The plugin's "Pay with M-PESA" gateway as the sandbox models it (dropbox/smsmatch-dropbox, M-PESA Kenya):
 * the order a checkout leaves behind, and the two public routes of the order page. Same meta keys, texts,
 * status codes and limits as the PHP, so the demo and the e2e tests exercise the real contract.
 */
export const GATEWAY_ID = 'smsmatch';
export const CODES_PER_ORDER = 5;

const LOCAL = /^[17]\d{8}$/;
const CODE = /^[A-Z][A-Z0-9]{9}$/;
export const PHONE_ERROR = 'Enter the M-PESA number you will pay from as 07… or 01… (10 digits), 254… or +254…; spaces are fine.';

/** Smsmatch_Networks::normalise_phone for M-PESA Kenya: `0712 345 678`, `254…`, `+254…` → `+254712345678`. */
export function normaliseCheckoutPhone(raw: string): string | null {
  let s = raw.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(s)) return null;
  s = s.replace(/^\+/, '');
  if (s.startsWith('00254')) s = s.slice(2);
  let local = s.startsWith('254') && s.length > 11 ? s.slice(3) : s.startsWith('0') ? s.slice(1) : s;
  if (local.length === 10 && local.startsWith('0')) local = local.slice(1);
  return LOCAL.test(local) ? `+254${local}` : null;
}

export interface Declaration {
  /** What the customer typed in "M-PESA number you will pay from"; empty = the billing phone. */
  payFrom?: string;
  /** "Name on that M-PESA account, if not yours". */
  payerName?: string;
}

/**
 * The order Smsmatch_Gateway::process_payment leaves: on hold, the number in E.164, the name if given.
 * Throws the plugin's checkout error for a number it would refuse.
 */
export function gatewayOrder(seed: Omit<SandboxOrderSeed, 'status' | 'payment_method'>, declaration: Declaration = {}): SandboxOrderSeed {
  const typed = declaration.payFrom?.trim() || seed.billing.phone;
  const phone = normaliseCheckoutPhone(typed);
  if (phone === null) throw new Error(PHONE_ERROR);
  const name = (declaration.payerName ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
  const meta: Record<string, string> = { ...seed.meta, _smsmatch_phone: phone };
  if (name) meta['_smsmatch_payer_name'] = name;
  return { ...seed, status: 'on-hold', payment_method: GATEWAY_ID, meta };
}

const notFound = (): Reply => wpError(404, 'smsmatch_not_found', 'No order matches that order number and key.');

function orderFor(call: Call, id: unknown, key: unknown) {
  if ((typeof id !== 'string' && typeof id !== 'number') || !/^\d{1,18}$/.test(String(id)) || typeof key !== 'string' || key === '' || key.length > 64) return undefined;
  const record = call.env.shop.record(Number(id));
  return record && record.order.order_key === key ? record : undefined;
}

const PAID = ['processing', 'completed'];

function statusBody(order: { status: string; meta_data: Array<{ key: string; value: unknown }> }): Record<string, unknown> {
  return { paid: PAID.includes(order.status), status: order.status, code_received: order.meta_data.some((m) => m.key === '_smsmatch_entered_code' && m.value !== '') };
}

/** GET /smsmatch/v1/order-status?order=ID&key=KEY */
export function orderStatus(call: Call): Reply {
  const record = orderFor(call, call.req.query['order'], call.req.query['key']);
  if (!record) return notFound();
  return json(200, statusBody(record.order), { 'Cache-Control': 'no-store, private' });
}

/** POST /smsmatch/v1/order-code {order, key, code}: per-order limit, shape check, meta, private note. */
export function orderCode(call: Call): Reply {
  const body = wpBodyParams(call.req);
  if (!body.ok) return body.reply;
  const p = body.params;
  const record = orderFor(call, p['order'], p['key']);
  if (!record) return notFound();
  const o = record.order;
  if (o.payment_method !== GATEWAY_ID) return wpError(409, 'smsmatch_not_mobile_money', 'This order is not paid with mobile money, so it takes no payment code.');
  const tries = (codeTries.get(call.env) ?? new Map<number, number>());
  codeTries.set(call.env, tries);
  const n = (tries.get(o.id) ?? 0) + 1;
  tries.set(o.id, n);
  if (n > CODES_PER_ORDER) return wpError(429, 'smsmatch_rate_limited', 'Too many tries: wait 15 minutes and try again.');
  if (PAID.includes(o.status)) return json(200, { ...statusBody(o), accepted: false, message: 'This order is already paid: no code is needed.' });
  const raw = typeof p['code'] === 'string' ? p['code'] : '';
  const code = raw.replace(/\s+/g, '').toUpperCase();
  if (!CODE.test(code)) {
    const message = raw.trim() === '' ? 'Enter the transaction code from your confirmation SMS.' : 'That does not look like an M-PESA transaction code: copy it from the confirmation SMS, e.g. TJK4ABC12X.';
    return wpError(400, 'smsmatch_invalid_code', message);
  }
  const previous = o.meta_data.find((m) => m.key === '_smsmatch_entered_code')?.value;
  if (previous !== code) {
    const ctx = call.env.shop.ctx;
    o.meta_data = updateMeta(o.meta_data, '_smsmatch_entered_code', code, undefined, () => ctx.nextId('meta'));
    o.meta_data = updateMeta(o.meta_data, '_smsmatch_entered_code_at', call.env.now().toISOString().replace(/\.\d+Z$/, 'Z'), undefined, () => ctx.nextId('meta'));
    record.dateModified = call.env.now();
    refreshDerived(record, ctx);
    const note = typeof previous === 'string' && previous !== ''
      ? `The customer entered the payment code ${code} on the order page (it replaces ${previous}).`
      : `The customer entered the payment code ${code} on the order page.`;
    call.env.shop.addNote(o.id, note, false, 'system');
    call.env.shop.dropbox.lastCodeAt = call.env.now().toISOString().replace(/\.\d+Z$/, 'Z');
  }
  return json(200, { ...statusBody(o), accepted: true, code, message: `Thank you: we are checking ${code} against the payments the shop received.` });
}

// Per sandbox server, like the plugin's transients per site.
const codeTries = new WeakMap<object, Map<number, number>>();

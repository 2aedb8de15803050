import { forbidden } from './auth.js';
import type { Call, SandboxEnv } from './context.js';
import { filterFields } from './fields.js';
import { invalidParams, json, str, toBool, wpBodyParams, wpError, type Reply } from './http.js';
import { ORDER_STATUSES, refreshDerived, updateMeta, type OrderRecord } from './order-model.js';
import { parseOrderQuery, selectOrders } from './orders-query.js';
import { changeStatus, needsPayment, paymentComplete } from './transitions.js';
import type { Address, SandboxOrderSeed, WooOrder } from './types.js';
import { ParamErrors } from './validate.js';

export function renderOrder(order: WooOrder, env: SandboxEnv, fields?: unknown): Record<string, unknown> {
  const links = { self: [{ href: `${env.wcBase}/orders/${order.id}` }], collection: [{ href: `${env.wcBase}/orders` }] };
  const full = { ...structuredClone(order), _links: links } as Record<string, unknown>;
  return filterFields(full, fields);
}

export function listOrders({ req, env, auth }: Call): Reply {
  const parsed = parseOrderQuery(req.query, env.timezone);
  if (!parsed.ok) return parsed.reply;
  const denied = forbidden(auth, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  if (denied) return denied;
  const { page, total, totalPages } = selectOrders(env.shop.allRecords(), parsed.query);
  const body = page.map((r) => renderOrder(r.order, env, req.query['_fields']));
  return json(200, body, { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(totalPages), ...linkHeader(req.rawQuery, parsed.query.page, totalPages, env) });
}

/** RFC 5988 prev/next links built from the request's own query string, as the CRUD controller does. */
function linkHeader(rawQuery: string, page: number, maxPages: number, env: SandboxEnv): Record<string, string[]> {
  const links: string[] = [];
  const at = (p: number): string => {
    const q = new URLSearchParams(rawQuery);
    q.delete('rest_route');
    q.set('page', String(p));
    return `${env.wcBase}/orders?${q.toString()}`;
  };
  if (page > 1) links.push(`<${at(Math.min(page - 1, Math.max(maxPages, 1)))}>; rel="prev"`);
  if (maxPages > page) links.push(`<${at(page + 1)}>; rel="next"`);
  return links.length > 0 ? { Link: links } : {};
}

export function getOrder({ req, env, auth, params }: Call): Reply {
  const record = env.shop.record(Number(params['id']));
  // WooCommerce checks permission only for an order that exists; a missing one is a 404 for anyone.
  if (!record) return wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
  const denied = forbidden(auth, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
  if (denied) return denied;
  return json(200, renderOrder(record.order, env, req.query['_fields']));
}

export function putOrder(call: Call): Reply {
  const body = wpBodyParams(call.req);
  if (!body.ok) return body.reply;
  const params = { ...call.req.query, ...body.params };
  const invalid = validateUpdate(params);
  if (invalid) return invalid;
  if (call.env.shop.record(Number(call.params['id']))) {
    const denied = forbidden(call.auth, 'woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.');
    if (denied) return denied;
  }
  return updateOrder(call.env, Number(call.params['id']), params);
}

export function validateUpdate(params: Record<string, unknown>): Reply | null {
  const e = new ParamErrors();
  if (params['status'] !== undefined) e.oneOf('status', params['status'], ORDER_STATUSES);
  const meta = params['meta_data'];
  if (meta !== undefined && (!Array.isArray(meta) || meta.some((m) => typeof m !== 'object' || m === null))) {
    e.add('meta_data', 'meta_data is not of type array.');
  }
  for (const name of ['billing', 'shipping']) {
    const v = params[name];
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) e.add(name, `${name} is not of type object.`);
  }
  return e.any ? invalidParams(e.errors) : null;
}

/**
 * The v3 `update_item`: props first (status deliberately last so transition emails see the new data), then
 * the status change, then `payment_complete()` only when `set_paid` and the order still needs payment.
 */
export function updateOrder(env: SandboxEnv, id: number, params: Record<string, unknown>): Reply {
  const record = env.shop.record(id);
  if (!record) return wpError(400, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
  const injected = env.faults.orderUpdateError(id);
  if (injected) return injected;
  applyProps(record, params, env);
  record.dateModified = env.now();
  if (typeof params['status'] === 'string') changeStatus(record, params['status'], env.shop.hooks, env.shop.ctx);
  if (toBool(params['set_paid'] ?? false) && needsPayment(record)) {
    paymentComplete(record, typeof params['transaction_id'] === 'string' ? params['transaction_id'] : '', env.shop.hooks, env.shop.ctx);
  }
  refreshDerived(record, env.shop.ctx);
  return json(200, renderOrder(record.order, env));
}

const SCALAR_PROPS = ['transaction_id', 'customer_note', 'payment_method', 'payment_method_title', 'currency'] as const;

function applyProps(record: OrderRecord, params: Record<string, unknown>, env: SandboxEnv): void {
  const o = record.order;
  for (const prop of SCALAR_PROPS) {
    if (params[prop] !== undefined) o[prop] = str(params[prop]);
  }
  if (params['customer_id'] !== undefined) o.customer_id = Number(params['customer_id']);
  o.billing = mergeAddress(o.billing, params['billing']);
  o.shipping = mergeAddress(o.shipping, params['shipping']);
  if (Array.isArray(params['meta_data'])) {
    for (const m of params['meta_data'] as Array<Record<string, unknown>>) {
      if (typeof m['key'] !== 'string') continue;
      const metaId = m['id'] === undefined ? undefined : Number(m['id']);
      o.meta_data = updateMeta(o.meta_data, m['key'], m['value'] ?? null, metaId, () => env.shop.ctx.nextId('meta'));
    }
  }
}

function mergeAddress(current: Address, patch: unknown): Address {
  if (typeof patch !== 'object' || patch === null) return current;
  const next = { ...current };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (k in next) (next as unknown as Record<string, string>)[k] = str(v);
  }
  return next;
}

/** A minimal `create_item`: billing, status, simple line items (name/quantity/total), meta and set_paid. */
export function createOrder(env: SandboxEnv, params: Record<string, unknown>): Reply {
  const invalid = validateUpdate(params);
  if (invalid) return invalid;
  const items = Array.isArray(params['line_items']) ? (params['line_items'] as Array<Record<string, unknown>>) : [];
  const lines = items.map((i) => ({ name: str(i['name'] ?? 'Item'), quantity: Number(i['quantity'] ?? 1), total: str(i['total'] ?? '0') }));
  const billing = (params['billing'] ?? {}) as Record<string, string>;
  const seed: SandboxOrderSeed = {
    status: 'pending',
    total: lines.reduce((sum, l) => sum + Number(l.total), 0),
    createdAt: env.now().toISOString(),
    billing: { first_name: billing['first_name'] ?? '', last_name: billing['last_name'] ?? '', phone: billing['phone'] ?? '', email: billing['email'] ?? '' },
    ...(lines.length > 0 ? { items: lines } : {}),
  };
  const order = env.shop.addOrder(seed);
  const record = env.shop.record(order.id)!;
  record.order.created_via = 'rest-api';
  applyProps(record, params, env);
  if (typeof params['status'] === 'string') changeStatus(record, params['status'], env.shop.hooks, env.shop.ctx);
  if (toBool(params['set_paid'] ?? false)) paymentComplete(record, record.order.transaction_id, env.shop.hooks, env.shop.ctx);
  refreshDerived(record, env.shop.ctx);
  return json(201, renderOrder(record.order, env));
}

export function postOrder(call: Call): Reply {
  const body = wpBodyParams(call.req);
  if (!body.ok) return body.reply;
  const denied = forbidden(call.auth, 'woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.');
  if (denied) return denied;
  return createOrder(call.env, { ...call.req.query, ...body.params });
}

export function deleteOrder(call: Call): Reply {
  const id = Number(call.params['id']);
  const record = call.env.shop.record(id);
  if (!record) return wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
  const denied = forbidden(call.auth, 'woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.');
  if (denied) return denied;
  return removeOrder(call.env, record, toBool(call.req.query['force'] ?? false));
}

export function removeOrder(env: SandboxEnv, record: OrderRecord, force: boolean): Reply {
  const before = renderOrder(record.order, env);
  if (force) env.shop.deleteOrder(record.order.id);
  else {
    record.order.status = 'trash';
    refreshDerived(record, env.shop.ctx);
  }
  return json(200, force ? before : renderOrder(record.order, env));
}

import { forbidden } from './auth.js';
import type { Call } from './context.js';
import { wpBodyParams, wpError, json, type Reply } from './http.js';
import { createOrder, removeOrder, updateOrder, validateUpdate } from './orders.js';

type Item = Record<string, unknown>;

/**
 * POST /orders/batch: every item goes through the same create/update/delete as a single request, and a
 * failing item is reported in place as `{id, error}` inside a 200. More than `batchLimit` items in total → 413.
 */
export function batchOrders(call: Call): Reply {
  const body = wpBodyParams(call.req);
  if (!body.ok) return body.reply;
  const denied = forbidden(call.auth, 'woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.');
  if (denied) return denied;
  const { env } = call;
  const create = asList(body.params['create']);
  const update = asList(body.params['update']);
  const remove = asList(body.params['delete']);
  if (create.length + update.length + remove.length > env.batchLimit) {
    return wpError(413, 'woocommerce_rest_request_entity_too_large', `Unable to accept more than ${env.batchLimit} items for this request.`);
  }
  const out: Record<string, unknown[]> = {};
  if (create.length > 0) out['create'] = create.map((item) => itemResult(0, isObject(item) ? createOrder(env, item) : notAnObject()));
  if (update.length > 0) {
    out['update'] = update.map((item) => {
      if (!isObject(item)) return itemResult(0, notAnObject());
      const id = Number(item['id'] ?? 0);
      return itemResult(id, validateUpdate(item) ?? updateOrder(env, id, item));
    });
  }
  if (remove.length > 0) {
    out['delete'] = remove.map((item) => {
      const id = Number(isObject(item) ? item['id'] : item);
      const record = env.shop.record(id);
      return itemResult(id, record ? removeOrder(env, record, true) : wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.'));
    });
  }
  return json(200, out);
}

function itemResult(id: number, reply: Reply): unknown {
  if (reply.status < 400) return reply.json;
  const error = reply.json as { code: string; message: string; data: unknown };
  return { id, error: { code: error.code, message: error.message, data: error.data } };
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return [];
}

function isObject(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAnObject(): Reply {
  return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): item');
}

import { forbidden } from './auth.js';
import type { Call, SandboxEnv } from './context.js';
import { filterFields } from './fields.js';
import { invalidParams, json, missingParams, str, toBool, wpBodyParams, wpError, type Reply } from './http.js';
import type { OrderNote } from './types.js';
import { ParamErrors } from './validate.js';

function renderNote(note: OrderNote, orderId: number, env: SandboxEnv, fields?: unknown): Record<string, unknown> {
  const base = `${env.wcBase}/orders/${orderId}/notes`;
  const links = { self: [{ href: `${base}/${note.id}` }], collection: [{ href: base }], up: [{ href: `${env.wcBase}/orders/${orderId}` }] };
  return filterFields({ ...note, _links: links }, fields);
}

const invalidOrder = (): Reply => wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid order ID.');

export function listNotes({ req, env, auth, params }: Call): Reply {
  const e = new ParamErrors();
  const type = e.oneOf('type', req.query['type'] ?? 'any', ['any', 'customer', 'internal']);
  if (e.any) return invalidParams(e.errors);
  const denied = forbidden(auth, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  if (denied) return denied;
  const orderId = Number(params['order_id']);
  if (!env.shop.record(orderId)) return invalidOrder();
  const notes = [...env.shop.notes(orderId)]
    .reverse()
    .filter((n) => type === 'any' || (type === 'customer') === n.customer_note);
  return json(200, notes.map((n) => renderNote(n, orderId, env, req.query['_fields'])));
}

export function createNote({ req, env, auth, params }: Call): Reply {
  const body = wpBodyParams(req);
  if (!body.ok) return body.reply;
  const input = { ...req.query, ...body.params };
  if (input['note'] === undefined) return missingParams(['note']);
  const denied = forbidden(auth, 'woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.');
  if (denied) return denied;
  const orderId = Number(params['order_id']);
  if (!env.shop.record(orderId)) return invalidOrder();
  if (str(input['note']).trim() === '') {
    return wpError(500, 'woocommerce_api_cannot_create_order_note', 'Cannot create order note, please try again.');
  }
  const author = toBool(input['added_by_user'] ?? false) ? 'Sandbox Admin' : 'system';
  const note = env.shop.addNote(orderId, str(input['note']), toBool(input['customer_note'] ?? false), author);
  return json(201, renderNote(note, orderId, env), { Location: `${env.wcBase}/orders/${orderId}/notes/${note.id}` });
}

export function getNote({ req, env, auth, params }: Call): Reply {
  const denied = forbidden(auth, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
  if (denied) return denied;
  const orderId = Number(params['order_id']);
  if (!env.shop.record(orderId)) return invalidOrder();
  const note = env.shop.notes(orderId).find((n) => n.id === Number(params['id']));
  if (!note) return wpError(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
  return json(200, renderNote(note, orderId, env, req.query['_fields']));
}

export function deleteNote({ req, env, auth, params }: Call): Reply {
  const denied = forbidden(auth, 'woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.');
  if (denied) return denied;
  const orderId = Number(params['order_id']);
  if (!env.shop.record(orderId)) return invalidOrder();
  if (!toBool(req.query['force'] ?? false)) return wpError(501, 'woocommerce_rest_trash_not_supported', 'Resource does not support trashing.');
  const note = env.shop.deleteNote(orderId, Number(params['id']));
  if (!note) return wpError(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
  return json(200, renderNote(note, orderId, env));
}

import { safeEqual } from './auth.js';
import type { Call, Handler } from './context.js';
import { json, wpBodyParams, wpError, type Reply } from './http.js';
import { isoSeconds } from './smssync.js';
import type { AdminActionRow, PublishedCopy, SandboxUser } from './types.js';

/**
 * The admin REST routes under smsmatch/v1/admin, as Smsmatch_Dropbox_Admin_Api serves them: WordPress
 * authentication (here Application Passwords over Basic auth; the plugin also takes cookie + nonce) and
 * the manage_woocommerce capability (administrator, shop_manager). Anonymous 401, a customer 403.
 */
const OPEN_STATUSES = new Set(['pending', 'on-hold', 'failed', 'cancelled']);

function currentUser(call: Call): SandboxUser | Reply | null {
  const m = /^Basic\s+(\S+)$/i.exec(call.req.headers.authorization ?? '');
  if (!m) return null;
  const [login = '', password = ''] = Buffer.from(m[1]!, 'base64').toString('utf8').split(/:(.*)/s);
  const user = call.env.users.find((u) => u.login === login);
  if (!user || !safeEqual(user.appPassword.replace(/\s/g, ''), password.replace(/\s/g, ''))) {
    return wpError(401, 'incorrect_password', 'The provided password is an invalid application password.');
  }
  return user;
}

/** Wraps an admin handler with WordPress's authentication and the manage_woocommerce check. */
export function withManager(handler: (call: Call, user: SandboxUser) => Reply): Handler {
  return (call) => {
    const user = currentUser(call);
    if (user === null) return wpError(401, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
    if ('status' in user) return user;
    if (user.role === 'customer') return wpError(403, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
    return handler(call, user);
  };
}

/** Code, payer phone digits, payer name or order number: the "All payments" search (same rules as the plugin). */
export function matchesSearch(p: Record<string, unknown>, search: string): boolean {
  const s = search.trim().toLowerCase();
  if (s === '') return true;
  const text = (k: string): string => (typeof p[k] === 'string' ? p[k].toLowerCase() : '');
  if (text('code').includes(s) || text('payer_name').includes(s)) return true;
  // A local number (0712…) is stored international (+254712…): a trunk 0 is left out of the comparison.
  const digits = s.replace(/\D/g, '').replace(/^0+/, '');
  if (digits.length >= 3 && text('payer_phone').replace(/\D/g, '').includes(digits)) return true;
  const order = /^#?(\d+)$/.exec(s)?.[1];
  if (order === undefined) return false;
  const candidates = Array.isArray(p['candidates']) ? (p['candidates'] as Array<{ order_id?: unknown }>).map((c) => c.order_id) : [];
  return p['order_id'] === Number(order) || candidates.includes(Number(order));
}

function latestAction(actions: readonly AdminActionRow[], code: string): AdminActionRow | null {
  return actions.filter((a) => a.code.toUpperCase() === code.toUpperCase()).at(-1) ?? null;
}

export function adminPayments({ req, env }: Call): Reply {
  const state = typeof req.query['state'] === 'string' ? req.query['state'] : 'review';
  if (state !== 'review' && state !== 'all') return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): state', { params: { state: 'state is not one of review, all.' } });
  const search = typeof req.query['search'] === 'string' ? req.query['search'] : '';
  const copy: PublishedCopy | null = env.shop.dropbox.published;
  const all = copy?.payments ?? [];
  const list = all.filter((p) => (state === 'all' || p.review) && matchesSearch(p, search)).slice(0, 200);
  return json(200, {
    published_at: copy?.publishedAt ?? null, received_at: copy?.at ?? null, review_count: copy?.reviewCount ?? 0, dropped: copy?.dropped ?? 0,
    total: list.length, payments: list.map((p) => ({ ...p, action: latestAction(env.shop.dropbox.actions, p.code) })),
  });
}

function fail(field: string, message: string): Reply {
  return wpError(400, 'smsmatch_invalid_param', message, { field });
}

export function queueAction(call: Call, user: SandboxUser): Reply {
  const body = wpBodyParams(call.req);
  if (!body.ok) return body.reply;
  const p = body.params;
  const action = p['action'];
  const code = typeof p['code'] === 'string' ? p['code'].trim() : '';
  if (action !== 'assign' && action !== 'dismiss') return fail('action', 'action must be "assign" or "dismiss".');
  if (code === '' || code.length > 120) return fail('code', 'code is required: the payment code from the SMS, e.g. QAB1XYZ.');
  const box = call.env.shop.dropbox;
  const known = box.published?.payments.some((x) => x.code.toUpperCase() === code.toUpperCase() || x.key === code);
  if (!known) return wpError(404, 'smsmatch_unknown_payment', `No payment ${code} among the payments smsmatch has published; check the code.`);
  let orderId: number | null = null;
  let reason: string | null = null;
  if (action === 'assign') {
    const raw = typeof p['order'] === 'number' ? String(p['order']) : typeof p['order'] === 'string' ? p['order'].trim().replace(/^#/, '') : '';
    if (!/^\d{1,12}$/.test(raw) || Number(raw) <= 0) return fail('order', 'order must be an order number such as 1042.');
    const order = call.env.shop.order(Number(raw));
    if (!order) return fail('order', `There is no order #${raw}.`);
    if (!OPEN_STATUSES.has(order.status)) return fail('order', `Order #${raw} is ${order.status}: it is not waiting for a payment.`);
    orderId = Number(raw);
  } else {
    reason = typeof p['reason'] === 'string' ? p['reason'].replace(/\s+/g, ' ').trim() : '';
    if (reason === '') return fail('reason', 'A reason is required: say why this payment is closed without an order.');
    if (reason.length > 500) return fail('reason', 'The reason is too long (500 characters at most).');
  }
  // A double click (or a second person) asking while one is still queued for this payment gets that one.
  const open = box.actions.find((a) => a.status === 'queued' && a.code.toUpperCase() === code.toUpperCase());
  if (open) return json(200, { id: open.id, status: 'queued', duplicate: true, message: `An action for ${code} is already queued (#${open.id}); nothing was added.` });
  const row: AdminActionRow = {
    id: box.actions.length + 1, action, code, order_id: orderId, reason, requested_by: user.login,
    requested_at: isoSeconds(call.env.now()), status: 'queued', detail: '', done_at: null,
  };
  box.actions.push(row);
  return json(202, { id: row.id, status: 'queued', duplicate: false });
}

export function getAction({ env, params }: Call): Reply {
  const row = env.shop.dropbox.actions.find((a) => a.id === Number(params['id']));
  if (!row) return wpError(404, 'smsmatch_no_action', `There is no admin action ${params['id']}.`);
  return json(200, { ...row });
}

import { authenticateWc, type WcAuth } from './auth.js';
import { batchOrders } from './batch.js';
import { orderCode, orderStatus } from './checkout.js';
import type { Handler, SandboxEnv } from './context.js';
import { adminPayments, getAction, queueAction, withManager } from './admin-api.js';
import { health, listMessages, notify, queueOutbox, withToken } from './dropbox.js';
import { listActions, publish, reportAction } from './publish.js';
import { json, wpError, type Reply, type SandboxRequest } from './http.js';
import { createNote, deleteNote, getNote, listNotes } from './notes.js';
import { deleteOrder, getOrder, listOrders, postOrder, putOrder } from './orders.js';
import type { PhpValue } from './php-query.js';
import { currentCurrency, generalSettings, siteIndex } from './site.js';
import { serveStatic } from './signal.js';
import { smssync } from './smssync.js';
import { parseSmssyncQuery } from './smssync-body.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface RouteDef {
  path: string;
  pattern: RegExp;
  methods: Partial<Record<Method, Handler>>;
}

// WP_REST_Server::EDITABLE: an update may come as POST, PUT or PATCH (POST dodges PUT-blocking WAFs).
const editable = (h: Handler): Partial<Record<Method, Handler>> => ({ POST: h, PUT: h, PATCH: h });

function def(path: string, methods: Partial<Record<Method, Handler>>): RouteDef {
  return { path, pattern: new RegExp(`^${path}$`), methods };
}

const ROUTES: RouteDef[] = [
  def('/', { GET: (call) => siteIndex(call, routeIndex()) }),
  def('/wc/v3', { GET: () => json(200, { namespace: 'wc/v3', routes: routeIndex('/wc/v3') }) }),
  def('/wc/v3/orders', { GET: listOrders, POST: postOrder }),
  def('/wc/v3/orders/batch', editable(batchOrders)),
  def('/wc/v3/orders/(?<id>\\d+)', { GET: getOrder, ...editable(putOrder), DELETE: deleteOrder }),
  def('/wc/v3/orders/(?<order_id>\\d+)/notes', { GET: listNotes, POST: createNote }),
  def('/wc/v3/orders/(?<order_id>\\d+)/notes/(?<id>\\d+)', { GET: getNote, DELETE: deleteNote }),
  def('/wc/v3/data/currencies/current', { GET: currentCurrency }),
  def('/wc/v3/settings/general', { GET: generalSettings }),
  def('/smsmatch/v1/smssync', { GET: smssync, POST: smssync, PUT: smssync }),
  def('/smsmatch/v1/messages', { GET: withToken(listMessages) }),
  def('/smsmatch/v1/outbox', { POST: withToken(queueOutbox) }),
  def('/smsmatch/v1/health', { GET: withToken(health) }),
  def('/smsmatch/v1/notify', { POST: withToken(notify) }),
  def('/smsmatch/v1/publish', { POST: withToken(publish) }),
  def('/smsmatch/v1/actions', { GET: withToken(listActions) }),
  def('/smsmatch/v1/actions/(?<id>\\d+)', { POST: withToken(reportAction) }),
  def('/smsmatch/v1/admin/payments', { GET: withManager(adminPayments) }),
  def('/smsmatch/v1/admin/actions', { POST: withManager(queueAction) }),
  def('/smsmatch/v1/admin/actions/(?<id>\\d+)', { GET: withManager(getAction) }),
  def('/smsmatch/v1/order-status', { GET: orderStatus }),
  def('/smsmatch/v1/order-code', { POST: orderCode }),
];

function routeIndex(prefix = ''): Record<string, string[]> {
  const entries = ROUTES.filter((r) => r.path !== '/' && r.path.startsWith(prefix)).map((r) => [r.path.replace(/\(\?<(\w+)>\\d\+\)/g, '(?P<$1>[\\d]+)'), Object.keys(r.methods)]);
  return Object.fromEntries(entries) as Record<string, string[]>;
}

/**
 * The REST route a request addresses: `/wp-json/<route>` (pretty permalinks), `?rest_route=<route>` (plain
 * permalinks, any path), or the SMSsync plain URL `/?smsmatch_smssync=1`. '' when it is not a REST request.
 */
export function resolveRoute(path: string, rawQuery: string, query: Record<string, PhpValue>): string {
  const restRoute = query['rest_route'];
  if (typeof restRoute === 'string') return untrailing(restRoute.startsWith('/') ? restRoute : `/${restRoute}`);
  if (path === '/wp-json' || path.startsWith('/wp-json/')) return untrailing(path.slice('/wp-json'.length));
  if ((path === '/' || path === '/index.php') && 'smsmatch_smssync' in parseSmssyncQuery(rawQuery)) return '/smsmatch/v1/smssync';
  return '';
}

function untrailing(route: string): string {
  const trimmed = route.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function dispatch(req: SandboxRequest, env: SandboxEnv): Reply {
  if (req.route === '') return serveStatic(req, env) ?? nonRest(req);
  let auth: WcAuth = { kind: 'anonymous' };
  // WooCommerce authenticates only requests to its own namespaces, and does so before route matching.
  if (/^\/wc[/-]/.test(req.route)) {
    auth = authenticateWc(req, env.keys, env.faults.authorizationStripped, {
      homeUrl: env.url,
      nowSeconds: Math.floor(env.now().getTime() / 1000),
      seenNonce: env.seenNonce,
    });
    if (auth.kind === 'error') return auth.reply;
  }
  const method = (req.method === 'HEAD' ? 'GET' : req.method) as Method;
  for (const r of ROUTES) {
    const m = r.pattern.exec(req.route);
    const handler = m ? r.methods[method] : undefined;
    if (m && handler) return handler({ req, env, auth, params: { ...m.groups } });
  }
  return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
}

function nonRest(req: SandboxRequest): Reply {
  if (req.path === '/' && req.method === 'GET') {
    return { status: 200, raw: { contentType: 'text/html; charset=UTF-8', text: '<!DOCTYPE html><html><body><h1>Sandbox Shop</h1></body></html>\n' } };
  }
  return { status: 404, raw: { contentType: 'text/html; charset=UTF-8', text: '<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>\n' } };
}

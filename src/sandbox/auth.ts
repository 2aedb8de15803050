import { timingSafeEqual } from 'node:crypto';
import { wpError, type Reply, type SandboxRequest } from './http.js';
import { verifyOAuth1 } from './oauth1.js';

export interface ApiKey {
  key: string;
  secret: string;
  permissions: 'read' | 'read_write';
}

export type WcAuth = { kind: 'user'; key: ApiKey } | { kind: 'anonymous' } | { kind: 'error'; reply: Reply };

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

// Sent with "Consumer secret is invalid." by WC_REST_Authentication::send_unauthorized_headers.
const BASIC_REALM = 'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."';

/** What OAuth 1.0a needs besides the request: the site's home URL and a nonce memory. */
export interface OAuthContext {
  homeUrl: string;
  nowSeconds: number;
  /** True when the nonce was already used (within 15 minutes); records it otherwise. */
  seenNonce: (key: string, nonce: string, ts: number) => boolean;
}

/**
 * WC_REST_Authentication for wc/ routes. The sandbox is plain http on loopback and behaves as if
 * `is_ssl()` were true, so Basic auth (query-string credentials first, then the Authorization header) is
 * accepted; without Basic credentials it checks OAuth 1.0a, as WooCommerce does on a non-SSL site (and as
 * the official JS client signs over http). An unknown key silently leaves the request anonymous.
 */
export function authenticateWc(req: SandboxRequest, keys: ApiKey[], authorizationStripped: boolean, oauth?: OAuthContext): WcAuth {
  const creds = queryCredentials(req) ?? (authorizationStripped ? null : headerCredentials(req));
  if (!creds) return oauth ? authenticateOAuth(req, keys, authorizationStripped, oauth) : { kind: 'anonymous' };
  const key = keys.find((k) => k.key === creds.key);
  if (!key) return { kind: 'anonymous' };
  if (!safeEqual(key.secret, creds.secret)) {
    const reply = wpError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
    reply.headers = { 'WWW-Authenticate': BASIC_REALM };
    return { kind: 'error', reply };
  }
  return checkPermission(req, key);
}

function authenticateOAuth(req: SandboxRequest, keys: ApiKey[], authorizationStripped: boolean, ctx: OAuthContext): WcAuth {
  const home = new URL(ctx.homeUrl);
  const authorization = authorizationStripped ? undefined : req.headers.authorization;
  const result = verifyOAuth1(
    { method: req.method, url: `${home.protocol}//${home.host}${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}`, host: home.host, ...(authorization ? { authorization } : {}) },
    (ck) => keys.find((k) => k.key === ck)?.secret ?? null,
    ctx.seenNonce,
    ctx.nowSeconds,
  );
  if (!result.ok) {
    if (result.anonymous) return { kind: 'anonymous' };
    return { kind: 'error', reply: wpError(401, result.code, result.message) };
  }
  const key = keys.find((k) => k.key === result.consumerKey);
  return key ? checkPermission(req, key) : { kind: 'anonymous' };
}

function checkPermission(req: SandboxRequest, key: ApiKey): WcAuth {
  if (WRITE_METHODS.includes(req.method) && key.permissions === 'read') {
    return { kind: 'error', reply: wpError(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.') };
  }
  return { kind: 'user', key };
}

function queryCredentials(req: SandboxRequest): { key: string; secret: string } | null {
  const key = req.query['consumer_key'];
  const secret = req.query['consumer_secret'];
  if (typeof key !== 'string' || typeof secret !== 'string' || key === '' || secret === '') return null;
  return { key, secret };
}

function headerCredentials(req: SandboxRequest): { key: string; secret: string } | null {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  return key !== '' && secret !== '' ? { key, secret } : null;
}

export function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** `rest_authorization_required_code()`: 401 for anonymous requests (every request here is, or is a key user). */
export function forbidden(auth: WcAuth, code: string, message: string): Reply | null {
  if (auth.kind === 'user') return null;
  return wpError(401, code, message);
}

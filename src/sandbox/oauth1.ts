/**
 * OAuth 1.0a one-legged verification as WooCommerce's WC_REST_Authentication does it for non-SSL requests, so
 * the sandbox accepts and rejects exactly what a real shop would. Facts reproduced from that class:
 * - params are the PHP-parsed query string (dots/spaces in names become `_`, `a[]=` builds arrays) merged with an
 *   `Authorization: OAuth …` header; all five oauth_* params or none (none = anonymous, not an error);
 * - base string: METHOD & rawurlencode(home scheme://host + request path) & the params sorted by name (strcmp)
 *   before encoding, each `name=value` rawurlencoded twice (names and values once, then the pair), joined by %26;
 *   array params are named `name%5Bindex%5D`, so a client that signed `status[]` fails, as on a real shop;
 * - HMAC-SHA1 or HMAC-SHA256 keyed with `secret&`; signature checked before timestamp (±15 min) and nonce.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type OAuth1Result =
  | { ok: true; consumerKey: string }
  | { ok: false; code: string; message: string; /** No OAuth params at all: WooCommerce treats it as anonymous. */ anonymous?: true };

export interface OAuth1Request {
  method: string;
  /** Full URL as received, including the query string, e.g. `http://127.0.0.1:8080/wp-json/wc/v3/orders?…`. */
  url: string;
  /** The site's home host (with port), what `get_home_url()` would contain. */
  host: string;
  /** Raw Authorization header, if any. */
  authorization?: string;
}

type PhpValue = string | { [key: string]: PhpValue };

const REQUIRED = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];
const WINDOW_SECONDS = 15 * 60;
const AUTH_ERROR = 'woocommerce_rest_authentication_error';

export function verifyOAuth1(
  req: OAuth1Request,
  lookupSecret: (consumerKey: string) => string | null,
  seenNonce: (key: string, nonce: string, ts: number) => boolean,
  nowSeconds: number,
): OAuth1Result {
  const { scheme, path, query } = splitUrl(req.url);
  const params: Record<string, PhpValue> = { ...parsePhpQuery(query), ...parseOAuthHeader(req.authorization ?? '') };
  const missing = REQUIRED.filter((name) => isEmpty(params[name]));
  if (missing.length === REQUIRED.length) return { ok: false, code: 'no_oauth_parameters', message: 'No OAuth parameters in the request.', anonymous: true };
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'parameter' : 'parameters';
    return { ok: false, code: 'woocommerce_rest_authentication_missing_parameter', message: `Missing OAuth ${noun} ${missing.join(', ')}` };
  }
  const consumerKey = text(params['oauth_consumer_key']);
  const secret = lookupSecret(consumerKey);
  if (secret === null) return fail('Consumer key is invalid.');

  const signatureError = checkSignature(req.method, `${scheme}://${req.host}${path}`, params, secret);
  if (signatureError !== null) return fail(signatureError);

  const timestamp = text(params['oauth_timestamp']);
  if (!/^\s*[+-]?\d+(\.\d+)?\s*$/.test(timestamp)) return fail('Invalid timestamp.');
  const ts = Number(timestamp);
  if (ts < nowSeconds - WINDOW_SECONDS || ts > nowSeconds + WINDOW_SECONDS) return fail('Invalid timestamp.');
  if (seenNonce(consumerKey, text(params['oauth_nonce']), ts)) return fail('Invalid nonce - nonce has already been used.');
  return { ok: true, consumerKey };
}

/** PHP's string cast: an array becomes "Array". */
function text(value: PhpValue | undefined): string {
  return typeof value === 'string' ? value : 'Array';
}

function fail(message: string): OAuth1Result {
  return { ok: false, code: AUTH_ERROR, message };
}

function checkSignature(method: string, homeUrl: string, all: Record<string, PhpValue>, secret: string): string | null {
  const provided = rawUrlDecode(text(all['oauth_signature']).replace(/ /g, '+'));
  const params = { ...all };
  delete params['oauth_signature'];
  const names = Object.keys(params).sort(strcmp);
  let base: string;
  try {
    const pairs = joinWithEquals(names.map((name): [string, PhpValue] => [rfc3986(name), encodeValue(params[name] ?? '')]), '');
    base = `${method.toUpperCase()}&${rfc3986(homeUrl)}&${pairs.join('%26')}`;
  } catch {
    return 'Invalid signature - provided signature does not match.';
  }
  const signatureMethod = params['oauth_signature_method'];
  if (signatureMethod !== 'HMAC-SHA1' && signatureMethod !== 'HMAC-SHA256') return 'Invalid signature - signature method is invalid.';
  const expected = createHmac(signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${secret}&`).update(base).digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b) ? null : 'Invalid signature - provided signature does not match.';
}

function encodeValue(value: PhpValue): PhpValue {
  if (typeof value === 'string') return rfc3986(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]));
}

function joinWithEquals(entries: Array<[string, PhpValue]>, parent: string): string[] {
  const out: string[] = [];
  for (const [rawName, value] of entries) {
    const name = parent ? `${parent}%5B${rawName}%5D` : rawName;
    if (typeof value === 'string') out.push(rfc3986(`${name}=${value}`));
    else out.push(...joinWithEquals(Object.entries(value), name));
  }
  return out;
}

/** PHP rawurlencode: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function rawUrlDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** PHP `urldecode`: `+` is a space. */
function urlDecode(text: string): string {
  return rawUrlDecode(text.replace(/\+/g, ' '));
}

function strcmp(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function isEmpty(value: PhpValue | undefined): boolean {
  if (value === undefined || value === '' || value === '0') return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function splitUrl(url: string): { scheme: string; path: string; query: string } {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/[^/?#]*)?([^?#]*)(?:\?([^#]*))?/i.exec(url);
  return { scheme: (match?.[1] ?? 'http').toLowerCase(), path: match?.[2] || '/', query: match?.[3] ?? '' };
}

/** PHP's parse_str as $_GET sees it: last duplicate wins, `a[]`/`a[k]` nest, `.` and space in names become `_`. */
function parsePhpQuery(query: string): Record<string, PhpValue> {
  const out: Record<string, PhpValue> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = urlDecode(eq === -1 ? pair : pair.slice(0, eq));
    const value = urlDecode(eq === -1 ? '' : pair.slice(eq + 1));
    const bracket = name.indexOf('[');
    const closes = bracket > 0 && name.indexOf(']', bracket) !== -1;
    const base = (closes ? name.slice(0, bracket) : name).replace(/[. ]/g, '_');
    if (base === '') continue;
    if (!closes) {
      out[base] = value;
      continue;
    }
    const path = [...name.slice(bracket).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
    out[base] = assign(out[base], path, value);
  }
  return out;
}

function assign(target: PhpValue | undefined, path: string[], value: string): PhpValue {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const obj: Record<string, PhpValue> = typeof target === 'object' ? target : {};
  // `a[]` appends at the next integer index, as PHP arrays do.
  const key = head === '' ? String(Object.keys(obj).filter((k) => /^\d+$/.test(k)).reduce((max, k) => Math.max(max, Number(k) + 1), 0)) : head;
  obj[key] = assign(obj[key], rest, value);
  return obj;
}

/** `Authorization: OAuth k="v", …` → oauth_* params (url-decoded), as WC_REST_Authentication::parse_header. */
function parseOAuthHeader(header: string): Record<string, string> {
  const trimmed = header.trim();
  if (!trimmed.startsWith('OAuth ')) return {};
  const out: Record<string, string> = {};
  for (const m of trimmed.matchAll(/(oauth_[a-z_-]*)=(?:"([^"]*)"|([^,]*))/g)) {
    if (m[1] !== undefined) out[m[1]] = urlDecode(m[2] || m[3] || '');
  }
  return out;
}

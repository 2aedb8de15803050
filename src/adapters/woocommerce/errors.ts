/**
 * Turns what the shop answered (or failed to answer) into one-line SmsmatchErrors with a hint naming the README
 * section that fixes it. Every message goes through `redact` and never carries a query string, so no key,
 * secret or OAuth signature can be printed.
 */
import { AuthError, ConfigError, DataError, UnavailableError, type SmsmatchError } from '../../errors.js';
import { redact } from '../../log/redact.js';
import { isRestApiUrl } from '../../config/schema.js';
import { isNeverSentCode, isNotTlsCode, type Failure } from '../http-retry.js';

/** A transport failure, independent of the HTTP library. */
export type HttpProblem =
  | { kind: 'network'; code: string; syscall?: string | undefined }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'status'; status: number; body: unknown; retryAfter: string | null }
  | { kind: 'not-json'; status: number; contentType: string; snippet: string; retryAfter: string | null };

/** Thrown by the transport; carries the problem so retries and mapping need no library knowledge. */
export class ShopHttpError extends Error {
  constructor(readonly problem: HttpProblem) {
    super(`shop HTTP problem: ${problem.kind}`);
  }
}

export interface RequestContext {
  method: string;
  /** Shop base URL as configured. */
  baseUrl: string;
  /** Endpoint under /wp-json/wc/v3, e.g. `orders/12`. */
  endpoint: string;
  attempts: number;
}

export const HINTS = {
  unreachable: 'check shop.url and that the site is up; see README → Troubleshooting → Shop unreachable',
  noCredentials:
    'the host may strip the Authorization header, WordPress may not detect TLS behind a proxy, or the consumer key is unknown: ' +
    'try `shop.queryStringAuth: true` or pass the header through in .htaccess; see README → Troubleshooting → 401 credentials not received',
  wrongSecret: 'copy the consumer secret again (cs_…, no spaces or newline); see README → Troubleshooting → 401 wrong consumer secret',
  unknownKey: 'copy the consumer key again (ck_…) or create a new key; see README → Troubleshooting → 401 wrong consumer secret',
  readOnly: 'create a Read/Write key in WooCommerce → Settings → Advanced → REST API; see README → Troubleshooting → 401 read-only API key',
  oauth: 'plain http relies on OAuth signatures and a correct clock; use the https URL; see README → Troubleshooting → Plain http shop URL',
  oauthClock: "this machine's clock is off (OAuth requests over plain http must be within 15 minutes of the shop's): sync it with NTP (timedatectl set-ntp true), or use the https URL; see README → Troubleshooting → Plain http shop URL",
  oauthSignature:
    "over plain http the request is signed with the consumer secret, and the shop's check failed: copy the consumer secret again (cs_…, no spaces or newline); if it is right, shop.url must be exactly WordPress's Site Address (Settings → General); see README → Troubleshooting → 401 wrong consumer secret",
  siteRoot: 'shop.url must be the site root (e.g. https://shop.example), not the REST API address: smsmatch adds /wp-json/wc/v3 itself; see README → Configuration',
  notTls:
    'use http:// for that port if the site is plain http there, or the port where it serves https (usually 443, i.e. no port in the URL); see README → Troubleshooting → Not a TLS port',
  forbidden:
    "the key's user needs the Shop manager or Administrator role, or a security plugin blocks the REST API; see README → Troubleshooting → 403 forbidden",
  noRestApi:
    'WooCommerce may be inactive, shop.url may be wrong, or permalinks are "Plain" (Settings → Permalinks → Post name); see README → Troubleshooting → 404 no WooCommerce REST API',
  html: 'a maintenance page, a security/WAF challenge or a cache plugin answers for /wp-json; allow that path; see README → Troubleshooting → HTML instead of JSON',
  serverError: 'the shop kept failing; smsmatch will try again next run; see README → Troubleshooting → Shop errors (5xx)',
  writeUnknown:
    'the change may or may not have been applied; smsmatch re-reads the order before trying again; see README → Troubleshooting → Shop errors (5xx)',
  badRequest: 'see README → Troubleshooting → Shop rejected a request',
  certificate:
    'renew or fix the site\'s certificate (e.g. Let\'s Encrypt with the full chain); for a private CA, start smsmatch with NODE_EXTRA_CA_CERTS=/path/ca.pem; see README → Troubleshooting → TLS certificate not trusted',
} as const;

/** `https://host/path` without query or credentials; safe to print. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return redact(`${u.protocol}//${u.host}${u.pathname}`.replace(/\/$/, ''));
  } catch {
    return redact(url.split('?')[0] ?? '');
  }
}

export function restBase(baseUrl: string): string {
  return `${safeUrl(baseUrl)}/wp-json/wc/v3`;
}

export function toFailure(error: unknown): Failure | null {
  if (!(error instanceof ShopHttpError)) return null;
  const p = error.problem;
  // An untrusted certificate will not become trusted by asking again, nor a plain-http port start speaking TLS.
  if (p.kind === 'network') return isCertificateCode(p.code) || isNotTlsCode(p.code) ? null : { kind: 'network', code: p.code, neverSent: isNeverSentCode(p.code, p.syscall) };
  if (p.kind === 'timeout') return { kind: 'timeout', neverSent: false };
  return { kind: 'status', status: p.status, retryAfter: p.retryAfter };
}

interface WooErrorBody {
  code: string;
  message: string;
}

export function wooErrorBody(body: unknown): WooErrorBody | null {
  if (typeof body !== 'object' || body === null) return null;
  const { code, message } = body as Record<string, unknown>;
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : '' };
}

export function mapShopError(problem: HttpProblem, ctx: RequestContext): SmsmatchError {
  const what = `${ctx.method.toUpperCase()} /${ctx.endpoint.split('?')[0] ?? ''}`;
  const tries = ctx.attempts === 1 ? '1 attempt' : `${ctx.attempts} attempts`;
  const origin = safeUrl(ctx.baseUrl);
  switch (problem.kind) {
    case 'network':
      if (isCertificateCode(problem.code)) {
        return new ConfigError(line(`the shop at ${origin} presented a TLS certificate this machine does not trust (${problem.code})`), { hint: HINTS.certificate });
      }
      if (isNotTlsCode(problem.code) && ctx.baseUrl.startsWith('https:')) {
        return new ConfigError(line(`the shop at ${origin} does not speak TLS (https) on that port (${problem.code}): it is probably a plain-http port`), { hint: HINTS.notTls });
      }
      return new UnavailableError(line(`cannot reach the shop at ${origin} (${problem.code}) after ${tries}`), { hint: HINTS.unreachable });
    case 'timeout':
      return new UnavailableError(
        line(`the shop at ${origin} did not answer ${what} within ${problem.timeoutMs} ms (${tries})`),
        { hint: isWrite(ctx.method) ? HINTS.writeUnknown : HINTS.unreachable },
      );
    case 'not-json':
      return mapNotJson(problem, ctx, what);
    case 'status':
      return mapStatus(problem, ctx, what, tries);
  }
}

function mapStatus(problem: Extract<HttpProblem, { kind: 'status' }>, ctx: RequestContext, what: string, tries: string): SmsmatchError {
  const body = wooErrorBody(problem.body);
  const detail = body ? `${problem.status} ${body.code}${body.message ? `: ${body.message}` : ''}` : `HTTP ${problem.status}`;
  if (problem.status === 401) return mapUnauthorized(body, detail);
  if (problem.status === 403) return new AuthError(line(`the shop refused access to ${what} (${detail})`), { hint: HINTS.forbidden });
  if (problem.status === 404 && (body === null || body.code === 'rest_no_route')) {
    return new ConfigError(line(`no WooCommerce REST API at ${restBase(ctx.baseUrl)} (${detail})`), { hint: isRestApiUrl(ctx.baseUrl) ? HINTS.siteRoot : HINTS.noRestApi });
  }
  if (problem.status >= 500 || problem.status === 429 || problem.status === 408) {
    if (isWrite(ctx.method) && problem.status >= 500) {
      return new UnavailableError(line(`the shop failed ${what} (${detail}); the write was not repeated`), { hint: HINTS.writeUnknown });
    }
    return new UnavailableError(line(`the shop kept failing ${what}: ${detail} after ${tries}`), { hint: HINTS.serverError });
  }
  return new DataError(line(`the shop rejected ${what} (${detail})`), { hint: HINTS.badRequest });
}

function mapUnauthorized(body: WooErrorBody | null, detail: string): SmsmatchError {
  const message = body?.message ?? '';
  if (body?.code === 'woocommerce_rest_cannot_view' || body?.code === 'rest_not_logged_in') {
    return new AuthError(line(`the shop answered as if no credentials were sent (${detail})`), { hint: HINTS.noCredentials });
  }
  if (/consumer secret is invalid/i.test(message)) {
    return new AuthError(line(`the shop rejected the consumer secret (${detail})`), { hint: HINTS.wrongSecret });
  }
  if (/consumer key is invalid/i.test(message)) {
    return new AuthError(line(`the shop does not know this consumer key (${detail})`), { hint: HINTS.unknownKey });
  }
  if (/does not have write permissions/i.test(message)) {
    return new AuthError(line(`the API key is read-only; the shop refused a write (${detail})`), { hint: HINTS.readOnly });
  }
  if (/does not have read permissions/i.test(message)) {
    return new AuthError(line(`the API key is write-only; the shop refused a read (${detail})`), { hint: HINTS.readOnly });
  }
  // Over plain http the secret only signs the request: a wrong secret shows as a signature that does not match,
  // while a wrong clock shows as a bad timestamp or nonce. The two need different fixes.
  if (/signature does not match/i.test(message)) {
    return new AuthError(line(`the shop says the request's signature does not match: the consumer secret is wrong (${detail})`), { hint: HINTS.oauthSignature });
  }
  if (/timestamp|nonce/i.test(message)) {
    return new AuthError(line(`the shop refused the request's timestamp: this machine's clock differs from the shop's (${detail})`), { hint: HINTS.oauthClock });
  }
  if (/signature|oauth/i.test(`${body?.code ?? ''} ${message}`)) {
    return new AuthError(line(`the shop rejected the OAuth signature (${detail})`), { hint: HINTS.oauth });
  }
  return new AuthError(line(`the shop refused the credentials (${detail})`), { hint: HINTS.noCredentials });
}

function mapNotJson(problem: Extract<HttpProblem, { kind: 'not-json' }>, ctx: RequestContext, what: string): SmsmatchError {
  const kind = /maintenance/i.test(problem.snippet) ? 'a maintenance page' : /captcha|challenge|cloudflare|sucuri|access denied|firewall|just a moment|attention required/i.test(problem.snippet) ? 'a security challenge page' : `non-JSON (${problem.contentType.split(';')[0] || 'no content type'})`;
  const title = problem.snippet ? ` "${problem.snippet}"` : '';
  const message = line(`the shop answered ${what} with ${kind} instead of JSON (HTTP ${problem.status}${title})`);
  if (problem.status === 404) {
    return new ConfigError(line(`no WooCommerce REST API at ${restBase(ctx.baseUrl)} (HTTP 404, an HTML page${title})`), { hint: isRestApiUrl(ctx.baseUrl) ? HINTS.siteRoot : HINTS.noRestApi });
  }
  if (problem.status >= 500 && isWrite(ctx.method)) return new UnavailableError(message, { hint: HINTS.writeUnknown });
  if (problem.status >= 500 || kind === 'a maintenance page') return new UnavailableError(message, { hint: HINTS.html });
  return new ConfigError(message, { hint: HINTS.html });
}

/** Node's TLS verification failures: the connection worked, the certificate did not. */
function isCertificateCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

function isWrite(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** One line, no secrets, bounded length. */
function line(text: string): string {
  const flat = redact(text.replace(/\s+/g, ' ').trim());
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

/** A short, printable excerpt of a non-JSON body: its <title> if any, else its first words. */
export function htmlSnippet(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return redact(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

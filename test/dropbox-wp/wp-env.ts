// Locates the throw-away WordPress started by .ci/wordpress-up.sh and speaks to it as SMSsync and the daemon do.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { WP_ENV_FILE, failInCi, wordpressService } from '../helpers/services.js';

export interface WpSite {
  name: 'pretty' | 'plain';
  url: string;
  smssync_url: string;
  daemon_url: string;
  token: string;
  secret: string;
  /** Site key for PHP CLI helpers: `$_SERVER['WORDPRESS_CONFIG'] = config; require wp_root/wp-load.php`. */
  config: string;
  wp_root: string;
  /** The shop site only (WooCommerce active): a read/write REST key, users with application passwords, products. */
  woo?: { consumer_key: string; consumer_secret: string };
  users?: Record<'admin' | 'shop_manager' | 'customer', { id: number; login: string; password: string; app_password: string }>;
  products?: { simple: number; virtual: number };
}

export interface WpEnv {
  pretty: WpSite;
  plain: WpSite;
  mail_log: string;
  /** One JSON line per request: {t, site, method, uri, php} (php: false when served from disk). */
  access_log: string;
}

export type WpAvailability = { ok: true; env: WpEnv } | { ok: false; reason: string };

const ENV_FILE = WP_ENV_FILE;

/** Reads env.json and checks that both sites answer. */
export async function findWordPress(): Promise<WpAvailability> {
  let env: WpEnv;
  try {
    env = JSON.parse(readFileSync(ENV_FILE, 'utf8')) as WpEnv;
  } catch {
    return { ok: false, reason: `${ENV_FILE} not found: run .ci/wordpress-up.sh first` };
  }
  env.pretty.name = 'pretty';
  env.plain.name = 'plain';
  for (const site of [env.pretty, env.plain]) {
    try {
      await fetch(`${site.url}/?rest_route=/`, { signal: AbortSignal.timeout(3000) });
    } catch {
      return { ok: false, reason: `WordPress at ${site.url} does not answer: run .ci/wordpress-up.sh` };
    }
  }
  return { ok: true, env };
}

/**
 * Outside CI a missing WordPress skips the suite (the global setup prints the one line saying how to run it);
 * with CI set it fails.
 */
export function explainUnavailable(availability: WpAvailability): string | undefined {
  if (availability.ok) return undefined;
  failInCi(wordpressService, availability.reason);
  return `WordPress drop-box tests: ${availability.reason}`;
}

/**
 * One suite per permalink style. Without WordPress a skipped placeholder suite stands in, because
 * `describe.each([])` declares no suite at all and vitest then fails the file.
 */
export function describeSites(wp: WpAvailability, title: string, body: (site: WpSite) => void): void {
  const skip = explainUnavailable(wp);
  if (!wp.ok || skip !== undefined) {
    describe.skip(title, () => {
      it.skip(`needs a running WordPress: ${wordpressService.howTo}`, () => undefined);
    });
    return;
  }
  describe.each([wp.env.pretty, wp.env.plain])(`${title} ($name permalinks)`, body);
}

export type Fields = Record<string, string>;
export type BodyFormat = 'form' | 'json' | 'xml';

/** A fresh SMS as the app would post it (default key names). */
export function smsFields(site: WpSite, overrides: Fields = {}): Fields {
  return {
    secret: site.secret,
    from: 'MPESA',
    message: `UHSNH45W4A Confirmed. Ksh1,250.00 received from JOHN DOE 0712345678 ${randomUUID()}`,
    sent_timestamp: '1788551040000',
    sent_to: '',
    message_id: randomUUID(),
    device_id: 'shop-phone',
    ...overrides,
  };
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Encodes like SMSsync: OkHttp FormBody (%20 for spaces), flat JSON of strings, or XML labelled as JSON. */
export function encodeBody(fields: Fields | [string, string][], format: BodyFormat): { body: string; type: string } {
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  if (format === 'json') {
    return { body: JSON.stringify(Object.fromEntries(pairs)), type: 'application/json; charset=UTF-8' };
  }
  if (format === 'xml') {
    const inner = pairs.map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
    return {
      body: `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><payload>${inner}</payload>`,
      type: 'application/json; charset=UTF-8',
    };
  }
  const body = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { body, type: 'application/x-www-form-urlencoded' };
}

/** The phone's URL plus a literal "?task=…" suffix, exactly as the app concatenates it. */
export function phoneUrl(site: WpSite, suffix = ''): string {
  return `${site.smssync_url}${suffix}`;
}

export interface JsonResponse {
  status: number;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- decoded JSON from the server under test; tests assert its shape.
  json: any;
}

export async function request(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', json };
}

export function postSms(
  site: WpSite,
  fields: Fields | [string, string][],
  format: BodyFormat = 'form',
  method = 'POST',
): Promise<JsonResponse> {
  const { body, type } = encodeBody(fields, format);
  return request(phoneUrl(site), { method, body, headers: { 'Content-Type': type, 'User-Agent': 'SMSSync-Android/v3.1.1' } });
}

/** Daemon API URL: route appended to the path or to rest_route, query joined with ? or &. */
export function daemonUrl(site: WpSite, route: string, query: Record<string, string | number> = {}): string {
  const base = `${site.daemon_url}${route}`;
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  if (!qs) return base;
  return `${base}${base.includes('?') ? '&' : '?'}${qs}`;
}

export function daemon(site: WpSite, route: string, init: RequestInit = {}, query: Record<string, string | number> = {}) {
  const headers = { Authorization: `Bearer ${site.token}`, ...(init.headers as Record<string, string> | undefined) };
  return request(daemonUrl(site, route, query), { ...init, headers });
}

export interface StoredMessage {
  id: number;
  message_id: string;
  from: string;
  message: string;
  sent_timestamp: string;
  sent_to: string;
  device_id: string;
  received_at: string;
}

export async function lastId(site: WpSite): Promise<number> {
  const res = await daemon(site, '/health');
  return res.json.last_id as number;
}

/** Every message stored after `after`, paging through /messages. */
export async function messagesAfter(site: WpSite, after: number): Promise<StoredMessage[]> {
  const all: StoredMessage[] = [];
  let cursor = after;
  for (;;) {
    const res = await daemon(site, '/messages', {}, { after: cursor, limit: 500 });
    if (res.status !== 200) throw new Error(`/messages answered ${res.status}`);
    all.push(...(res.json.messages as StoredMessage[]));
    cursor = res.json.next_after as number;
    if (!res.json.has_more) return all;
  }
}

export async function findStored(site: WpSite, after: number, messageId: string): Promise<StoredMessage[]> {
  return (await messagesAfter(site, after)).filter((m) => m.message_id === messageId);
}

export const SUCCESS = { payload: { success: true, error: null } };
export const FORBIDDEN = { payload: { success: false, error: 'Incorrect or missing secret key' } };

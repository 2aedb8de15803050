import { AuthError, ConfigError, DataError, UnavailableError } from '../../errors.js';
import { redact } from '../../log/redact.js';
import type { Failure } from '../http-retry.js';
import { isNeverSentCode, isNotTlsCode, withRetries } from '../http-retry.js';
import { smallRequest } from '../http-request.js';
import { ActionsPage, AdminAction as ActionSchema, PublishReply as PublishSchema, ReportReply as ReportSchema, type ActionReport, type AdminAction, type PublishReply, type ReportReply } from './admin-schema.js';
import { USER_AGENT } from '../../version.js';
import type { DropboxHealth, DropboxMessage } from './schema.js';
import { DropboxHealth as HealthSchema, DropboxMessage as MessageSchema, MessagesPage } from './schema.js';

export interface DropboxClientOptions {
  /** Base URL: `https://shop/wp-json/smsmatch/v1` or `https://shop/?rest_route=/smsmatch/v1`. */
  url: string;
  token: string;
  timeoutMs?: number;
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface MessagesPageResult {
  messages: DropboxMessage[];
  nextAfter: number;
  hasMore: boolean;
  /** Admin actions waiting in the plugin; null from a plugin too old to have the wp-admin page. */
  pendingActions: number | null;
  /** The drop-box's signal nonce at this read, when its plugin has a signal file. */
  signalNonce: string | null;
  /** The shop's clock: the answer's Date header (epoch ms) and our clock when it arrived, to place received_at. */
  shopClock: { shopMs: number; localMs: number } | null;
  /** When a customer last typed a payment code on an order page; null when never (or an older plugin). */
  lastCodeAt: string | null;
}

export interface DropboxClient {
  listMessages(after: number, limit: number): Promise<MessagesPageResult>;
  health(): Promise<DropboxHealth>;
  queueOutbox(sms: { to: string; message: string; uuid: string }): Promise<{ created: boolean; status: string }>;
  notify(subject: string, message: string): Promise<void>;
  /** Replaces the plugin's copy of the payments and health (the wp-admin page's data). */
  publish(snapshot: unknown): Promise<PublishReply>;
  /** Admin actions still queued, oldest first. */
  listActions(): Promise<AdminAction[]>;
  reportAction(id: number, report: ActionReport): Promise<ReportReply>;
  requestCount(): number;
}

class HttpStatusError extends Error {
  constructor(readonly status: number, readonly body: string, readonly retryAfter: string | null) {
    super(`HTTP ${status}`);
  }
}

/** Builds a route URL under a base that may carry WordPress's `?rest_route=` (plain permalinks). */
export function dropboxUrl(base: string, route: string, query: Record<string, string | number> = {}): string {
  const url = new URL(base);
  const restRoute = url.searchParams.get('rest_route');
  if (restRoute !== null) url.searchParams.set('rest_route', `${restRoute.replace(/\/$/, '')}${route}`);
  else url.pathname = `${url.pathname.replace(/\/$/, '')}${route}`;
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  return url.toString();
}

export function createDropboxClient(opts: DropboxClientOptions): DropboxClient {
  let requests = 0;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = opts.timeoutMs ?? 15_000;

  let lastDate: { shopMs: number; localMs: number } | null = null;

  async function call(method: 'GET' | 'POST', route: string, query: Record<string, string | number> = {}, body?: unknown): Promise<unknown> {
    const url = dropboxUrl(opts.url, route, query);
    const attempt = async (): Promise<unknown> => {
      requests++;
      // Both headers on every call: some hosts strip Authorization, and trying one then the other doubles requests.
      const res = await smallRequest(url, {
        method,
        headers: {
          Authorization: `Bearer ${opts.token}`,
          'X-Smsmatch-Token': opts.token,
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs,
      });
      // Never followed: a redirect would hand the token header to wherever it points.
      if (res.status >= 300 && res.status < 400) {
        throw new ConfigError(`the drop-box at ${redact(opts.url)} redirects ${route} (HTTP ${res.status}${res.header('location') ? ` to ${redact(res.header('location')!)}` : ''}); the token is not sent on`, {
          hint: 'put the final URL (usually https://, with or without www) in dropbox.url (README → Troubleshooting → drop-box)',
        });
      }
      const text = res.text;
      const date = Date.parse(res.header('date') ?? '');
      lastDate = Number.isFinite(date) ? { shopMs: date, localMs: Date.now() } : null;
      if (res.status < 200 || res.status >= 300) throw new HttpStatusError(res.status, text, res.header('retry-after'));
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ConfigError(`the drop-box at ${redact(opts.url)} answered ${route} with something that is not JSON (${snippet(text)})`, {
          hint: 'check dropbox.url: open it in a browser; a login page, maintenance page or firewall challenge means the site is blocking it (README → Troubleshooting → drop-box)',
        });
      }
    };
    try {
      return await withRetries(method, attempt, toFailure, { retries: opts.retries ?? 3, sleep });
    } catch (error) {
      throw mapError(error, route, opts.url);
    }
  }

  return {
    async listMessages(after, limit) {
      const raw = MessagesPage.safeParse(await call('GET', '/messages', { after, limit }));
      if (!raw.success) throw new DataError(`the drop-box /messages answer is malformed: ${raw.error.issues[0]?.message ?? 'unknown'}`, { hint: 'update the smsmatch drop-box plugin' });
      const messages = raw.data.messages.map((m, i) => {
        const parsed = MessageSchema.safeParse(m);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new DataError(`the drop-box sent a malformed message (item ${i} after id ${after}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''})`, { hint: 'update the smsmatch drop-box plugin' });
        }
        return parsed.data;
      });
      return {
        messages, nextAfter: raw.data.next_after, hasMore: raw.data.has_more, pendingActions: raw.data.pending_actions ?? null,
        signalNonce: raw.data.signal_nonce ?? null, shopClock: lastDate, lastCodeAt: raw.data.last_code_at,
      };
    },
    async health() {
      const parsed = HealthSchema.safeParse(await call('GET', '/health'));
      if (!parsed.success) throw new DataError('the drop-box /health answer is malformed', { hint: 'update the smsmatch drop-box plugin' });
      return parsed.data;
    },
    async queueOutbox(sms) {
      const res = (await call('POST', '/outbox', {}, sms)) as { created?: boolean; status?: string };
      return { created: res.created === true, status: String(res.status ?? 'queued') };
    },
    async notify(subject, message) {
      await call('POST', '/notify', {}, { subject, message });
    },
    async publish(snapshot) {
      const parsed = PublishSchema.safeParse(await call('POST', '/publish', {}, snapshot));
      if (!parsed.success) throw new DataError('the drop-box /publish answer is malformed', { hint: 'update the smsmatch drop-box plugin' });
      return parsed.data;
    },
    async listActions() {
      const page = ActionsPage.safeParse(await call('GET', '/actions'));
      if (!page.success) throw new DataError('the drop-box /actions answer is malformed', { hint: 'update the smsmatch drop-box plugin' });
      return page.data.actions.map((a, i) => {
        const parsed = ActionSchema.safeParse(a);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new DataError(`the drop-box sent a malformed admin action (item ${i}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''})`, { hint: 'update the smsmatch drop-box plugin' });
        }
        return parsed.data;
      });
    },
    async reportAction(id, report) {
      const parsed = ReportSchema.safeParse(await call('POST', `/actions/${id}`, {}, report));
      if (!parsed.success) throw new DataError(`the drop-box answer to the report of action ${id} is malformed`, { hint: 'update the smsmatch drop-box plugin' });
      return parsed.data;
    },
    requestCount: () => requests,
  };
}

function toFailure(error: unknown): Failure | null {
  if (error instanceof HttpStatusError) return { kind: 'status', status: error.status, retryAfter: error.retryAfter };
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { kind: 'timeout', neverSent: false };
  const cause = (error as { cause?: { code?: string; syscall?: string } }).cause;
  // A plain-http port will not start speaking TLS on a retry.
  if (error instanceof TypeError && cause && !isNotTlsCode(cause.code ?? '')) return { kind: 'network', code: cause.code ?? 'UNKNOWN', neverSent: isNeverSentCode(cause.code, cause.syscall) };
  return null;
}

function mapError(error: unknown, route: string, base: string): Error {
  const where = `the drop-box at ${redact(base)}`;
  if (error instanceof HttpStatusError) {
    if (error.status === 401 || error.status === 403) {
      return new AuthError(`${where} rejected the token (HTTP ${error.status})`, {
        hint: 'copy the daemon token from the shop\'s Settings → smsmatch page into dropbox.token (README → Troubleshooting → drop-box)',
      });
    }
    if (error.status === 404) {
      return new ConfigError(`${where} has no ${route} route (HTTP 404): the plugin is not active or the URL is wrong`, {
        hint: 'use the daemon URL shown on Settings → smsmatch; on sites with plain permalinks it looks like https://shop/?rest_route=/smsmatch/v1',
      });
    }
    return new UnavailableError(`${where} failed on ${route}: HTTP ${error.status} ${snippet(error.body)}`, { hint: 'smsmatch retries on the next run; nothing is lost' });
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new UnavailableError(`${where} did not answer ${route} in time`, { hint: 'smsmatch retries on the next run; nothing is lost' });
  }
  if (error instanceof TypeError && (error as { cause?: unknown }).cause) {
    const cause = (error as { cause: { code?: string; message?: string } }).cause;
    if (isNotTlsCode(cause.code ?? '') && base.startsWith('https:')) {
      return new ConfigError(`${where} does not speak TLS (https) on that port (${cause.code ?? ''}): it is probably a plain-http port`, {
        hint: 'use http:// for that port if the site is plain http there, or the port where it serves https (usually 443); see README → Troubleshooting → Not a TLS port',
      });
    }
    return new UnavailableError(`${where} is unreachable (${cause.code ?? cause.message ?? 'network error'})`, { hint: 'check the URL and that the site is up; nothing is lost' });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function snippet(text: string): string {
  const s = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}

import type { IncomingHttpHeaders } from 'node:http';
import { wpError, type Reply } from './http.js';
import type { PhpValue } from './php-query.js';

/** What a fault matcher sees of a request. `route` is the REST route (`/wc/v3/orders/12`), '' if none. */
export interface FaultRequest {
  method: string;
  path: string;
  route: string;
  query: Record<string, PhpValue>;
  headers: IncomingHttpHeaders;
}

export type FaultMatch = (req: FaultRequest) => boolean;

export interface FailOptions {
  status: number;
  /** JSON body; a string is sent as text/plain. Default: WordPress-shaped error for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  match?: FaultMatch;
  delayMs?: number;
  /** Handle the request first (the shop applies the change), then answer with the failure. */
  afterHandling?: boolean;
}

export interface FaultControls {
  /** The next `n` matching requests fail with `status`. */
  failNext(n: number, options: FailOptions): void;
  /** Matching requests are never answered (the client times out). `afterHandling`: applied, then silent. */
  hang(match?: FaultMatch, options?: { times?: number; afterHandling?: boolean }): void;
  /** Matching requests get an HTML page (status 200 unless given), as from a host's maintenance or WAF page. */
  htmlInsteadOfJson(match?: FaultMatch, options?: { times?: number; status?: number }): void;
  /** Matching requests get 429 with `Retry-After: seconds`. */
  retryAfter(seconds: number, match?: FaultMatch, options?: { times?: number }): void;
  /** Matching requests are answered normally after `ms`. */
  delay(ms: number, match?: FaultMatch, options?: { times?: number }): void;
  /** Behave as a host that drops the Authorization header (query-string and X-Smsmatch-Token still work). */
  stripAuthorization(on: boolean): void;
  /** Updates of these orders fail (single and per batch item) with a 500 critical error, or the error given. */
  rejectOrderUpdates(orderIds: number[], error?: { status?: number; code?: string; message?: string }): void;
  /** The next `n` POST /notify calls fail as if wp_mail() returned false (502 smsmatch_mail_failed). */
  failMail(n?: number): void;
  /** Removes every fault. */
  reset(): void;
}

/** Matches a method ('*' for any) and a REST route (exact string or RegExp). */
export function route(method: string, pattern: string | RegExp): FaultMatch {
  return (req) =>
    (method === '*' || req.method === method.toUpperCase()) && (typeof pattern === 'string' ? req.route === pattern : pattern.test(req.route));
}

export type FaultAction =
  | { kind: 'reply'; reply: Reply; delayMs: number }
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number };

interface Rule {
  name: string;
  phase: 'before' | 'after';
  match: FaultMatch;
  remaining: number;
  action: () => FaultAction;
}

const ANY: FaultMatch = () => true;

const HTML_PAGE =
  '<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="UTF-8"><title>Maintenance</title></head>' +
  '<body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>\n';

export class FaultBook implements FaultControls {
  private rules: Rule[] = [];
  private stripped = false;
  private rejected = new Map<number, Reply>();
  private mailFailures = 0;

  get authorizationStripped(): boolean {
    return this.stripped;
  }

  failNext(n: number, options: FailOptions): void {
    const reply = failureReply(options);
    this.rules.push({
      name: `fail ${options.status}`,
      phase: options.afterHandling ? 'after' : 'before',
      match: options.match ?? ANY,
      remaining: n,
      action: () => ({ kind: 'reply', reply, delayMs: options.delayMs ?? 0 }),
    });
  }

  hang(match: FaultMatch = ANY, options: { times?: number; afterHandling?: boolean } = {}): void {
    this.add('hang', match, options.times, () => ({ kind: 'hang' }), options.afterHandling ? 'after' : 'before');
  }

  htmlInsteadOfJson(match: FaultMatch = ANY, options: { times?: number; status?: number } = {}): void {
    const reply: Reply = { status: options.status ?? 200, raw: { contentType: 'text/html; charset=UTF-8', text: HTML_PAGE } };
    this.add('html', match, options.times, () => ({ kind: 'reply', reply, delayMs: 0 }));
  }

  retryAfter(seconds: number, match: FaultMatch = ANY, options: { times?: number } = {}): void {
    const reply = wpError(429, 'too_many_requests', 'Too many requests. Please try again later.');
    reply.headers = { 'Retry-After': String(seconds) };
    this.add('retry-after', match, options.times, () => ({ kind: 'reply', reply, delayMs: 0 }));
  }

  delay(ms: number, match: FaultMatch = ANY, options: { times?: number } = {}): void {
    this.add('delay', match, options.times, () => ({ kind: 'delay', ms }));
  }

  stripAuthorization(on: boolean): void {
    this.stripped = on;
  }

  rejectOrderUpdates(orderIds: number[], error: { status?: number; code?: string; message?: string } = {}): void {
    const reply = wpError(error.status ?? 500, error.code ?? 'internal_server_error', error.message ?? 'There has been a critical error on this website.');
    for (const id of orderIds) this.rejected.set(id, reply);
  }

  failMail(n = 1): void {
    this.mailFailures += n;
  }

  takeMailFailure(): boolean {
    if (this.mailFailures === 0) return false;
    this.mailFailures--;
    return true;
  }

  reset(): void {
    this.mailFailures = 0;
    this.rules = [];
    this.stripped = false;
    this.rejected.clear();
  }

  /** The first live rule of this phase matching the request, consumed once. */
  take(req: FaultRequest, phase: 'before' | 'after'): (FaultAction & { name: string }) | null {
    const rule = this.rules.find((r) => r.phase === phase && r.remaining > 0 && r.match(req));
    if (!rule) return null;
    rule.remaining--;
    return { ...rule.action(), name: rule.name };
  }

  orderUpdateError(orderId: number): Reply | null {
    return this.rejected.get(orderId) ?? null;
  }

  private add(name: string, match: FaultMatch, times: number | undefined, action: () => FaultAction, phase: 'before' | 'after' = 'before'): void {
    this.rules.push({ name, phase, match, remaining: times ?? Infinity, action });
  }
}

function failureReply(options: FailOptions): Reply {
  const headers = options.headers ? { headers: options.headers } : {};
  if (typeof options.body === 'string') return { status: options.status, raw: { contentType: 'text/plain; charset=UTF-8', text: options.body }, ...headers };
  if (options.body !== undefined) return { status: options.status, json: options.body, ...headers };
  const reply = wpError(options.status, options.status >= 500 ? 'internal_server_error' : 'sandbox_fault', `Injected fault: HTTP ${options.status}.`);
  return { ...reply, ...headers };
}

/**
 * The shop seen from smsmatch: a handful of WooCommerce REST calls behind `ShopClient`, made with
 * @woocommerce/woocommerce-rest-api, with timeouts, safe retries and one-line errors (./errors.ts).
 */
import { DataError } from '../../errors.js';
import { registerSecret } from '../../log/redact.js';
import { withRetries } from '../http-retry.js';
import { USER_AGENT } from '../../version.js';
import { HINTS, htmlSnippet, mapShopError, ShopHttpError, toFailure, wooErrorBody, type HttpProblem } from './errors.js';
import { toOrder, WooOrder } from './order-schema.js';

export type { WooOrder } from './order-schema.js';

/** The one conversion point for orders: a malformed order is a DataError naming the order and the field. */
export function asWooOrder(raw: unknown, where: string): WooOrder {
  toOrder(raw, where);
  return WooOrder.parse(raw);
}

export interface ShopClientOptions {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  queryStringAuth?: boolean;
  timeoutMs?: number;
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  onRequest?: (info: { method: string; path: string; status: number | null; ms: number }) => void;
}

export interface OrderQuery {
  statuses: string[];
  /** UTC ISO 8601; filters on the created date. */
  createdAfter?: string;
  /** UTC ISO 8601; filters on the last-modified date (a customer typing a code modifies the order). */
  modifiedAfter?: string;
  include?: number[];
  /** When set, a malformed order is reported here and skipped instead of failing the whole listing. */
  onMalformed?: (error: DataError) => void;
}

export interface BatchItemResult {
  id: number;
  order?: WooOrder;
  error?: { code: string; message: string; status?: number };
}

export interface ShopClient {
  listOrders(q: OrderQuery): Promise<WooOrder[]>;
  getOrder(id: number): Promise<WooOrder>;
  /** POST, not PUT: the route accepts both and some WAFs block PUT. */
  updateOrder(id: number, body: Record<string, unknown>): Promise<WooOrder>;
  batchUpdateOrders(updates: Array<{ id: number } & Record<string, unknown>>): Promise<BatchItemResult[]>;
  addOrderNote(id: number, note: string, customerNote: boolean): Promise<{ id: number }>;
  /** The order's private notes (to find smsmatch's own after a restart). */
  listOrderNotes(id: number): Promise<Array<{ id: number; note: string; customerNote: boolean }>>;
  storeInfo(): Promise<{ currency: string; timezone: string | null; gmtOffset: number | null }>;
  /** One cheap authenticated read: GET /orders?per_page=1. */
  checkRead(): Promise<void>;
  /** A write that changes nothing: POST /orders/batch with `{}` (a read-only key gets 401 before dispatch). */
  checkWrite(): Promise<void>;
  requestCount(): number;
}

/** Only the order fields smsmatch reads; `_fields` keeps 2,000-order listings small. */
export const ORDER_FIELDS = [
  'id', 'number', 'status', 'currency', 'total', 'date_created', 'date_created_gmt', 'date_modified_gmt', 'date_paid_gmt',
  'payment_method', 'payment_method_title', 'transaction_id', 'customer_note', 'billing', 'meta_data',
] as const;

export const BATCH_LIMIT = 100;
const PER_PAGE = 100;

interface LibResponse { status: number; data: unknown; headers: Record<string, unknown> }
interface Lib {
  get(endpoint: string, params?: object): Promise<LibResponse>;
  post(endpoint: string, data: object, params?: object): Promise<LibResponse>;
}
type LibCtor = new (opts: Record<string, unknown>) => Lib;

// Under Node ESM the default import is the CJS namespace ({ default, OptionsException }); under Vitest it is the
// class itself. Accept both so tests and production run the same code.
// The library (with axios) costs ~20 MB of memory; an idle daemon never needs it, so it loads on first use.
let libCtor: Promise<LibCtor> | undefined;
function loadLib(): Promise<LibCtor> {
  libCtor ??= import('@woocommerce/woocommerce-rest-api').then((mod: unknown) => {
    const m = (mod as { default?: unknown }).default ?? mod;
    return ((m as { default?: unknown }).default ?? m) as LibCtor;
  });
  return libCtor;
}

export function createShopClient(opts: ShopClientOptions): ShopClient {
  registerSecret(opts.consumerKey);
  registerSecret(opts.consumerSecret);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  // axiosConfig.headers replaces the library's headers whole (its own User-Agent and, on writes, the JSON content
  // type), so all three are set here: without the content type WordPress would ignore a write's body. A JSON
  // content type on a GET is harmless and is not part of the OAuth 1.0a signature.
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json;charset=utf-8', 'User-Agent': USER_AGENT };
  const base = { url: opts.url, consumerKey: opts.consumerKey, consumerSecret: opts.consumerSecret, queryStringAuth: opts.queryStringAuth ?? false, timeout: timeoutMs, axiosConfig: { headers } };
  let lib: Promise<Lib> | undefined;
  const api = (): Promise<Lib> => (lib ??= loadLib().then((Ctor) => new Ctor(base)));
  const retry = { retries: opts.retries ?? 3, sleep: opts.sleep ?? defaultSleep };
  let count = 0;

  async function rawCall(viaLib: Lib | Promise<Lib>, method: 'GET' | 'POST', endpoint: string, params: object, body?: object): Promise<LibResponse> {
    const via = await viaLib;
    return withRetries(method, async () => {
      count += 1;
      const started = performance.now();
      let status: number | null = null;
      try {
        const res = method === 'GET' ? await via.get(endpoint, params) : await via.post(endpoint, body ?? {}, params);
        status = res.status;
        if (typeof res.data !== 'object' || res.data === null) throw new ShopHttpError(notJson(res));
        return res;
      } catch (error) {
        const problem = error instanceof ShopHttpError ? error.problem : problemFromLib(error, timeoutMs);
        if (problem === null) throw error;
        status = 'status' in problem ? problem.status : null;
        throw new ShopHttpError(problem);
      } finally {
        opts.onRequest?.({ method, path: endpoint.startsWith('/') ? endpoint : `/wp-json/wc/v3/${endpoint}`, status, ms: Math.round(performance.now() - started) });
      }
    }, toFailure, retry);
  }

  async function call(method: 'GET' | 'POST', endpoint: string, params: object, body?: object, via: Lib | Promise<Lib> = api()): Promise<LibResponse> {
    const before = count;
    try {
      return await rawCall(via, method, endpoint, params, body);
    } catch (error) {
      if (!(error instanceof ShopHttpError)) throw error;
      throw mapShopError(error.problem, { method, baseUrl: opts.url, endpoint, attempts: count - before });
    }
  }

  const fields = { _fields: ORDER_FIELDS.join(',') };

  async function listOrders(q: OrderQuery): Promise<WooOrder[]> {
    // Oldest first, so orders created while we page land on later pages instead of shifting earlier ones.
    const params: Record<string, string | number> = { status: q.statuses.join(','), per_page: PER_PAGE, orderby: 'date', order: 'asc', dates_are_gmt: 'true', ...fields };
    if (q.createdAfter !== undefined) params['after'] = naiveUtc(q.createdAfter);
    if (q.modifiedAfter !== undefined) params['modified_after'] = naiveUtc(q.modifiedAfter);
    if (q.include !== undefined) params['include'] = q.include.join(',');
    const seen = new Map<number, WooOrder>();
    for (let page = 1, totalPages = 1; page <= totalPages; page += 1) {
      const res = await call('GET', 'orders', { ...params, page });
      if (!Array.isArray(res.data)) throw new DataError(`the shop's order list is not a list (GET /orders page ${page})`, { hint: HINTS.html });
      for (const raw of res.data) {
        let order: WooOrder;
        try {
          order = asWooOrder(raw, `GET /orders page ${page}`);
        } catch (error) {
          // One malformed order must not stop every payment: the caller may skip it (and report it).
          if (q.onMalformed && error instanceof DataError) {
            q.onMalformed(error);
            continue;
          }
          throw error;
        }
        seen.set(order.id, order);
      }
      const header = Number(res.headers['x-wp-totalpages']);
      totalPages = Number.isFinite(header) && header > 0 ? header : res.data.length === PER_PAGE ? page + 1 : page;
    }
    return [...seen.values()];
  }

  async function batchChunk(chunk: Array<{ id: number } & Record<string, unknown>>): Promise<BatchItemResult[]> {
    const before = count;
    try {
      const res = await rawCall(api(), 'POST', 'orders/batch', {}, { update: chunk });
      return batchResults(chunk, res.data);
    } catch (error) {
      // 413 is checked before any item is processed, so splitting the chunk is safe (a shop lowered the limit).
      if (error instanceof ShopHttpError && error.problem.kind === 'status' && error.problem.status === 413 && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        return [...(await batchChunk(chunk.slice(0, half))), ...(await batchChunk(chunk.slice(half)))];
      }
      if (error instanceof ShopHttpError) throw mapShopError(error.problem, { method: 'POST', baseUrl: opts.url, endpoint: 'orders/batch', attempts: count - before });
      throw error;
    }
  }

  return {
    listOrders,
    async getOrder(id) {
      return asWooOrder((await call('GET', `orders/${id}`, fields)).data, `GET /orders/${id}`);
    },
    async updateOrder(id, body) {
      return asWooOrder((await call('POST', `orders/${id}`, fields, body)).data, `POST /orders/${id}`);
    },
    async batchUpdateOrders(updates) {
      const out: BatchItemResult[] = [];
      for (let i = 0; i < updates.length; i += BATCH_LIMIT) out.push(...(await batchChunk(updates.slice(i, i + BATCH_LIMIT))));
      return out;
    },
    async listOrderNotes(id) {
      const res = await call('GET', `orders/${id}/notes`, { type: 'internal' });
      if (!Array.isArray(res.data)) throw new DataError(`the shop's note list for order ${id} is not a list`, { hint: HINTS.html });
      return res.data.flatMap((n: unknown) => {
        const note = n as { id?: unknown; note?: unknown; customer_note?: unknown };
        return typeof note.id === 'number' && typeof note.note === 'string' ? [{ id: note.id, note: note.note, customerNote: note.customer_note === true }] : [];
      });
    },
    async addOrderNote(id, note, customerNote) {
      const res = await call('POST', `orders/${id}/notes`, {}, { note, customer_note: customerNote });
      const noteId = (res.data as { id?: unknown }).id;
      if (typeof noteId !== 'number') throw new DataError(`the shop's answer to a new note on order ${id} has no note id`);
      return { id: noteId };
    },
    async storeInfo() {
      const currency = (await call('GET', 'data/currencies/current', {})).data as { code?: unknown };
      if (typeof currency.code !== 'string') throw new DataError('the shop did not name its currency (GET /data/currencies/current)');
      // The lib builds URLs under /wp-json/wc/v3 only; the WordPress index is public and must go without the key
      // (WordPress would try it as an application password and answer 401).
      const index = new (await loadLib())({ ...base, axiosConfig: { url: `${opts.url.replace(/\/+$/, '')}/wp-json/`, params: { _fields: 'timezone_string,gmt_offset' }, auth: undefined } });
      const site = (await call('GET', '/wp-json/', {}, undefined, index)).data as { timezone_string?: unknown; gmt_offset?: unknown };
      const timezone = typeof site.timezone_string === 'string' && site.timezone_string !== '' ? site.timezone_string : null;
      const offset = site.gmt_offset === undefined || site.gmt_offset === null || site.gmt_offset === '' ? NaN : Number(site.gmt_offset);
      return { currency: currency.code, timezone, gmtOffset: Number.isFinite(offset) ? offset : null };
    },
    async checkRead() {
      const res = await call('GET', 'orders', { per_page: 1, _fields: 'id' });
      if (!Array.isArray(res.data)) throw new DataError('the shop\'s order list is not a list (GET /orders)', { hint: HINTS.html });
    },
    async checkWrite() {
      await call('POST', 'orders/batch', {}, {});
    },
    requestCount: () => count,
  };
}

function batchResults(chunk: Array<{ id: number }>, data: unknown): BatchItemResult[] {
  const list = (data as { update?: unknown }).update;
  if (!Array.isArray(list)) throw new DataError('the shop answered a batch update without an "update" list (POST /orders/batch)');
  const byId = new Map<number, unknown>();
  for (const item of list) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'number') byId.set(id, item);
  }
  return chunk.map(({ id }): BatchItemResult => {
    const item = byId.get(id);
    if (item === undefined) return { id, error: { code: 'smsmatch_missing_from_batch', message: 'the shop did not report on this order' } };
    const error = wooErrorBody((item as { error?: unknown }).error);
    if (error === null) {
      // The write happened; a malformed answer is reported for this order only, so the others keep their results.
      try {
        return { id, order: asWooOrder(item, 'POST /orders/batch') };
      } catch (bad) {
        return { id, error: { code: 'smsmatch_malformed_order', message: bad instanceof Error ? bad.message : String(bad) } };
      }
    }
    const status = ((item as { error: { data?: { status?: unknown } } }).error.data ?? {}).status;
    return { id, error: typeof status === 'number' ? { ...error, status } : error };
  });
}

function notJson(res: LibResponse): HttpProblem {
  const type = res.headers['content-type'];
  const body = typeof res.data === 'string' ? res.data : '';
  return { kind: 'not-json', status: res.status, contentType: typeof type === 'string' ? type : '', snippet: htmlSnippet(body), retryAfter: retryAfterOf(res) };
}

/** Classify an axios failure; null for anything that is not a transport failure (a bug, rethrown as is). */
function problemFromLib(error: unknown, timeoutMs: number): HttpProblem | null {
  const e = error as { isAxiosError?: boolean; code?: string; cause?: { syscall?: string }; response?: LibResponse };
  if (e?.isAxiosError !== true) return null;
  if (e.response) {
    if (typeof e.response.data !== 'object' || e.response.data === null) return notJson(e.response);
    return { kind: 'status', status: e.response.status, body: e.response.data, retryAfter: retryAfterOf(e.response) };
  }
  const syscall = e.cause?.syscall;
  if (e.code === 'ECONNABORTED' || (e.code === 'ETIMEDOUT' && syscall !== 'connect')) return { kind: 'timeout', timeoutMs };
  return { kind: 'network', code: e.code ?? 'ERR_NETWORK', syscall };
}

function retryAfterOf(res: LibResponse): string | null {
  const value = res.headers['retry-after'];
  return typeof value === 'string' ? value : null;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * UTC without a zone suffix, for `after` / `modified_after` beside `dates_are_gmt=true`. Measured on WooCommerce
 * 10.0.2 with HPOS in a UTC+3 shop: `after=…05:05:00Z&dates_are_gmt=true` filters from 08:05 UTC (the instant is
 * first turned into the shop's local time, whose digits are then read as UTC), so a window of minutes comes back
 * empty; `after=…05:05:00&dates_are_gmt=true` filters from 05:05 UTC as documented.
 */
export function naiveUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${iso}`);
  return d.toISOString().slice(0, 19);
}

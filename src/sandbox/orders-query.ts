import { invalidParams, toBool, type Reply } from './http.js';
import { ORDER_STATUSES, type OrderRecord } from './order-model.js';
import { parseWcDate } from './time.js';
import { ParamErrors } from './validate.js';

export interface OrderQuery {
  page: number;
  perPage: number;
  offset: number | undefined;
  statuses: string[];
  after: Date | null;
  before: Date | null;
  modifiedAfter: Date | null;
  modifiedBefore: Date | null;
  include: number[];
  exclude: number[];
  search: string;
  order: 'asc' | 'desc';
  orderby: string;
  customer: number | undefined;
}

const ORDERBY = ['date', 'id', 'include', 'title', 'slug', 'modified'];
const STATUS_ENUM = ['any', 'trash', ...ORDER_STATUSES];

/** Validates GET /orders params like the v3 controller's `get_collection_params` schema. */
export function parseOrderQuery(params: Record<string, unknown>, timezone: string): { ok: true; query: OrderQuery } | { ok: false; reply: Reply } {
  const e = new ParamErrors();
  const gmt = toBool(params['dates_are_gmt'] ?? false);
  const date = (name: string): Date | null => {
    const value = params[name];
    if (value === undefined || value === '') return null;
    const parsed = typeof value === 'string' ? parseWcDate(value, gmt, timezone) : null;
    if (!parsed) e.add(name, 'Invalid date.');
    return parsed;
  };
  const query: OrderQuery = {
    page: e.integer('page', params['page'], 1) ?? 1,
    perPage: e.integer('per_page', params['per_page'], 1, 100) ?? 10,
    offset: e.integer('offset', params['offset']),
    statuses: e.listOneOf('status', params['status'] ?? 'any', STATUS_ENUM),
    after: date('after'),
    before: date('before'),
    modifiedAfter: date('modified_after'),
    modifiedBefore: date('modified_before'),
    include: e.integerList('include', params['include']),
    exclude: e.integerList('exclude', params['exclude']),
    search: typeof params['search'] === 'string' ? params['search'] : '',
    order: (e.oneOf('order', params['order'] ?? 'desc', ['asc', 'desc']) ?? 'desc') as 'asc' | 'desc',
    orderby: e.oneOf('orderby', params['orderby'] ?? 'date', ORDERBY) ?? 'date',
    customer: e.integer('customer', params['customer']),
  };
  if (e.any) return { ok: false, reply: invalidParams(e.errors) };
  return { ok: true, query };
}

export function selectOrders(records: OrderRecord[], q: OrderQuery): { page: OrderRecord[]; total: number; totalPages: number } {
  const matched = records.filter((r) => matches(r, q));
  matched.sort(comparator(q));
  const total = matched.length;
  const totalPages = Math.ceil(total / q.perPage);
  const start = q.offset ?? (q.page - 1) * q.perPage;
  return { page: matched.slice(start, start + q.perPage), total, totalPages };
}

function matches(r: OrderRecord, q: OrderQuery): boolean {
  const o = r.order;
  const created = Date.parse(`${o.date_created_gmt}Z`);
  const statusOk = q.statuses.includes('any') ? o.status !== 'trash' : q.statuses.includes(o.status);
  // WP_Date_Query bounds are exclusive by default.
  return (
    statusOk &&
    (!q.after || created > q.after.getTime()) &&
    (!q.before || created < q.before.getTime()) &&
    (!q.modifiedAfter || r.dateModified.getTime() > q.modifiedAfter.getTime()) &&
    (!q.modifiedBefore || r.dateModified.getTime() < q.modifiedBefore.getTime()) &&
    (q.include.length === 0 || q.include.includes(o.id)) &&
    !q.exclude.includes(o.id) &&
    (q.customer === undefined || o.customer_id === q.customer) &&
    (q.search === '' || matchesSearch(r, q.search))
  );
}

/** A basic stand-in for `wc_order_search`: billing/shipping address text, item names, or the exact id. */
function matchesSearch(r: OrderRecord, term: string): boolean {
  const o = r.order;
  if (/^\d+$/.test(term) && Number(term) === o.id) return true;
  const haystack = [...(Object.values(o.billing) as string[]), ...(Object.values(o.shipping) as string[]), ...o.line_items.map((i) => i.name)].join(' ').toLowerCase();
  return haystack.includes(term.toLowerCase());
}

function comparator(q: OrderQuery): (a: OrderRecord, b: OrderRecord) => number {
  const dir = q.order === 'asc' ? 1 : -1;
  const key = (r: OrderRecord): number => {
    if (q.orderby === 'id') return r.order.id;
    if (q.orderby === 'modified') return r.dateModified.getTime();
    if (q.orderby === 'include') return q.include.indexOf(r.order.id);
    return Date.parse(`${r.order.date_created_gmt}Z`);
  };
  // 'include' keeps the given order regardless of direction; date/modified break ties by id.
  if (q.orderby === 'include') return (a, b) => key(a) - key(b);
  return (a, b) => (key(a) - key(b)) * dir || (a.order.id - b.order.id) * dir;
}

import type { Order } from '../order.js';
import { normalisePhone } from '../phone.js';
import { namePairKeys, nameTokens } from './names.js';
import type { MatchConfig } from './types.js';

/** An order with everything the matcher compares precomputed once. */
export interface PreparedOrder {
  order: Order;
  /** Position in the index, so a lookup can mark orders already judged without a Set per payment. */
  slot: number;
  createdMs: number;
  /** Normalised billing phone; null when missing, masked or unreadable. */
  phone: string | null;
  names: string[];
  /** Upper-case tokens from the customer note and the configured meta keys (where codes get typed). */
  codeTokens: ReadonlySet<string>;
  /** The references a Paybill payer could type for this order: its number and its id. */
  refs: string[];
  /** Set when the order can never be a candidate; such orders are indexed only to explain near misses. */
  issue: string | null;
  /** What the customer declared at checkout (see `DECLARED_META`); null / empty when nothing was. */
  declared: Declared | null;
}

/** The smsmatch checkout's order meta: the number the customer pays from, the name on it, a code typed later. */
export const DECLARED_META = { phone: '_smsmatch_phone', payerName: '_smsmatch_payer_name', code: '_smsmatch_entered_code' } as const;

export interface Declared {
  /** Normalised number the customer said they pay from (never masked). */
  phone: string | null;
  /** Tokens of the name on that account, when the customer gave one. */
  names: string[];
  /** The name as typed, for explanations. */
  payerName: string;
  /** Upper-case code the customer typed on the order page. */
  code: string | null;
}

/**
 * Lookup tables so each payment touches only the orders that share something with it; a shop with
 * 10,000 open orders must not be scanned once per payment.
 */
export interface OrderIndex {
  byCode: Map<string, PreparedOrder[]>;
  byRef: Map<string, PreparedOrder[]>;
  byPhone: Map<string, PreparedOrder[]>;
  /** Key: `phoneTailKey` of the last two or three digits of the phone, for masked payer numbers. */
  byPhoneTail: Map<number, PreparedOrder[]>;
  /** Name and amount tables, built on first use: most batches never need weak evidence. */
  weak(): WeakIndex;
  /** Per-slot stamp of the last lookup that judged the order (see `nextLookup`). */
  marks: Int32Array;
  lookup: number;
}

/** Starts a lookup: an order is new to it while `marks[slot] !== lookup`. */
export function nextLookup(index: OrderIndex): number {
  index.lookup += 1;
  return index.lookup;
}

export interface WeakIndex {
  /** Every full billing name. */
  byName: Map<string, PreparedOrder[]>;
  /** Pairs of billing names as written (see `namePairKeys`), so a two-name payer meets only orders sharing both. */
  byNamePair: Map<string, PreparedOrder[]>;
  /** Orders whose billing name is a single word (one name in common is all they can offer). */
  bySingleName: Map<string, PreparedOrder[]>;
  /** Key: currency + total in minor units; each list sorted oldest first. */
  byAmount: Map<string, PreparedOrder[]>;
}

export function normaliseRef(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** `ORDER1042`, `#1042`, `INV-1042` → `1042`; anything that is not letters-then-digits stays as it is. */
export function refVariants(raw: string, stripLetters: boolean): string[] {
  const ref = normaliseRef(raw);
  if (!ref) return [];
  const out = [ref];
  const stripped = /^[A-Z]+(\d+)$/.exec(ref)?.[1];
  if (stripLetters && stripped) out.push(stripped);
  return out.map((r) => r.replace(/^0+(?=\d)/, ''));
}

export function amountKey(currency: string, minor: number): string {
  return `${currency}:${minor}`;
}

/**
 * Index key of a phone's all-digit tail of two or three characters (Safaricom shows three, other masks two):
 * the length, digit count and tail packed in one number, so indexing 10,000 phones builds no key strings.
 */
export function phoneTailKey(phone: string, digits: 2 | 3): number | null {
  if (phone.length < digits) return null;
  let tail = 0;
  for (let i = phone.length - digits; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    tail = tail * 10 + (c - 48);
  }
  return phone.length * 10_000 + (digits === 3 ? 1000 : 0) + tail;
}

function tokensOf(text: string): string[] {
  return text.toUpperCase().split(/[^A-Z0-9]+/).filter((t) => t.length >= 6);
}

function push<K>(map: Map<K, PreparedOrder[]>, key: K, order: PreparedOrder): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== order) list.push(order);
  } else map.set(key, [order]);
}

/** Why an order can never take a payment in this run (status, method, transaction id, date), or null. */
export function staticIssue(order: Order, config: MatchConfig, createdMs = Date.parse(order.createdAt)): string | null {
  if (!config.statuses.includes(order.status)) return `its status is ${order.status}`;
  if (order.transactionId.trim() !== '') return `it already carries transaction id ${order.transactionId}`;
  if (config.paymentMethods.length > 0 && !config.paymentMethods.includes(order.paymentMethod)) {
    return `its payment method ${order.paymentMethod || '(none)'} is not one of ${config.paymentMethods.join(', ')}`;
  }
  if (Number.isNaN(createdMs)) return 'its creation date is unreadable';
  return order.totalMinor > 0 ? null : 'its total is zero';
}

const NO_TOKENS: ReadonlySet<string> = new Set();

/** Billing names index as written: a full name as itself, an initial as `^J`. */
function asWritten(token: string): string[] {
  return [token.length > 1 ? token : `^${token}`];
}

/** Billing names repeat across a shop: tokenise each first/last pair once per run (the lists are only read). */
type NameCache = Map<string, Map<string, string[]>>;

function billingNames(cache: NameCache, first: string, last: string): string[] {
  let byLast = cache.get(first);
  if (!byLast) cache.set(first, (byLast = new Map<string, string[]>()));
  let names = byLast.get(last);
  if (!names) byLast.set(last, (names = nameTokens(`${first} ${last}`)));
  return names;
}

const DIGITS = /^\d+$/;

/** Reads the declaration; most orders have none, so this is three failed property reads for them. */
function declaredOf(order: Order, config: MatchConfig, tokens: string[]): Declared | null {
  if (!config.useDeclared) return null;
  const rawPhone = order.meta[DECLARED_META.phone];
  const payerName = (order.meta[DECLARED_META.payerName] ?? '').trim();
  const rawCode = order.meta[DECLARED_META.code];
  if (!rawPhone && !payerName && !rawCode) return null;
  const phone = rawPhone ? normalisePhone(rawPhone, config.callingCode) : null;
  // The plugin stores the code whole (upper case, no spaces); dotted Airtel codes must stay one token.
  const code = rawCode ? rawCode.toUpperCase().replace(/\s+/g, '') || null : null;
  if (code) tokens.push(code);
  return { phone: phone && !phone.includes('*') ? phone : null, names: nameTokens(payerName), payerName, code };
}

export function prepareOrder(order: Order, config: MatchConfig, slot = 0, names: NameCache = new Map()): PreparedOrder {
  const phone = order.billing.phone ? normalisePhone(order.billing.phone, config.callingCode) : null;
  const tokens = order.customerNote ? tokensOf(order.customerNote) : [];
  for (const key of config.codeMetaKeys) {
    const value = order.meta[key];
    if (value) tokens.push(...tokensOf(value));
  }
  const id = String(order.id);
  const number = DIGITS.test(order.number) ? [order.number.charCodeAt(0) === 48 ? order.number.replace(/^0+(?=\d)/, '') : order.number] : refVariants(order.number, false);
  const createdMs = Date.parse(order.createdAt);
  if (!number.includes(id)) number.push(id);
  const declared = declaredOf(order, config, tokens);
  return {
    order,
    slot,
    createdMs,
    phone: phone && !phone.includes('*') ? phone : null,
    names: billingNames(names, order.billing.firstName, order.billing.lastName),
    codeTokens: tokens.length > 0 ? new Set(tokens) : NO_TOKENS,
    refs: number,
    issue: staticIssue(order, config, createdMs),
    declared,
  };
}

function buildWeakIndex(prepared: readonly PreparedOrder[]): WeakIndex {
  const weak: WeakIndex = { byName: new Map(), byNamePair: new Map(), bySingleName: new Map(), byAmount: new Map() };
  // Orders share name lists (see `billingNames`), so their pair keys are worked out once per list.
  const pairs = new Map<readonly string[], string[]>();
  for (const p of prepared) {
    // Closed orders are indexed only for explaining strong near misses, never for names or amounts.
    if (p.issue) continue;
    for (const n of p.names) if (n.length > 1) push(weak.byName, n, p);
    let keys = pairs.get(p.names);
    if (!keys) pairs.set(p.names, (keys = namePairKeys(p.names, asWritten)));
    for (const key of keys) push(weak.byNamePair, key, p);
    if (p.names.length === 1 && (p.names[0] ?? '').length > 1) push(weak.bySingleName, p.names[0] as string, p);
    push(weak.byAmount, amountKey(p.order.currency, p.order.totalMinor), p);
    // A relative's name declared at checkout is looked up like a billing name (it can send a payment to review).
    const d = p.declared;
    if (d && d.names.length > 0) {
      for (const n of d.names) if (n.length > 1) push(weak.byName, n, p);
      for (const key of namePairKeys(d.names, asWritten)) push(weak.byNamePair, key, p);
      if (d.names.length === 1 && (d.names[0] ?? '').length > 1) push(weak.bySingleName, d.names[0] as string, p);
    }
  }
  for (const list of weak.byAmount.values()) list.sort((a, b) => a.createdMs - b.createdMs || a.order.id - b.order.id);
  return weak;
}

function indexPhone(index: OrderIndex, phone: string, p: PreparedOrder): void {
  push(index.byPhone, phone, p);
  const tail2 = phoneTailKey(phone, 2);
  const tail3 = phoneTailKey(phone, 3);
  if (tail2 !== null) push(index.byPhoneTail, tail2, p);
  if (tail3 !== null) push(index.byPhoneTail, tail3, p);
}

export function buildOrderIndex(orders: readonly Order[], config: MatchConfig): OrderIndex {
  const names: NameCache = new Map();
  const prepared = orders.map((o, i) => prepareOrder(o, config, i, names));
  let weak: WeakIndex | null = null;
  const index: OrderIndex = {
    byCode: new Map(), byRef: new Map(), byPhone: new Map(), byPhoneTail: new Map(),
    weak: () => (weak ??= buildWeakIndex(prepared)),
    marks: new Int32Array(prepared.length),
    lookup: 0,
  };
  for (const p of prepared) {
    for (const t of p.codeTokens) push(index.byCode, t, p);
    for (const r of p.refs) push(index.byRef, r, p);
    if (p.phone) indexPhone(index, p.phone, p);
    const declared = p.declared?.phone;
    if (declared && declared !== p.phone) indexPhone(index, declared, p);
  }
  return index;
}

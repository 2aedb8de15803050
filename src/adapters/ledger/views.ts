import type { ArchiveIndex } from './archive.js';
import { decisionForState, isConfirmedState, sumPartials } from './payments.js';
import type { DecisionKind, StoredPayment } from './types.js';

/**
 * Read-only views that put the small hot-file maps over the large archive index without copying it, so
 * handing history to the engine costs the hot file's size, not the archive's.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly top: ReadonlyMap<K, V>,
    private readonly bottom: ReadonlyMap<K, V>,
  ) {}

  get(key: K): V | undefined {
    return this.top.get(key) ?? this.bottom.get(key);
  }

  has(key: K): boolean {
    return this.top.has(key) || this.bottom.has(key);
  }

  get size(): number {
    let n = this.top.size;
    for (const k of this.bottom.keys()) if (!this.top.has(k)) n += 1;
    return n;
  }

  *entries(): MapIterator<[K, V]> {
    yield* this.top.entries();
    for (const [k, v] of this.bottom) if (!this.top.has(k)) yield [k, v];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

export class UnionSet<T> implements ReadonlySet<T> {
  constructor(
    private readonly a: ReadonlySet<T>,
    private readonly b: ReadonlySet<T>,
  ) {}

  has(value: T): boolean {
    return this.a.has(value) || this.b.has(value);
  }

  get size(): number {
    let n = this.a.size;
    for (const v of this.b) if (!this.a.has(v)) n += 1;
    return n;
  }

  *values(): SetIterator<T> {
    yield* this.a.values();
    for (const v of this.b) if (!this.a.has(v)) yield v;
  }

  keys(): SetIterator<T> {
    return this.values();
  }

  *entries(): SetIterator<[T, T]> {
    for (const v of this.values()) yield [v, v];
  }

  forEach(fn: (value: T, key: T, set: ReadonlySet<T>) => void): void {
    for (const v of this.values()) fn(v, v, this);
  }

  [Symbol.iterator](): SetIterator<T> {
    return this.values();
  }
}

/** Structurally the matching engine's `MatchHistory`. */
export interface LedgerHistory {
  codes: ReadonlyMap<string, { messageId: string; decision: DecisionKind; orderId: number | null }>;
  partials: ReadonlyMap<number, { paidMinor: number; codes: string[] }>;
  confirmedOrders: ReadonlySet<number>;
}

export function buildHistory(payments: StoredPayment[], index: ArchiveIndex): LedgerHistory {
  const codes = new Map<string, { messageId: string; decision: DecisionKind; orderId: number | null }>();
  const confirmed = new Set<number>();
  for (const p of payments) {
    if (p.orderId !== null && isConfirmedState(p.state)) confirmed.add(p.orderId);
    // A late duplicate of an archived code says less than the archived original.
    if (p.state === 'duplicate' && index.codes.has(p.key)) continue;
    codes.set(p.key, { messageId: p.messageId, decision: decisionForState(p.state), orderId: p.orderId });
  }
  return {
    codes: new LayeredMap(codes, index.codes),
    partials: sumPartials(payments),
    confirmedOrders: new UnionSet(confirmed, index.confirmedOrders),
  };
}

/** Keys matching what a person typed: the exact key, or `<provider>:<CODE>` for a bare code (case-insensitive). */
export function keysForCode(input: string, hot: Iterable<string>, archived: Iterable<string>): string[] {
  const typed = input.trim();
  if (typed === '') return [];
  const exact = typed.startsWith('msg:') ? typed : typed.includes(':') ? `${typed.slice(0, typed.indexOf(':')).toLowerCase()}:${typed.slice(typed.indexOf(':') + 1).toUpperCase()}` : null;
  const bare = `:${typed.toUpperCase()}`;
  const found = new Set<string>();
  for (const keys of [hot, archived]) {
    for (const key of keys) {
      if (exact !== null ? key === exact : !key.startsWith('msg:') && key.endsWith(bare) && key.indexOf(':') === key.length - bare.length) found.add(key);
    }
  }
  return [...found].sort();
}

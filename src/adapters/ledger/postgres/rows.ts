import type { LedgerData } from '../types.js';

/** The three record maps stored one row per record; the rest of the ledger is one `meta` JSON per shop. */
export const TABLES = { messages: 'smsmatch_messages', payments: 'smsmatch_payments', writes: 'smsmatch_writes' } as const;
export type Section = keyof typeof TABLES;
export const SECTIONS = Object.keys(TABLES) as Section[];
/** The key column of each table (`key` for payments, `id` otherwise). */
export const KEY_COLUMN: Record<Section, string> = { messages: 'id', payments: 'key', writes: 'id' };

export type Meta = Omit<LedgerData, Section>;

/** What was last saved (or loaded): record JSON per key, and the meta JSON. */
export interface Snapshot {
  records: Record<Section, Map<string, string>>;
  meta: string | null;
}

export function emptySnapshot(): Snapshot {
  return { records: { messages: new Map(), payments: new Map(), writes: new Map() }, meta: null };
}

export interface Changes {
  upserts: Record<Section, { keys: string[]; bodies: string[] }>;
  deletes: Record<Section, string[]>;
  meta: string | null;
  bytes: number;
  /** The snapshot to keep once these changes are committed. */
  next: Snapshot;
}

export function metaOf(data: LedgerData): Meta {
  const { messages: _m, payments: _p, writes: _w, ...meta } = data;
  return meta;
}

/**
 * The rows that differ from the snapshot, computed synchronously (the caller may change `data` while the
 * transaction runs; those changes count as unsaved). Costs one JSON.stringify per record, like the hot file.
 */
export function diff(data: LedgerData, prev: Snapshot): Changes {
  const next = emptySnapshot();
  const changes: Changes = {
    upserts: { messages: { keys: [], bodies: [] }, payments: { keys: [], bodies: [] }, writes: { keys: [], bodies: [] } },
    deletes: { messages: [], payments: [], writes: [] }, meta: null, bytes: 0, next,
  };
  for (const section of SECTIONS) {
    const before = prev.records[section];
    const now = next.records[section];
    for (const [key, record] of Object.entries(data[section])) {
      const body = JSON.stringify(record);
      now.set(key, body);
      if (before.get(key) === body) continue;
      changes.upserts[section].keys.push(key);
      changes.upserts[section].bodies.push(body);
      changes.bytes += body.length;
    }
    for (const key of before.keys()) if (!now.has(key)) changes.deletes[section].push(key);
  }
  const meta = JSON.stringify(metaOf(data));
  next.meta = meta;
  if (meta !== prev.meta) {
    changes.meta = meta;
    changes.bytes += meta.length;
  }
  return changes;
}

export function isEmpty(c: Changes): boolean {
  return c.meta === null && SECTIONS.every((s) => c.upserts[s].keys.length === 0 && c.deletes[s].length === 0);
}

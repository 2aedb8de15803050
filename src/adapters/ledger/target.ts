import type { Ledger } from './ledger.js';
import { openLedger, openWithStore, type OpenLedgerOptions } from './open-ledger.js';
import { PgLedgerStore } from './postgres/store.js';
import { describeUrl } from './postgres/pool.js';

/** Where one shop's ledger lives: a lowdb file, or rows keyed by shop in a PostgreSQL database. */
export type LedgerTarget = { kind: 'file'; path: string } | { kind: 'postgres'; url: string; shop: string };

/** The one way the app opens a ledger; it never learns which store is underneath. */
export function openLedgerAt(target: LedgerTarget, opts: OpenLedgerOptions = {}): Promise<Ledger> {
  if (target.kind === 'file') return openLedger(target.path, opts);
  return openWithStore((o) => PgLedgerStore.open(target.url, target.shop, o), opts);
}

/** For messages and `status`: a path, or `postgres://host/db#shop` without credentials. */
export function targetLabel(target: LedgerTarget): string {
  return target.kind === 'file' ? target.path : `${describeUrl(target.url)}#${target.shop}`;
}

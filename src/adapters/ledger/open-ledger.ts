import type { LedgerCache } from './cache.js';
import { FileLedgerStore } from './file-store.js';
import type { TextAdapterFactory } from './hot-file.js';
import { Ledger } from './ledger.js';
import type { Migration } from './schema.js';
import type { LedgerStore } from './store.js';

export interface OpenLedgerOptions {
  clock?: () => Date;
  /** Settled payments older than this leave the hot file for the monthly archives. Default 30. */
  retentionDays?: number;
  /** No lock, no writes ever (for `status`, `review`, `--dry-run`); `commit()` becomes a no-op. */
  readOnly?: boolean;
  /** Recorded in the lock file so a blocked run can say who holds it. */
  command?: string;
  /** Fault injection and byte counting under the real steno writer (tests, bench; lowdb ledgers only). */
  textAdapter?: TextAdapterFactory;
  /** Replaces the migration table (tests of the migration mechanism; lowdb ledgers only). */
  migrations?: Readonly<Record<number, Migration>>;
  /** Keeps the hot data and archive index between opens of one process (the daemon); ignored when read-only. */
  cache?: LedgerCache;
}

/**
 * Where a shop's ledger lives: a lowdb file path, or a store someone else opened (the PostgreSQL ledger, see
 * `openStore` in ./target.ts). Callers outside the ledger adapter normally pass a `LedgerTarget` to
 * `openLedgerAt` and never see the store.
 */
export type StoreOpener = (opts: { readOnly: boolean; command: string; now: Date }) => Promise<LedgerStore>;

/**
 * Opens the ledger at `path` (a lowdb file): takes `<path>.lock` (unless read-only), reads and checks the hot
 * file (a corrupt, unknown or newer file is refused untouched), migrates an older schema in memory, and loads
 * the archive index.
 */
export async function openLedger(path: string, opts: OpenLedgerOptions = {}): Promise<Ledger> {
  return openWithStore((o) => FileLedgerStore.open(path, {
    ...o, ...(opts.textAdapter ? { textAdapter: opts.textAdapter } : {}), ...(opts.migrations ? { migrations: opts.migrations } : {}),
  }), opts);
}

/** The same open over any store: lock or lease first, then the hot data (from the cache when unchanged). */
export async function openWithStore(opener: StoreOpener, opts: OpenLedgerOptions = {}): Promise<Ledger> {
  const clock = opts.clock ?? (() => new Date());
  const readOnly = opts.readOnly ?? false;
  const store = await opener({ readOnly, command: opts.command ?? 'smsmatch', now: clock() });
  try {
    const cache = readOnly ? null : (opts.cache ?? null);
    const stamps = cache ? await store.stamps() : null;
    const cached = cache && stamps ? cache.hot(stamps.hot) : null;
    const { data, dirty } = cached ? { data: cached, dirty: false } : await store.load(clock());
    if (cached) store.adopt?.(cached);
    const index = (cache && stamps ? cache.index(stamps.index) : null) ?? await store.loadIndex();
    const warnings = [...(store.lockWarning ? [store.lockWarning] : []), ...(cached ? [] : await store.warnings())];
    return new Ledger({ store, data, index, clock, retentionDays: opts.retentionDays ?? 30, dirty: dirty && !readOnly, warnings, cache });
  } catch (error) {
    await store.release();
    throw error;
  }
}

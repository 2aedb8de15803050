import { copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { archiveDir, INDEX_FILE, loadArchiveIndex } from './archive.js';
import { stampOf, type LedgerCache } from './cache.js';
import { ensureDir, ioErrorFor, LedgerFile, permissionWarnings, type TextAdapterFactory } from './hot-file.js';
import { Ledger } from './ledger.js';
import { acquireLock, type LockHandle } from './lock.js';
import { LEDGER_MIGRATIONS, migrateLedgerData, type Migration } from './schema.js';
import { emptyLedgerData, type LedgerData } from './types.js';

export interface OpenLedgerOptions {
  clock?: () => Date;
  /** Settled payments older than this leave the hot file for the monthly archives. Default 30. */
  retentionDays?: number;
  /** No lock, no writes ever (for `status`, `review`, `--dry-run`); `commit()` becomes a no-op. */
  readOnly?: boolean;
  /** Recorded in the lock file so a blocked run can say who holds it. */
  command?: string;
  /** Fault injection and byte counting under the real steno writer (tests, bench). */
  textAdapter?: TextAdapterFactory;
  /** Replaces the migration table (tests of the migration mechanism). */
  migrations?: Readonly<Record<number, Migration>>;
  /** Keeps the hot data and archive index between opens of one process (the daemon); ignored when read-only. */
  cache?: LedgerCache;
}

async function loadData(file: LedgerFile, now: Date, opts: OpenLedgerOptions, readOnly: boolean): Promise<{ data: LedgerData; dirty: boolean }> {
  const raw = await file.read();
  if (raw === null) return { data: emptyLedgerData(now.toISOString()), dirty: true };
  const { data, migratedFrom } = migrateLedgerData(file.file, raw, opts.migrations ?? LEDGER_MIGRATIONS);
  if (migratedFrom !== null && !readOnly) {
    // Keep the pre-migration file: the migrated shape replaces it on the next commit.
    await copyFile(file.file, `${file.file}.v${migratedFrom}.bak`).catch((error: unknown) => {
      throw ioErrorFor('back up', file.file, error);
    });
  }
  return { data, dirty: migratedFrom !== null };
}

/**
 * Opens the ledger at `path`: takes `<path>.lock` (unless read-only), reads and checks the hot file (a corrupt,
 * unknown or newer file is refused untouched), migrates an older schema in memory, and loads the archive index.
 */
export async function openLedger(path: string, opts: OpenLedgerOptions = {}): Promise<Ledger> {
  const file = resolve(path);
  const clock = opts.clock ?? (() => new Date());
  const readOnly = opts.readOnly ?? false;
  let lock: LockHandle | null = null;
  if (!readOnly) {
    await ensureDir(dirname(file));
    lock = await acquireLock(file, opts.command ?? 'smsmatch', clock());
  }
  try {
    const hot = new LedgerFile(file, opts.textAdapter);
    const cache = readOnly ? null : (opts.cache ?? null);
    const cached = cache ? cache.hot(await stampOf(file)) : null;
    const { data, dirty } = cached ? { data: cached, dirty: false } : await loadData(hot, clock(), opts, readOnly);
    const dir = archiveDir(file);
    const indexFile = join(dir, INDEX_FILE);
    const index = (cache ? cache.index(await stampOf(indexFile)) : null) ?? await loadArchiveIndex(dir).catch((error: unknown) => {
      throw ioErrorFor('read the archive index of', file, error);
    });
    const low = new Low<LedgerData>(hot, data);
    const warnings = [...(lock?.warning ? [lock.warning] : []), ...(cached ? [] : await permissionWarnings(file))];
    return new Ledger({
      path: file, low, file: hot, index, archiveDir: dir, lock, clock, retentionDays: opts.retentionDays ?? 30,
      dirty: dirty && !readOnly, warnings, cache, indexFile,
    });
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

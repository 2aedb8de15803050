import type pg from 'pg';
import { acquireLock, type LockHandle } from '../../adapters/ledger/index.js';
import { digestDifferences, sourceDigest, type LedgerDigest } from '../../adapters/ledger/digest.js';
import { readWholeFileLedger, requireLedgerFile } from '../../adapters/ledger/file-export.js';
import { importShop, type ExistingRows } from '../../adapters/ledger/postgres/import.js';
import { BusyError, IoError } from '../../errors.js';
import { acquireDaemonLock } from '../daemon/daemon-lock.js';

export interface MigrateInput {
  from: string;
  url: string;
  shop: string;
  force: boolean;
  now: Date;
  /** Test seam (see importShop): alter the copy before it is verified. */
  afterCopy?: (client: pg.PoolClient) => Promise<void>;
}

export interface MigrateReport {
  from: string;
  shop: string;
  months: number;
  tornLines: number;
  /** What was compared: the lowdb ledger's digest, equal to what PostgreSQL returned. */
  digest: LedgerDigest;
  replaced: ExistingRows | null;
  ms: number;
}

/**
 * `ledger migrate`: the lowdb ledger (hot file and archives) into PostgreSQL as one verified transaction. Both
 * lowdb locks are held throughout (no daemon or reconcile can change the file meanwhile) and the PostgreSQL
 * side refuses a shop whose lease or ownership a daemon holds. The lowdb files are only read.
 */
export async function migrateLedger(input: MigrateInput): Promise<MigrateReport> {
  const t0 = Date.now();
  const locks: LockHandle[] = [];
  await requireLedgerFile(input.from);
  try {
    locks.push(await refusingBusy(() => acquireDaemonLock(input.from, input.now), input.from));
    locks.push(await refusingBusy(() => acquireLock(input.from, 'smsmatch ledger migrate', input.now), input.from));
    const source = await readWholeFileLedger(input.from);
    const expected = sourceDigest(source.data, source.archive);
    const result = await importShop({
      url: input.url, shop: input.shop, data: source.data, archive: source.archive, force: input.force,
      command: 'smsmatch ledger migrate', now: input.now, ...(input.afterCopy ? { afterCopy: input.afterCopy } : {}),
      verify: (read) => {
        const differences = digestDifferences(expected, read);
        if (differences.length === 0) return;
        throw new IoError(`the copy re-read from PostgreSQL does not match ${input.from}: ${differences.join('; ')}; it was rolled back`, {
          hint: `PostgreSQL was left as it was before (no copy of shop ${input.shop}) and the lowdb ledger untouched; run the migration again, and report it if this repeats`,
        });
      },
    });
    return { from: input.from, shop: input.shop, months: source.months.length, tornLines: source.tornLines, digest: result.read, replaced: result.replaced, ms: Date.now() - t0 };
  } finally {
    for (const lock of locks.reverse()) await lock.release();
  }
}

/** A busy lowdb ledger, said the migration's way: what holds it, and to stop it first. */
async function refusingBusy<T>(fn: () => Promise<T>, from: string): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    throw new BusyError(`cannot migrate while the ledger is in use: ${error.message}`, {
      cause: error, hint: `stop the daemon (systemctl stop smsmatch) or the run using ${from} first; nothing was copied`,
    });
  }
}

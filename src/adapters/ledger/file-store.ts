import { copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { appendArchive, archiveDir, findArchived, INDEX_FILE, loadArchiveIndex, type ArchiveIndex, type ArchiveLine } from './archive.js';
import { fileStamp } from './cache.js';
import { ensureDir, ioErrorFor, LedgerFile, permissionWarnings, type TextAdapterFactory } from './hot-file.js';
import { acquireLock, type LockHandle } from './lock.js';
import { LEDGER_MIGRATIONS, migrateLedgerData, type Migration } from './schema.js';
import type { LedgerStore } from './store.js';
import { emptyLedgerData, type LedgerData } from './types.js';

export interface FileStoreOptions {
  readOnly: boolean;
  command: string;
  now: Date;
  textAdapter?: TextAdapterFactory;
  migrations?: Readonly<Record<number, Migration>>;
}

/**
 * The lowdb ledger: one compact JSON hot file rewritten whole through steno (temp file + rename), a lock file
 * beside it, and monthly JSON Lines archives with an append-only code index in `archive/`.
 */
export class FileLedgerStore implements LedgerStore {
  readonly location: string;
  readonly writable: boolean;
  readonly lockWarning: string | null;
  readonly #file: LedgerFile;
  readonly #lock: LockHandle | null;
  readonly #dir: string;
  readonly #indexFile: string;
  readonly #migrations: Readonly<Record<number, Migration>>;

  private constructor(path: string, lock: LockHandle | null, opts: FileStoreOptions) {
    this.location = path;
    this.writable = lock !== null;
    this.lockWarning = lock?.warning ?? null;
    this.#lock = lock;
    this.#file = new LedgerFile(path, opts.textAdapter);
    this.#dir = archiveDir(path);
    this.#indexFile = join(this.#dir, INDEX_FILE);
    this.#migrations = opts.migrations ?? LEDGER_MIGRATIONS;
  }

  /** Takes `<path>.lock` unless read-only (a live holder gives BusyError, exit 75). */
  static async open(path: string, opts: FileStoreOptions): Promise<FileLedgerStore> {
    const file = resolve(path);
    let lock: LockHandle | null = null;
    if (!opts.readOnly) {
      await ensureDir(dirname(file));
      lock = await acquireLock(file, opts.command, opts.now);
    }
    return new FileLedgerStore(file, lock, opts);
  }

  get counters(): { writes: number; bytesWritten: number } {
    return { writes: this.#file.writes, bytesWritten: this.#file.bytesWritten };
  }

  async load(now: Date): Promise<{ data: LedgerData; dirty: boolean }> {
    const raw = await this.#file.read();
    if (raw === null) return { data: emptyLedgerData(now.toISOString()), dirty: true };
    const { data, migratedFrom } = migrateLedgerData(this.location, raw, this.#migrations);
    if (migratedFrom !== null && this.writable) {
      // Keep the pre-migration file: the migrated shape replaces it on the next commit.
      await copyFile(this.location, `${this.location}.v${migratedFrom}.bak`).catch((error: unknown) => {
        throw ioErrorFor('back up', this.location, error);
      });
    }
    return { data, dirty: migratedFrom !== null };
  }

  loadIndex(): Promise<ArchiveIndex> {
    return loadArchiveIndex(this.#dir).catch((error: unknown) => {
      throw ioErrorFor('read the archive index of', this.location, error);
    });
  }

  save(data: LedgerData): Promise<void> {
    return this.#file.write(data);
  }

  async appendArchive(lines: ArchiveLine[], index: ArchiveIndex): Promise<void> {
    try {
      await appendArchive(this.#dir, lines, index);
    } catch (error) {
      throw ioErrorFor('archive settled payments of', this.location, error);
    }
  }

  findArchived(index: ArchiveIndex, key: string): Promise<ArchiveLine | null> {
    return findArchived(this.#dir, index, key);
  }

  async stamps(): Promise<{ hot: string | null; index: string | null }> {
    return { hot: await fileStamp(this.location), index: await fileStamp(this.#indexFile) };
  }

  warnings(): Promise<string[]> {
    return permissionWarnings(this.location);
  }

  async release(): Promise<void> {
    await this.#lock?.release();
  }
}

import { stat } from 'node:fs/promises';
import type { ArchiveIndex } from './archive.js';
import type { LedgerData } from './types.js';

/** Enough of a file's identity to tell that another process replaced it (steno renames a new inode in). */
export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export async function stampOf(file: string): Promise<FileStamp | null> {
  const st = await stat(file).catch(() => null);
  return st ? { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs } : null;
}

/** A file's stamp as the opaque string the cache compares (null: the file does not exist). */
export async function fileStamp(file: string): Promise<string | null> {
  const s = await stampOf(file);
  return s ? `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}` : null;
}

interface Kept<T> {
  value: T;
  stamp: string;
}

/**
 * Lets a long-running process (the daemon) open the ledger every tick without re-reading it: the hot data and
 * the archive index are kept from the last clean close and reused while the store still carries the stamp we
 * last read or wrote (a file's inode/size/mtime, a PostgreSQL row version). Anything another process wrote
 * (a cron `reconcile`, `assign`) changes the stamp and is read afresh. A ledger closed with unsaved changes
 * drops the cache: memory no longer equals the store.
 */
export class LedgerCache {
  #hot: Kept<LedgerData> | null = null;
  // The index may not exist yet (nothing archived): a null stamp is kept too, meaning "still absent".
  #index: { value: ArchiveIndex; stamp: string | null } | null = null;
  #lastCompactCheck: string | null = null;
  readonly counts = { hotReads: 0, hotReused: 0, indexReads: 0, indexReused: 0 };

  /** The kept hot data if the store still carries the stamp it had when we kept it. */
  hot(stamp: string | null): LedgerData | null {
    if (this.#hot && stamp !== null && this.#hot.stamp === stamp) {
      this.counts.hotReused += 1;
      return this.#hot.value;
    }
    this.counts.hotReads += 1;
    this.#hot = null;
    return null;
  }

  index(stamp: string | null): ArchiveIndex | null {
    if (this.#index && this.#index.stamp === stamp) {
      this.counts.indexReused += 1;
      return this.#index.value;
    }
    this.counts.indexReads += 1;
    this.#index = null;
    return null;
  }

  get lastCompactCheck(): string | null {
    return this.#lastCompactCheck;
  }

  /** Called at close while the lock is still held, so nobody can change the store between stamp and keep. */
  keep(parts: { data: LedgerData; hot: string | null; index: ArchiveIndex; indexStamp: string | null; lastCompactCheck: string | null }): void {
    this.#hot = parts.hot ? { value: parts.data, stamp: parts.hot } : null;
    this.#index = { value: parts.index, stamp: parts.indexStamp };
    this.#lastCompactCheck = parts.lastCompactCheck;
  }

  clear(): void {
    this.#hot = null;
    this.#index = null;
  }
}

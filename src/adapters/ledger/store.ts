import type { ArchiveIndex, ArchiveLine } from './archive.js';
import type { LedgerData } from './types.js';

/**
 * Where a ledger's bytes live: the lowdb hot file with its monthly archives, or PostgreSQL rows keyed by shop.
 * The Ledger keeps the hot data in memory and decides everything; a store only loads, saves durably and
 * archives, so both implementations keep the same exactly-once rule: `save` resolves only once the data is
 * durable (an intent is on disk or committed before the order write it announces).
 */
export interface LedgerStore {
  /** For messages: the hot file's path, or `postgres://host/db#shop` without credentials. */
  readonly location: string;
  /** False when opened without the lock/lease (status, review, --dry-run): `save` is then never called. */
  readonly writable: boolean;
  /** Set when the lock or lease was taken over from a dead holder (the caller logs it). */
  readonly lockWarning: string | null;
  readonly counters: { writes: number; bytesWritten: number };
  /** The hot data (an empty ledger when none exists yet: dirty), checked and migrated to the current schema. */
  load(now: Date): Promise<{ data: LedgerData; dirty: boolean }>;
  loadIndex(): Promise<ArchiveIndex>;
  /** The daemon's cache hands back data this store did not load (still equal to what is stored). */
  adopt?(data: LedgerData): void;
  /** Serialises `data` synchronously before the first await, so later changes count as unsaved. */
  save(data: LedgerData): Promise<void>;
  /** Archive lines become durable (and join `index`) before the hot data drops them. */
  appendArchive(lines: ArchiveLine[], index: ArchiveIndex): Promise<void>;
  findArchived(index: ArchiveIndex, key: string): Promise<ArchiveLine | null>;
  /** What identifies the stored hot data and archive index now (null: absent), for the daemon's cache. */
  stamps(): Promise<{ hot: string | null; index: string | null }>;
  /** Security warnings about where the data lives (file modes). */
  warnings(): Promise<string[]>;
  /** Releases the lock or lease. */
  release(): Promise<void>;
}

export { openLedger, type OpenLedgerOptions } from './open-ledger.js';
export { Ledger, type LedgerHistory } from './ledger.js';
export { LedgerCache, stampOf, type FileStamp } from './cache.js';
export { acquireLock, lockPathFor, type LockHandle, type LockInfo } from './lock.js';
export { paymentKey } from './payments.js';
export { archiveDir, findArchived, listArchiveMonths, readArchiveMonth, type ArchiveLine } from './archive.js';
export { LEDGER_MIGRATIONS, migrateLedgerData, type Migration } from './schema.js';
export type { TextAdapterFactory } from './hot-file.js';
export * from './types.js';

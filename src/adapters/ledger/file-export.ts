import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, IoError } from '../../errors.js';
import { archiveDir, listArchiveMonths, parseArchiveRow, type ArchiveLine } from './archive.js';
import { ioErrorFor, LedgerFile } from './hot-file.js';
import { migrateLedgerData } from './schema.js';
import type { LedgerData } from './types.js';

export interface WholeFileLedger {
  data: LedgerData;
  /** Every archived payment once (a line repeated by a crash between archive and hot save: the last copy). */
  archive: Array<{ line: ArchiveLine; text: string }>;
  months: string[];
  /** Appends cut short by a crash (an unterminated last line, or a fragment the next append was glued onto). */
  tornLines: number;
}

/**
 * A lowdb ledger in full, for moving it elsewhere: the hot file (checked and migrated as on open) and every
 * monthly archive. Stricter than the daemon's reader, which skips any unreadable archive line: here only a
 * torn last line is skipped, and anything else unreadable is refused, so a copy never silently loses a payment.
 * Each line keeps its exact text: the copy stores what the file holds, not a re-serialisation of it.
 * The caller holds the ledger's locks.
 */
export async function readWholeFileLedger(path: string): Promise<WholeFileLedger> {
  await requireLedgerFile(path);
  const raw = await new LedgerFile(path).read();
  if (raw === null) throw new IoError(`there is no lowdb ledger at ${path}`, { hint: 'pass --from FILE' });
  const { data } = migrateLedgerData(path, raw);
  const dir = archiveDir(path);
  const months = await listArchiveMonths(dir);
  const seen = new Map<string, { line: ArchiveLine; text: string }>();
  let tornLines = 0;
  for (const month of months) {
    const file = join(dir, `${month}.jsonl`);
    const content = await readFile(file, 'utf8').catch((error: unknown) => { throw ioErrorFor('read the archive of', file, error); });
    const rows = content.split('\n');
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      if (row.trim() === '') continue;
      const parsed = parseArchiveRow(row);
      if (parsed === null || parsed.torn) {
        // An append cut short by a crash (its payment stayed hot): the unterminated last line, a fragment the
        // next append starts after (appends begin on a line of their own), or one it was glued onto (older
        // files), whose whole line parseArchiveRow gives back. Anything else is damage we do not guess about.
        if (parsed === null && i !== rows.length - 1 && !row.startsWith('{"v":1,')) {
          throw new DataError(`archive ${file} is corrupt at line ${i + 1} (not an archived payment)`, {
            hint: 'restore the archive from a backup; nothing was copied',
          });
        }
        tornLines += 1;
        if (parsed === null) continue;
      }
      const { line, text } = parsed;
      const id = `${line.payment.key}\u0000${line.payment.createdAt}`;
      seen.delete(id);
      seen.set(id, { line, text });
    }
  }
  return { data, archive: [...seen.values()], months, tornLines };
}

/** Refuses a path with no ledger file before anything (a lock, a directory) is created beside it. */
export async function requireLedgerFile(path: string): Promise<void> {
  const st = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw ioErrorFor('read', path, error);
  });
  if (st === null || !st.isFile()) {
    throw new IoError(`there is no lowdb ledger at ${path}${st === null ? '' : ' (not a file)'}`, {
      hint: 'pass --from FILE: the ledger the daemon uses (ledger.path, --state, or STATE_DIR/shops/NAME/ledger.json for a --shops daemon)',
    });
  }
}


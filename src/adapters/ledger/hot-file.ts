import { NEW_LEDGER } from './new-ledger-hint.js';
import { chmod, mkdir, open, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { DataError, IoError } from '../../errors.js';
import type { LedgerData } from './types.js';

/** Lets tests (and the bench) put a fault-injecting or counting layer under the real steno writer. */
export type TextAdapterFactory = (file: string) => Adapter<string>;

const HINTS: Record<string, string> = {
  ENOSPC: 'free some disk space and run again; the previous ledger file is intact',
  EDQUOT: 'raise the disk quota or free space and run again; the previous ledger file is intact',
  EACCES: 'check the owner and mode of the ledger file and its directory',
  EPERM: 'check the owner and mode of the ledger file and its directory',
  EROFS: 'the file system is read-only; move the ledger (--state) to a writable place',
};

export function ioErrorFor(action: string, file: string, error: unknown): IoError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  return new IoError(`cannot ${action} ledger ${file}: ${code} ${(error as Error).message}`, {
    cause: error,
    hint: HINTS[code] ?? 'check the disk and the ledger directory; the previous ledger file is intact',
  });
}

/**
 * The hot file as a lowdb adapter: compact JSON (the whole file is rewritten on every commit, so bytes matter),
 * steno's temp-file + rename underneath, mode 0600 from the first byte, and every failure as one clear error.
 */
export class LedgerFile implements Adapter<LedgerData> {
  readonly file: string;
  writes = 0;
  bytesWritten = 0;
  readonly #text: Adapter<string>;

  constructor(file: string, factory?: TextAdapterFactory) {
    this.file = file;
    this.#text = factory ? factory(file) : new TextFile(file);
  }

  async read(): Promise<LedgerData | null> {
    let text: string | null;
    try {
      text = await this.#text.read();
    } catch (error) {
      throw ioErrorFor('read', this.file, error);
    }
    if (text === null) return null;
    try {
      return JSON.parse(text) as LedgerData;
    } catch (error) {
      throw new DataError(`ledger ${this.file} is corrupt (not valid JSON: ${(error as Error).message})`, {
        cause: error,
        hint: `restore it from a backup, or move it aside (mv ${this.file} ${this.file}.corrupt): ${NEW_LEDGER}; it was left untouched`,
      });
    }
  }

  async write(data: LedgerData): Promise<void> {
    const text = `${JSON.stringify(data)}\n`;
    try {
      await this.#prepareTemp();
      await this.#text.write(text);
      await chmod(this.file, 0o600);
    } catch (error) {
      throw ioErrorFor('write', this.file, error);
    }
    this.writes += 1;
    this.bytesWritten += Buffer.byteLength(text);
  }

  // steno writes `.<name>.tmp` with the default mode; creating it first as 0600 means the renamed file never
  // exists with looser permissions, even for a moment.
  async #prepareTemp(): Promise<void> {
    const temp = join(dirname(this.file), `.${basename(this.file)}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.chmod(0o600);
    } finally {
      await handle.close();
    }
  }
}

export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw ioErrorFor('create the directory of', dir, error);
  }
}

/**
 * Warnings when the ledger or its directory can be read by other users (it holds payer names). World-writable
 * ones are refused: any local user could then mark a forged payment confirmed or move the drop-box cursor.
 */
export async function permissionWarnings(file: string): Promise<string[]> {
  const warnings: string[] = [];
  for (const [path, what, fix] of [[file, 'ledger file', 600], [dirname(file), 'ledger directory', 700]] as const) {
    const st = await stat(path).catch(() => null);
    // A sticky directory (/tmp) only lets others add files, which the lock and temp-file handling survive.
    if (st && (st.mode & 0o002) !== 0 && !(st.isDirectory() && (st.mode & 0o1000) !== 0)) {
      throw new DataError(`${what} ${path} is writable by every user on this machine (mode ${(st.mode & 0o777).toString(8)}); smsmatch will not trust it`, {
        hint: `run: chmod ${fix} ${path}`,
      });
    }
    if (st && (st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
      warnings.push(`${what} ${path} is accessible by group/other (mode ${mode}); run: chmod ${fix} ${path}`);
    }
  }
  return warnings;
}

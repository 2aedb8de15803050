import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { BusyError, IoError } from '../../errors.js';

/** What a lock file holds; written once with O_EXCL so two processes can never both create it. */
export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export interface LockHandle {
  readonly path: string;
  readonly info: LockInfo;
  /** Set when a stale lock was taken over (the caller logs it). */
  readonly warning: string | null;
  release(): Promise<void>;
}

export function lockPathFor(ledgerPath: string): string {
  return `${ledgerPath}.lock`;
}

/** True when a process with this pid exists on this host (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string') {
      return { pid: v.pid, hostname: v.hostname, startedAt: String(v.startedAt ?? '?'), command: String(v.command ?? '?') };
    }
  } catch {
    // fall through: an unreadable lock is treated as held, the safe choice
  }
  return null;
}

async function tryCreate(path: string, info: LockInfo): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new IoError(`cannot create lock file ${path}: ${(error as Error).message}`, { cause: error, hint: 'check that the ledger directory exists and is writable' });
  }
  try {
    await handle.writeFile(`${JSON.stringify(info)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

function busy(path: string, holder: LockInfo | null): BusyError {
  if (!holder) {
    return new BusyError(`ledger is locked by ${path}, which cannot be read`, { hint: `if no smsmatch is running, delete ${path}` });
  }
  const where = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
  return new BusyError(`ledger is busy: pid ${holder.pid}${where} (${holder.command}) holds ${path} since ${holder.startedAt}`, {
    hint: holder.hostname === hostname() ? 'wait for it to finish; cron can simply retry' : `if ${holder.hostname} no longer runs smsmatch, delete ${path}`,
  });
}

/**
 * Moves a stale lock aside and checks that what moved is still the stale one: if another process replaced it
 * meanwhile, its fresh lock is put back and we lose the race.
 */
async function takeOver(path: string, staleText: string): Promise<boolean> {
  const aside = `${path}.stale-${process.pid}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleText) {
    await link(aside, path).catch(() => undefined);
    await unlink(aside);
    return false;
  }
  await unlink(aside);
  return true;
}

/**
 * Takes `<ledger>.lock`. A lock left by a dead process on this host is taken over (with a warning); a live
 * holder, or any holder on another host, gives BusyError (exit 75) naming its pid and command.
 */
export async function acquireLock(ledgerPath: string, command: string, now: Date = new Date()): Promise<LockHandle> {
  const path = lockPathFor(ledgerPath);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: now.toISOString(), command };
  let warning: string | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await tryCreate(path, info)) return makeHandle(path, info, warning);
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue; // released between our open and read: try again
    const holder = parseLock(text);
    const stale = holder !== null && holder.hostname === info.hostname && holder.pid !== process.pid && !isAlive(holder.pid);
    if (!stale) throw busy(path, holder);
    if (await takeOver(path, text)) {
      warning = `took over a stale ledger lock ${path} left by pid ${holder.pid} (${holder.command}, started ${holder.startedAt})`;
    }
  }
  const text = await readFile(path, 'utf8').catch(() => '');
  throw busy(path, parseLock(text));
}

function makeHandle(path: string, info: LockInfo, warning: string | null): LockHandle {
  const mine = `${JSON.stringify(info)}\n`;
  let released = false;
  return {
    path,
    info,
    warning,
    async release() {
      if (released) return;
      released = true;
      // Only remove the lock if it is still ours (a person may have deleted and another run re-created it).
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text === mine) await unlink(path).catch(() => undefined);
    },
  };
}

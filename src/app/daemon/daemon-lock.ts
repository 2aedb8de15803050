import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { acquireLock, type LockHandle } from '../../adapters/ledger/index.js';
import { BusyError, IoError } from '../../errors.js';

export function daemonLockPath(ledgerPath: string): string {
  return `${ledgerPath}.daemon.lock`;
}

/**
 * `<ledger>.daemon.lock`, held for the daemon's whole life (the ledger lock itself is taken per tick, so one-off
 * commands can write between ticks). A second daemon gets BusyError (exit 75) naming the running one's pid;
 * a lock left by a dead daemon is taken over.
 */
export async function acquireDaemonLock(ledgerPath: string, now: Date): Promise<LockHandle> {
  await mkdir(dirname(ledgerPath), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw new IoError(`cannot create the ledger directory ${dirname(ledgerPath)}: ${(error as Error).message}`, { cause: error, hint: 'check --state / ledger.path and the directory permissions' });
  });
  try {
    return await acquireLock(`${ledgerPath}.daemon`, 'smsmatch daemon', now);
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    const path = daemonLockPath(ledgerPath);
    const holder = await readFile(path, 'utf8').then((t) => JSON.parse(t) as { pid?: number; startedAt?: string; hostname?: string }).catch(() => null);
    const who = holder?.pid ? `pid ${holder.pid}${holder.hostname ? ` on ${holder.hostname}` : ''}, started ${holder.startedAt ?? '?'}` : 'unknown process';
    throw new BusyError(`another smsmatch daemon is already running for ledger ${ledgerPath} (${who})`, {
      cause: error, hint: `stop it first (systemctl stop smsmatch, or kill ${holder?.pid ?? '<pid>'}); if none runs, delete ${path}`,
    });
  }
}

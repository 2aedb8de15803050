import { open, readFile, rename } from 'node:fs/promises';

/**
 * `<ledger>.status.json`: the daemon's heartbeat and last tick, in a tiny file of its own so an idle tick never
 * rewrites the ledger. Written atomically (temp + rename, mode 0600); `smsmatch status` only reads it.
 */
export interface TickSummary {
  at: string;
  outcome: string;
  detail: string | null;
  newMessages: number;
  counts: Record<string, number>;
}

export interface DaemonStatus {
  pid: number;
  hostname: string;
  startedAt: string;
  heartbeatAt: string;
  /** After this, a daemon that has not written again is considered stuck or gone. */
  staleAfter: string;
  stoppedAt: string | null;
  schedule: string;
  timezone: string;
  lastTick: TickSummary | null;
  /** The last tick that did something (new SMS, decisions, writes). */
  lastActiveTick: TickSummary | null;
  backoffUntil: string | null;
  dropboxDownSince: string | null;
  authFailure: string | null;
  lastSmsAt: string | null;
  /** How the daemon is being woken: the drop-box's signal file, or polling (and why). Absent before this field existed. */
  wake?: { mode: 'signal' | 'polling'; detail: string; since: string } | null;
  /** SMS → order paid, for the most recent payments this daemon applied (seconds, newest last). */
  latency?: { last: { seconds: number; at: string; orderId: number } | null; medianSeconds: number | null; p95Seconds: number | null; count: number };
}

export function statusPathFor(ledgerPath: string): string {
  return `${ledgerPath}.status.json`;
}

export async function writeDaemonStatus(path: string, status: DaemonStatus): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(status)}\n`);
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Null when there is none or it cannot be read (a daemon that never ran). */
export async function readDaemonStatus(path: string): Promise<DaemonStatus | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Partial<DaemonStatus>;
    return typeof v.pid === 'number' && typeof v.heartbeatAt === 'string' ? (v as DaemonStatus) : null;
  } catch {
    return null;
  }
}

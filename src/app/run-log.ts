import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';

/**
 * `<ledger>.runs.json`: the outcome of every reconcile pass, whoever ran it (cron, a person, the daemon), failures
 * included. It lives beside the ledger rather than in it: a pass that failed half-way must not commit the ledger
 * just to say so (what it held in memory is left exactly as a crash would leave it), and a run that could not even
 * open the ledger (busy, unreadable) still has its outcome recorded. `smsmatch status` reads it.
 */
export type RunResult = 'ok' | 'item-failed' | 'failed' | 'busy' | 'stopped';

export interface RunOutcome {
  /** `reconcile` (one pass from the command line or cron) or `daemon` (a tick of the daemon). */
  via: 'reconcile' | 'daemon';
  result: RunResult;
  exitCode: number;
  /** The one-line error for a failure, as the command printed it; null when it worked. */
  message: string | null;
  hint: string | null;
  /** Decision and write counts of a pass that worked (only those above zero). */
  counts: Record<string, number>;
  /** Who ran it: `user@host`. */
  by: string;
  /** The same outcome repeated (an idle cron line, a shop down for an hour) is one entry counted `times`. */
  firstAt: string;
  lastAt: string;
  times: number;
}

export type RunOutcomeInput = Omit<RunOutcome, 'firstAt' | 'lastAt' | 'times' | 'by'> & { by?: string };

const KEEP = 50;

export function runLogPathFor(ledgerPath: string): string {
  return `${ledgerPath}.runs.json`;
}

export function runner(env: Record<string, string | undefined>): string {
  let user = env['USER'] ?? env['LOGNAME'] ?? '';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container's arbitrary uid): keep what the environment says
  }
  return `${user || `uid ${process.getuid?.() ?? '?'}`}@${hostname()}`;
}

export function isFailure(r: RunOutcome): boolean {
  return r.result === 'failed' || r.result === 'item-failed';
}

function sameAs(a: RunOutcome, b: RunOutcomeInput & { by: string }): boolean {
  const idle = Object.keys(a.counts).length === 0 && Object.keys(b.counts).length === 0;
  return a.via === b.via && a.result === b.result && a.exitCode === b.exitCode && a.message === b.message && a.by === b.by && (a.result !== 'ok' || idle);
}

/** Pure: the log with one more outcome (repeats of the newest fold into it), newest last, at most KEEP entries. */
export function addOutcome(log: readonly RunOutcome[], input: RunOutcomeInput & { by: string }, at: string): RunOutcome[] {
  const last = log.at(-1);
  if (last && sameAs(last, input)) return [...log.slice(0, -1), { ...last, lastAt: at, times: last.times + 1 }];
  return [...log, { ...input, firstAt: at, lastAt: at, times: 1 }].slice(-KEEP);
}

export async function readRunLog(path: string): Promise<RunOutcome[]> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return [];
  try {
    const v = JSON.parse(text) as { runs?: unknown };
    return Array.isArray(v.runs) ? (v.runs as RunOutcome[]).filter((r) => typeof r === 'object' && r !== null && typeof r.lastAt === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Adds one outcome (temp file + rename, mode 0600). Returns a warning instead of throwing: failing to note a run
 * must never change the run's own exit code. Two writers at the same instant may lose one entry, never the file.
 */
export async function recordRunOutcome(path: string, input: RunOutcomeInput, now: Date, env: Record<string, string | undefined>): Promise<string | null> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const log = addOutcome(await readRunLog(path), { ...input, by: input.by ?? runner(env) }, now.toISOString());
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ runs: log })}\n`);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return null;
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return `cannot record this run's outcome in ${path}: ${(error as Error).message}`;
  }
}

import { createDropboxClient } from '../adapters/dropbox/client.js';
import { openLedgerAt, targetLabel, type Ledger, type LedgerTarget } from '../adapters/ledger/index.js';
import { pickShop } from '../app/shops/pick.js';
import { shopLedger } from '../config/shop-paths.js';
import type { LoadedConfig } from '../config/load.js';
import { runShopsStatus } from './status-shops.js';
import { localDate } from '../app/daemon/local-time.js';
import { readDaemonStatus, statusPathFor, type DaemonStatus } from '../app/daemon/status-file.js';
import { loadConfig } from '../config/load.js';
import { resolveLedgerTarget } from '../config/ledger-target.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { colours } from '../log/terminal.js';
import { isAlive } from '../adapters/ledger/lock.js';
import { isOpen } from '../app/alert-ack.js';
import { formatShopTime } from '../app/daemon/local-time.js';
import { isFailure, readRunLog, runLogPathFor, type RunOutcome } from '../app/run-log.js';

export interface StatusOptions {
  config?: string;
  state?: string;
  json?: boolean;
  /** `--shops DIR`: every shop of a daemon's directory, or one with `--shop NAME`. */
  shops?: string;
  shop?: string;
  stateDir?: string;
}

export interface StatusReport {
  ledger: string;
  daemon: {
    state: 'running' | 'stale' | 'stopped' | 'never-ran'; pid: number | null; heartbeatAt: string | null; lastTick: DaemonStatus['lastTick']; lastActiveTick: DaemonStatus['lastActiveTick']; authFailure: string | null; dropboxDownSince: string | null;
    /** How the daemon is woken: the drop-box's signal file, or polling (and why). */
    wake: NonNullable<DaemonStatus['wake']> | null;
    /** SMS reaching the drop-box → order paid, for the payments this daemon applied recently. */
    latency: NonNullable<DaemonStatus['latency']> | null;
  };
  /** The newest reconcile pass, whoever ran it (the run log; older ledgers: the ledger's own record). */
  lastRun: { runId: string | null; command: string; via: RunOutcome['via'] | null; by: string | null; endedAt: string | null; outcome: string; exitCode: number | null; message: string | null; hint: string | null; counts: Record<string, number> } | null;
  /** Failed passes since the last one that worked, newest first: what is wrong now. */
  failing: RunOutcome[];
  today: { date: string; timezone: string; confirmed: number; ignored: number };
  waitingForReview: number;
  partial: number;
  dropbox: { lastSmsAt: string | null; source: 'health' | 'ledger' | 'none'; error: string | null };
  /** Open alerts only: cleared and acknowledged ones are not listed (`acknowledged` counts the latter). */
  alerts: Array<{ id: string; message: string; firstSeenAt: string; sentTo: string[] }>;
  acknowledged: number;
}

/** Running = its pid is alive and its heartbeat is recent; a live pid with an old heartbeat is reported stale. */
function daemonState(s: DaemonStatus | null, now: Date): StatusReport['daemon']['state'] {
  if (!s) return 'never-ran';
  if (s.stoppedAt !== null || !isAlive(s.pid)) return 'stopped';
  return Date.parse(s.staleAfter) > now.getTime() ? 'running' : 'stale';
}

function newestLedgerSms(ledger: Ledger): string | null {
  let newest: string | null = null;
  for (const p of ledger.paymentsByState('review', 'matched', 'confirmed', 'partial', 'unmatched', 'ignored', 'duplicate', 'dismissed', 'assigned-manually', 'reversed')) {
    const m = ledger.getMessage(p.messageId);
    const at = m?.receivedAt ?? m?.storedAt ?? null;
    if (at !== null && (newest === null || at > newest)) newest = at;
  }
  return newest;
}

/** `smsmatch status`: read-only (never takes the ledger lock), one /health request when a drop-box is configured. */
export async function runStatus(opts: StatusOptions, io: Io): Promise<number> {
  const picked = pickShop(opts, false);
  if (opts.shops !== undefined && picked.shop === null) return runShopsStatus(opts.shops, opts, io);
  const loaded = loadConfig(picked.config, io.env);
  const where = picked.shop !== null && opts.state === undefined ? shopLedger(picked.shop, loaded, io.env, opts.stateDir) : resolveLedgerTarget(opts.state, loaded, io.env);
  const report = await statusReport(loaded, where.target, where.localPath, new Date());
  if (opts.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
  else printStatus(report, new Date(), io, loaded.config.daemon.timezone);
  return 0;
}

/** Everything `status` shows for one shop, read-only (no lock, no lease). */
export async function statusReport(loaded: LoadedConfig, target: LedgerTarget, path: string, now: Date, probe = true): Promise<StatusReport> {
  const { config } = loaded;
  const tz = config.daemon.timezone;
  const ledger = await openLedgerAt(target, { readOnly: true, retentionDays: config.ledger.retentionDays });
  const daemon = await readDaemonStatus(statusPathFor(path));
  try {
    const today = localDate(now, tz);
    const settledToday = (...states: Parameters<Ledger['paymentsByState']>): number => ledger.paymentsByState(...states).filter((p) => localDate(p.updatedAt, tz) === today).length;
    const runLog = await readRunLog(runLogPathFor(path));
    const report: StatusReport = {
      ledger: targetLabel(target),
      daemon: {
        state: daemonState(daemon, now), pid: daemon?.pid ?? null, heartbeatAt: daemon?.heartbeatAt ?? null, lastTick: daemon?.lastTick ?? null,
        lastActiveTick: daemon?.lastActiveTick ?? null, authFailure: daemon?.authFailure ?? null, dropboxDownSince: daemon?.dropboxDownSince ?? null,
        wake: daemon?.wake ?? null, latency: daemon?.latency ?? null,
      },
      lastRun: lastRun(runLog, ledger),
      failing: failingNow(runLog),
      today: { date: today, timezone: tz, confirmed: settledToday('confirmed', 'assigned-manually'), ignored: settledToday('ignored') },
      // Unmatched payments are real money nobody has placed yet: they wait for a person too (smsmatch review).
      waitingForReview: ledger.paymentsByState('review', 'unmatched').length,
      partial: ledger.paymentsByState('partial').length,
      dropbox: await lastSms(probe ? config : { ...config, dropbox: undefined }, ledger),
      alerts: ledger.openAlerts().filter(isOpen).map((a) => ({ id: a.id, message: a.message, firstSeenAt: a.firstSeenAt, sentTo: [...a.sentTo] })),
      acknowledged: ledger.openAlerts().filter((a) => !isOpen(a)).length,
    };
    return report;
  } finally {
    await ledger.close();
  }
}

function lastRun(log: readonly RunOutcome[], ledger: Ledger): StatusReport['lastRun'] {
  const r = log.at(-1);
  if (r) {
    return { runId: null, command: 'reconcile', via: r.via, by: r.by, endedAt: r.lastAt, outcome: r.result, exitCode: r.exitCode, message: r.message, hint: r.hint, counts: r.counts };
  }
  const run = ledger.runs().at(-1);
  return run ? { runId: run.runId, command: run.command, via: null, by: null, endedAt: run.endedAt, outcome: run.outcome, exitCode: null, message: null, hint: null, counts: run.counts } : null;
}

/** Failures newer than the newest pass that worked (a later success by anyone means the shop and keys work again). */
function failingNow(log: readonly RunOutcome[]): RunOutcome[] {
  const lastOk = log.findLastIndex((r) => r.result === 'ok');
  return log.slice(lastOk + 1).filter(isFailure).reverse().slice(0, 5);
}

async function lastSms(config: ReturnType<typeof loadConfig>['config'], ledger: Ledger): Promise<StatusReport['dropbox']> {
  const fromLedger = newestLedgerSms(ledger);
  if (!config.dropbox) return { lastSmsAt: fromLedger, source: fromLedger ? 'ledger' : 'none', error: null };
  try {
    const client = createDropboxClient({ url: config.dropbox.url, token: config.dropbox.token, timeoutMs: 10_000, retries: 0 });
    return { lastSmsAt: (await client.health()).last_sms_at, source: 'health', error: null };
  } catch (error) {
    return { lastSmsAt: fromLedger, source: fromLedger ? 'ledger' : 'none', error: (error as Error).message };
  }
}

function ago(iso: string | null, now: Date): string {
  if (iso === null) return 'never';
  const s = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago (${iso})`;
}

function printStatus(r: StatusReport, now: Date, io: Io, tz: string): void {
  const c = colours(io);
  const d = r.daemon;
  const tick = d.lastTick ? `; last tick ${ago(d.lastTick.at, now)}: ${d.lastTick.outcome}${d.lastTick.detail ? ` (${d.lastTick.detail})` : ''}` : '';
  const label = d.state === 'running' ? c.green('running') : d.state === 'stale' ? c.yellow('not responding') : d.state;
  writeLine(io.stdout, `daemon:     ${label}${d.pid !== null && d.state !== 'never-ran' ? ` (pid ${d.pid}, heartbeat ${ago(d.heartbeatAt, now)})` : ''}${tick}`);
  if (d.authFailure) writeLine(io.stdout, c.red(`            credentials rejected: ${d.authFailure}`));
  if (d.dropboxDownSince) writeLine(io.stdout, c.yellow(`            drop-box unreachable since ${d.dropboxDownSince}`));
  if (d.wake) {
    const how = d.wake.mode === 'signal' ? `drop-box signal file (${d.wake.detail})` : c.yellow(`polling the drop-box: ${d.wake.detail}`);
    writeLine(io.stdout, `woken by:   ${how}, since ${ago(d.wake.since, now)}`);
  }
  if (d.latency?.last) {
    const l = d.latency;
    const spread = l.count > 1 ? ` (median ${l.medianSeconds} s, p95 ${l.p95Seconds} s over the last ${l.count})` : '';
    writeLine(io.stdout, `latency:    last payment ${l.last!.seconds} s from SMS to paid, order #${l.last!.orderId} ${ago(l.last!.at, now)}${spread}`);
  }
  const run = r.lastRun;
  const counts = run ? Object.entries(run.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') : '';
  const who = run?.via ? ` (${run.via === 'daemon' ? 'daemon' : 'smsmatch reconcile'}, ${run.by ?? '?'})` : '';
  const outcome = run && run.outcome !== 'ok' ? (run.outcome === 'busy' ? c.yellow(run.outcome) : c.red(`${run.outcome}${run.exitCode !== null ? ` (exit ${run.exitCode})` : ''}`)) : (run?.outcome ?? '');
  writeLine(io.stdout, `last run:   ${run ? `${run.command} ${outcome} ${ago(run.endedAt, now)}${who}${counts ? ` (${counts})` : ''}` : 'none recorded'}`);
  for (const f of r.failing) {
    const times = f.times > 1 ? `, ${f.times} times since ${formatShopTime(f.firstAt, tz)}` : '';
    writeLine(io.stdout, c.red(`failing:    ${f.via === 'daemon' ? 'daemon tick' : 'reconcile'} by ${f.by} exit ${f.exitCode} ${ago(f.lastAt, now)}${times}: ${f.message ?? f.result}`));
    if (f.hint) writeLine(io.stdout, `            hint: ${f.hint}`);
  }
  writeLine(io.stdout, `today:      ${r.today.confirmed} confirmed, ${r.today.ignored} ignored (${r.today.date}, ${r.today.timezone})`);
  writeLine(io.stdout, `waiting:    ${r.waitingForReview} for review${r.waitingForReview > 0 ? ' (smsmatch review)' : ''}, ${r.partial} partial`);
  const sms = r.dropbox.source === 'none' ? 'no SMS seen yet' : `last SMS ${ago(r.dropbox.lastSmsAt, now)} (from ${r.dropbox.source === 'health' ? 'the drop-box' : 'the ledger'})`;
  writeLine(io.stdout, `drop-box:   ${sms}${r.dropbox.error ? c.yellow(`; /health failed: ${r.dropbox.error}`) : ''}`);
  const acked = r.acknowledged > 0 ? ` (${r.acknowledged} acknowledged)` : '';
  if (r.alerts.length === 0) writeLine(io.stdout, `alerts:     none${acked}`);
  for (const a of r.alerts) writeLine(io.stdout, c.red(`alert:      [${a.id}] ${a.message} (since ${formatShopTime(a.firstSeenAt, tz)}${a.sentTo.length ? `, sent by ${a.sentTo.join(', ')}` : ''})`));
  if (r.alerts.length > 0) writeLine(io.stdout, `            settle the payment it names, or: smsmatch alerts ack ID${acked}`);
}

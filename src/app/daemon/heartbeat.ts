import { hostname } from 'node:os';
import type { Logger } from '../../log/logger.js';
import type { DaemonState, Latency } from './state.js';
import { writeDaemonStatus, type DaemonStatus } from './status-file.js';
import type { TickResult } from './tick.js';

export interface HeartbeatInfo {
  path: string;
  schedule: string;
  timezone: string;
  heartbeatSeconds: number;
  nextRun: Date | null;
}

export function latencySummary(latencies: readonly Latency[]): NonNullable<DaemonStatus['latency']> {
  const sorted = latencies.map((l) => l.seconds).sort((a, b) => a - b);
  const at = (q: number): number | null => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!));
  const last = latencies.at(-1);
  return { last: last ? { ...last, seconds: round(last.seconds) } : null, medianSeconds: at(0.5), p95Seconds: at(0.95), count: sorted.length };
}

const round = (s: number): number => Math.round(s * 10) / 10;

/** Records the tick in memory and rewrites the status file when something changed or the heartbeat is due. */
export async function recordTick(state: DaemonState, tick: TickResult | null, now: Date, info: HeartbeatInfo, log: Logger, stoppedAt: string | null = null): Promise<void> {
  if (tick) {
    state.lastTick = tick;
    if (tick.newMessages > 0 || Object.keys(tick.counts).length > 0) state.lastActiveTick = tick;
  }
  const authFailure = state.shopAuthFailure ?? state.dropboxAuthFailure;
  const key = JSON.stringify([state.lastTick?.outcome, state.lastTick?.detail, state.lastActiveTick?.at, authFailure, state.dropboxDownSince, stoppedAt, state.wake, state.latencies.length, state.latencies.at(-1)?.at]);
  const last = state.lastStatusWrite;
  if (last && last.key === key && now.getTime() - last.at < info.heartbeatSeconds * 1000) return;
  const untilNext = info.nextRun ? Math.max(0, info.nextRun.getTime() - now.getTime()) : 0;
  const status: DaemonStatus = {
    pid: process.pid, hostname: hostname(), startedAt: state.startedAt, heartbeatAt: now.toISOString(),
    staleAfter: new Date(now.getTime() + 2 * info.heartbeatSeconds * 1000 + untilNext + 30_000).toISOString(),
    stoppedAt, schedule: info.schedule, timezone: info.timezone, lastTick: state.lastTick, lastActiveTick: state.lastActiveTick,
    backoffUntil: state.backoffUntil > now.getTime() ? new Date(state.backoffUntil).toISOString() : null,
    dropboxDownSince: state.dropboxDownSince, authFailure, lastSmsAt: state.lastSmsAt, wake: state.wake, latency: latencySummary(state.latencies),
  };
  try {
    await writeDaemonStatus(info.path, status);
    state.lastStatusWrite = { at: now.getTime(), key };
  } catch (error) {
    log.warn(`cannot write the status file ${info.path}: ${(error as Error).message}`);
  }
}

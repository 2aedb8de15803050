import type { TickSummary } from './status-file.js';

/** What the daemon remembers between ticks (in memory; the durable part lives in the ledger and status file). */
export interface DaemonState {
  startedAt: string;
  lastSmsAt: string | null;
  lastProbeAt: string | null;
  dropboxDownSince: string | null;
  dropboxError: string | null;
  shopAuthFailure: string | null;
  dropboxAuthFailure: string | null;
  /** Consecutive transient failures; ticks before `backoffUntil` (epoch ms) are skipped. */
  failures: number;
  backoffUntil: number;
  lastTick: TickSummary | null;
  lastActiveTick: TickSummary | null;
  /** Epoch ms of the last delivery attempt per `alert:channel`, so a failing channel is retried slowly. */
  sendAttempts: Map<string, number>;
  lastStatusWrite: { at: number; key: string } | null;
  /** Admin actions queued in the plugin, as its last /messages answer said; null: a plugin without them. */
  pendingActions: number | null;
  /** Fingerprint of the last snapshot the plugin accepted; null: publish on the next pass. */
  publishedDigest: string | null;
  /** A cheap key of what the snapshot depends on, at the last publish (see publishIfChanged). */
  publishedQuickKey: string | null;
  /** The drop-box's signal nonce on the last /messages read (null: its plugin has no signal file). */
  signalNonce: string | null;
  /** SMS read from the drop-box in the current pass: message_id → when it reached the drop-box, on our clock (ms). */
  arrivals: Map<string, number>;
  /** Recent SMS → order paid latencies, newest last (at most LATENCY_KEEP). */
  latencies: Latency[];
  /** How the daemon is being woken, from the wake-up watcher. */
  wake: { mode: 'signal' | 'polling'; detail: string; since: string } | null;
}

export interface Latency {
  /** Seconds from the SMS reaching the drop-box to its order marked paid. */
  seconds: number;
  at: string;
  orderId: number;
}

export const LATENCY_KEEP = 50;

export function newDaemonState(now: Date): DaemonState {
  return {
    startedAt: now.toISOString(), lastSmsAt: null, lastProbeAt: null, dropboxDownSince: null, dropboxError: null,
    shopAuthFailure: null, dropboxAuthFailure: null, failures: 0, backoffUntil: 0, lastTick: null, lastActiveTick: null,
    sendAttempts: new Map(), lastStatusWrite: null, pendingActions: null, publishedDigest: null, publishedQuickKey: null,
    signalNonce: null, arrivals: new Map(), latencies: [], wake: null,
  };
}

export function laterIso(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

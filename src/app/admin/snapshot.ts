import type { HistoryEntry, Ledger, PaymentState, StoredPayment } from '../../adapters/ledger/index.js';
import { displayMoney } from '../../core/money.js';
import { redact } from '../../log/redact.js';
import { reviewQueue, type ReviewItem } from '../settle/index.js';
import type { DaemonState } from '../daemon/state.js';

/**
 * What the daemon hands the plugin for the wp-admin page (docs/dropbox-api.md §3): payments only (never other
 * SMS, never a secret), the review queue whole, and the daemon's health as `smsmatch status` sees it.
 */
export const SNAPSHOT_VERSION = 1;
export const WINDOW_DAYS = 30;

/** Not payments a person would look for: repeats of one SMS and messages the engine set aside. */
const HIDDEN: ReadonlySet<PaymentState> = new Set<PaymentState>(['ignored', 'duplicate']);

export interface PublishedCandidate {
  order_id: number;
  description: string | null;
}

export interface PublishedPayment {
  key: string;
  code: string;
  provider: string | null;
  state: PaymentState;
  /** In the review queue: a person has to settle it. */
  review: boolean;
  /** Matched to an order whose write never happened (an interrupted or failed run). */
  stuck: boolean;
  amount_minor: number | null;
  currency: string | null;
  amount: string | null;
  /** As printed in the SMS, masked digits included. */
  payer_name: string | null;
  payer_phone: string | null;
  paid_at: string | null;
  waiting_since: string;
  updated_at: string;
  order_id: number | null;
  remaining_minor: number | null;
  /** The engine's decision (confirm, review, unmatched …) and the rule it used. */
  decision: string | null;
  rule: string | null;
  reasons: string[];
  candidates: PublishedCandidate[];
  sms: string | null;
  sender: string | null;
}

export interface PublishedHealth {
  started_at: string;
  pid: number;
  schedule: string;
  timezone: string;
  last_pass: { at: string; outcome: string; detail: string | null } | null;
  last_active_pass_at: string | null;
  last_sms_at: string | null;
  auth_failure: string | null;
  dropbox_down_since: string | null;
  dropbox_error: string | null;
  waiting_for_review: number;
  partial: number;
  last_run: { command: string; ended_at: string | null; outcome: string } | null;
  alerts: Array<{ id: string; message: string; first_seen_at: string }>;
}

export interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  published_at: string;
  window_days: number;
  /** Settled payments left out to keep the snapshot under the size bound (oldest first). */
  dropped: number;
  review_count: number;
  health: PublishedHealth;
  payments: PublishedPayment[];
}

export interface SnapshotMeta {
  schedule: string;
  timezone: string;
  pid: number;
}

/** Review items first (oldest first, as `smsmatch review`), then the other payments of the window, newest first. */
export function buildSnapshot(ledger: Ledger, state: DaemonState, now: Date, meta: SnapshotMeta): Snapshot {
  const queue = reviewQueue(ledger, now);
  const inQueue = new Set(queue.map((i) => i.key));
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000).toISOString();
  const settled = ledger.paymentsByState('review', 'matched', 'confirmed', 'partial', 'unmatched', 'dismissed', 'assigned-manually', 'reversed')
    .filter((p) => !HIDDEN.has(p.state) && !inQueue.has(p.key) && p.updatedAt >= since)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.key.localeCompare(b.key));
  const payments = [
    ...queue.map((item) => fromReview(ledger, item)),
    ...settled.map((p) => fromPayment(ledger, p)),
  ];
  return {
    version: SNAPSHOT_VERSION, published_at: now.toISOString(), window_days: WINDOW_DAYS, dropped: 0,
    review_count: queue.length, health: health(ledger, state, meta, queue), payments,
  };
}

function fromReview(ledger: Ledger, item: ReviewItem): PublishedPayment {
  const p = ledger.getPayment(item.key);
  const base = p ? fromPayment(ledger, p) : null;
  return {
    ...(base ?? emptyFrom(item)),
    review: true, stuck: item.stuck, reasons: distinct(item.reasons),
    candidates: item.candidates.map((c) => ({ order_id: c.orderId, description: c.description })),
  };
}

function fromPayment(ledger: Ledger, p: StoredPayment): PublishedPayment {
  const message = ledger.getMessage(p.messageId);
  const engine = lastEngineEntry(p.history);
  const later = engine ? p.history.slice(p.history.indexOf(engine) + 1) : p.history;
  const ids = engine && engine.candidates.length > 0 ? engine.candidates : p.orderId !== null ? [p.orderId] : [];
  return {
    key: p.key, code: p.code ?? p.key, provider: p.provider, state: p.state, review: false, stuck: false,
    amount_minor: p.amountMinor, currency: p.currency,
    amount: p.amountMinor !== null && p.currency ? displayMoney(p.amountMinor, p.currency) : null,
    payer_name: p.payerName, payer_phone: p.payerPhone,
    paid_at: message?.parsed?.occurredAt ?? message?.receivedAt ?? null,
    waiting_since: p.createdAt, updated_at: p.updatedAt, order_id: p.orderId, remaining_minor: p.remainingMinor,
    decision: engine?.decision ?? null, rule: engine?.rule ?? null,
    reasons: distinct([...(engine?.reasons ?? []), ...later.flatMap((h) => h.reasons)]),
    candidates: ids.map((orderId) => ({ order_id: orderId, description: null })),
    sms: message?.raw.message ?? null, sender: message?.raw.from ?? null,
  };
}

function emptyFrom(item: ReviewItem): PublishedPayment {
  return {
    key: item.key, code: item.code, provider: item.provider, state: item.state, review: true, stuck: item.stuck,
    amount_minor: item.amountMinor, currency: item.currency, amount: item.amount, payer_name: item.payerName, payer_phone: item.payerPhone,
    paid_at: item.paidAt, waiting_since: item.waitingSince, updated_at: item.waitingSince, order_id: item.orderId, remaining_minor: item.remainingMinor,
    decision: null, rule: item.rule, reasons: item.reasons, candidates: [], sms: null, sender: null,
  };
}

/** Each reason once (a payment seen in many batches repeats the same words), at most 20: a page, not a log. */
function distinct(reasons: readonly string[]): string[] {
  return [...new Set(reasons)].slice(0, 20);
}

function lastEngineEntry(history: readonly HistoryEntry[]): HistoryEntry | undefined {
  return history.findLast((h) => h.source === 'engine' && h.decision !== 'duplicate' && h.decision !== 'ignored');
}

function health(ledger: Ledger, state: DaemonState, meta: SnapshotMeta, queue: readonly ReviewItem[]): PublishedHealth {
  const run = ledger.runs().at(-1) ?? null;
  const tick = state.lastTick;
  // Error texts come from our own messages, which redact URLs already; redact again so no secret can slip through.
  const clean = (s: string | null): string | null => (s === null ? null : redact(s));
  return {
    started_at: state.startedAt, pid: meta.pid, schedule: meta.schedule, timezone: meta.timezone,
    last_pass: tick ? { at: tick.at, outcome: tick.outcome, detail: clean(tick.detail) } : null,
    last_active_pass_at: state.lastActiveTick?.at ?? null,
    last_sms_at: state.lastSmsAt,
    auth_failure: clean(state.shopAuthFailure ?? state.dropboxAuthFailure),
    dropbox_down_since: state.dropboxDownSince, dropbox_error: clean(state.dropboxError),
    waiting_for_review: queue.filter((i) => i.state === 'review' || i.state === 'unmatched' || i.stuck).length,
    partial: queue.filter((i) => i.state === 'partial').length,
    last_run: run ? { command: run.command, ended_at: run.endedAt, outcome: run.outcome } : null,
    alerts: ledger.openAlerts().map((a) => ({ id: a.id, message: clean(a.message) ?? '', first_seen_at: a.firstSeenAt })),
  };
}

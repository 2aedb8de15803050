import type { HistoryEntry, Ledger, PaymentState, StoredPayment } from '../../adapters/ledger/index.js';
import { displayMoney } from '../../core/money.js';

/** States a person has to settle; `matched` counts only when no write for it is open (see `isStuck`). */
const WAITING: readonly PaymentState[] = ['review', 'unmatched', 'partial', 'matched'];

export interface ReviewCandidate {
  orderId: number;
  /** What the matcher said about this order (its reasons naming `#id`), when it said anything. */
  description: string | null;
}

export interface ReviewItem {
  key: string;
  code: string;
  provider: string | null;
  state: PaymentState;
  /** A `matched` payment whose order write never happened (an interrupted or failed run). */
  stuck: boolean;
  amountMinor: number | null;
  currency: string | null;
  amount: string | null;
  payerName: string | null;
  payerPhone: string | null;
  /** When the payment was made (the SMS's own time), else when the phone received it. */
  paidAt: string | null;
  /** When smsmatch first recorded it: the wait is counted from here. */
  waitingSince: string;
  waitedMinutes: number;
  orderId: number | null;
  remainingMinor: number | null;
  rule: string | null;
  candidates: ReviewCandidate[];
  reasons: string[];
  messageId: string;
}

/** Payments waiting for a person, oldest first. Reads the hot file only (settled payments are never archived unsettled). */
export function reviewQueue(ledger: Ledger, now: Date): ReviewItem[] {
  const openKeys = new Set(ledger.openIntents().map((w) => w.paymentKey));
  return ledger.paymentsByState(...WAITING)
    .filter((p) => p.state !== 'matched' || !openKeys.has(p.key))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key))
    .map((p) => toItem(ledger, p, now));
}

function toItem(ledger: Ledger, p: StoredPayment, now: Date): ReviewItem {
  const message = ledger.getMessage(p.messageId);
  const engine = lastEngineEntry(p.history);
  const later = engine ? p.history.slice(p.history.indexOf(engine) + 1) : p.history;
  const stuck = p.state === 'matched';
  const reasons = [
    ...(engine?.reasons ?? []),
    ...later.flatMap((h) => h.reasons),
    ...(stuck ? [`matched to order #${p.orderId ?? '?'} but the order was never written (an interrupted or failed run)`] : []),
  ];
  const ids = engine && engine.candidates.length > 0 ? engine.candidates : p.orderId !== null ? [p.orderId] : [];
  return {
    key: p.key, code: p.code ?? p.key, provider: p.provider, state: p.state, stuck,
    amountMinor: p.amountMinor, currency: p.currency,
    amount: p.amountMinor !== null && p.currency ? displayMoney(p.amountMinor, p.currency) : null,
    payerName: p.payerName, payerPhone: p.payerPhone,
    paidAt: utc(message?.parsed?.occurredAt ?? message?.receivedAt ?? null),
    waitingSince: p.createdAt,
    waitedMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(p.createdAt)) / 60_000)),
    orderId: p.orderId, remainingMinor: p.remainingMinor, rule: engine?.rule ?? null,
    candidates: ids.map((orderId) => ({ orderId, description: describe(orderId, reasons) })),
    reasons, messageId: p.messageId,
  };
}

/** The SMS prints the provider's local time (`…+03:00`); scripts get one form, UTC, like every other stored time. */
function utc(iso: string | null): string | null {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : iso;
}

/** The decision that put the payment where it is; ignored untrusted twins and duplicates say nothing about it. */
function lastEngineEntry(history: readonly HistoryEntry[]): HistoryEntry | undefined {
  return history.findLast((h) => h.source === 'engine' && h.decision !== 'duplicate' && h.decision !== 'ignored');
}

function describe(orderId: number, reasons: readonly string[]): string | null {
  const tag = new RegExp(`#${orderId}(?!\\d)`);
  const about = reasons.filter((r) => tag.test(r));
  return about.length > 0 ? about.join('; ') : null;
}

/** "3 d 4 h", "2 h 5 min", "12 min" */
export function formatWait(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}

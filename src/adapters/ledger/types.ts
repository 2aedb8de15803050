import type { Decision, DecisionKind } from '../../core/match/types.js';
import type { IncomingSms, ParsedSms } from '../../core/sms/types.js';

/**
 * Shapes stored in the ledger's hot file (`schemaVersion: 1`). Times are UTC ISO strings, money is integer
 * minor units plus an ISO currency. Everything is plain JSON so the file stays readable with `jq`.
 */
export const LEDGER_SCHEMA_VERSION = 1;

export type { DecisionKind };

/** What the ledger needs from one engine decision (the engine's own type, so the two cannot drift apart). */
export type DecisionInput = Pick<
  Decision,
  'messageId' | 'code' | 'provider' | 'decision' | 'orderId' | 'candidates' | 'rule' | 'reasons' | 'amountMinor' | 'currency' | 'overpaidMinor' | 'remainingMinor'
> & Partial<Pick<Decision, 'payerName' | 'payerPhone'>>;

/**
 * `matched`: the engine chose an order and the write is pending; `confirmed`: the order write was applied.
 * The last five are set by people or later evidence, never by the engine.
 */
export type PaymentState =
  | 'review'
  | 'matched'
  | 'confirmed'
  | 'partial'
  | 'unmatched'
  | 'ignored'
  | 'duplicate'
  | 'dismissed'
  | 'assigned-manually'
  | 'reversed';

export interface StoredMessage {
  messageId: string;
  /** The SMSsync fields exactly as delivered. */
  raw: IncomingSms;
  /** From `sent_timestamp`; null when that is not a number. */
  receivedAt: string | null;
  /** When the ledger first stored it. */
  storedAt: string;
  dropboxId: string | null;
  parsed: ParsedSms | null;
  paymentKey: string | null;
  /** Set when the text was longer than an SMS can be and only its start is kept (adapters/sms-size.ts). */
  truncated?: { originalBytes: number; sha256: string };
}

export interface HistoryEntry {
  at: string;
  /** An engine decision, or `manual` for a person's change. */
  source: 'engine' | 'manual' | 'write';
  decision: DecisionKind | null;
  state: PaymentState;
  messageId: string | null;
  orderId: number | null;
  rule: string | null;
  reasons: string[];
  candidates: number[];
  overpaidMinor?: number;
  remainingMinor?: number | null;
}

export interface StoredPayment {
  key: string;
  provider: string | null;
  code: string | null;
  /** The message that carries this payment (duplicates are listed in `messageIds` too). */
  messageId: string;
  messageIds: string[];
  amountMinor: number | null;
  currency: string | null;
  payerName: string | null;
  payerPhone: string | null;
  state: PaymentState;
  orderId: number | null;
  remainingMinor: number | null;
  createdAt: string;
  /** Last state change; archiving counts retention from here. */
  updatedAt: string;
  history: HistoryEntry[];
}

/** `receipt`: an SMS to the customer queued in the drop-box's outbox (not an order write, journalled the same way). */
export type WriteKind = 'confirm' | 'note' | 'hold' | 'meta' | 'status' | 'receipt';

export interface IntentInput {
  orderId: number;
  paymentKey: string;
  kind: WriteKind;
  /** What the write sets as the order's `transaction_id` (recovery compares it); null for notes. */
  transactionId: string | null;
  /** A short, secret-free summary of the request body (status, meta keys, note excerpt). */
  summary: Record<string, string | number | boolean | null>;
}

export type WriteOutcome =
  | { status: 'applied'; detail?: string }
  | { status: 'rejected'; error: string }
  | { status: 'skipped'; reason: string }
  | { status: 'unknown'; note: string };

export interface OrderWrite extends IntentInput {
  writeId: string;
  at: string;
  outcome: (WriteOutcome & { at: string }) | null;
}

export interface RunRecord {
  runId: string;
  command: string;
  startedAt: string;
  endedAt: string | null;
  outcome: 'ok' | 'item-failed' | 'failed' | 'busy' | 'running';
  counts: Record<string, number>;
  errors: string[];
}

export interface Alert {
  id: string;
  message: string;
  firstSeenAt: string;
  lastSeenAt: string;
  count: number;
  sentTo: string[];
  /** Set by `smsmatch alerts ack`: no longer shown or sent, but kept until its condition clears so it is not raised again. */
  ackedAt?: string;
  ackedBy?: string;
}

export type StatusValue = string | number | boolean | null;

export interface LedgerData {
  schemaVersion: typeof LEDGER_SCHEMA_VERSION;
  createdAt: string;
  messages: Record<string, StoredMessage>;
  payments: Record<string, StoredPayment>;
  writes: Record<string, OrderWrite>;
  cursor: { messageId: string | null; updatedAt: string | null };
  runs: RunRecord[];
  alerts: Record<string, Alert>;
  status: Record<string, StatusValue>;
  lastCompactedAt: string | null;
}

/** Settled states leave the hot file after the retention period. */
/** States that may leave the hot file after the retention period. Unmatched payments are real money nobody has
 * settled yet, so they stay (in the review queue) until a person assigns or dismisses them. */
export const SETTLED_STATES: ReadonlySet<PaymentState> = new Set<PaymentState>([
  'confirmed', 'assigned-manually', 'dismissed', 'duplicate', 'ignored', 'reversed',
]);

export function emptyLedgerData(now: string): LedgerData {
  return {
    schemaVersion: LEDGER_SCHEMA_VERSION,
    createdAt: now,
    messages: {},
    payments: {},
    writes: {},
    cursor: { messageId: null, updatedAt: null },
    runs: [],
    alerts: {},
    status: {},
    lastCompactedAt: null,
  };
}

/** Lookup by an untrusted id (a drop-box message id may be `constructor` or `__proto__`): own properties only. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Stores under an untrusted id without ever touching the prototype. */
export function putOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

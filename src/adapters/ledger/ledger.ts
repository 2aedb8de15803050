import { randomUUID } from 'node:crypto';
import type { IncomingSms, ParsedSms } from '../../core/sms/types.js';
import { InternalError } from '../../errors.js';
import type { ArchiveIndex, ArchiveLine } from './archive.js';
import { selectArchivable, stampsOf, withoutArchived } from './compact.js';
import type { LedgerCache } from './cache.js';
import type { LedgerStore } from './store.js';
import { applyDecision, changeState, sumPartials, type PartialSum } from './payments.js';
import type {
  Alert, DecisionInput, IntentInput, LedgerData, OrderWrite, PaymentState, RunRecord, StatusValue,
  StoredMessage, StoredPayment, WriteOutcome,
} from './types.js';
import { addRun, applyOutcome, raiseAlert } from './side-state.js';
import { own, putOwn } from './types.js';
import { buildHistory, keysForCode, type LedgerHistory } from './views.js';

export type { LedgerHistory } from './views.js';

const DAY_MS = 86_400_000;

export interface LedgerParts {
  store: LedgerStore;
  data: LedgerData;
  index: ArchiveIndex;
  clock: () => Date;
  retentionDays: number;
  dirty: boolean;
  warnings: string[];
  /** Set by a long-running process: close() keeps what it read for the next open. */
  cache?: LedgerCache | null;
}

/**
 * The state of one shop. Reads and mutations work on memory; `commit()` saves to the store (the lowdb hot file
 * or PostgreSQL) once, and only when something changed. `recordIntent` commits at once, because the intent must
 * be durable before the order write. The app never knows which store is underneath.
 */
export class Ledger {
  readonly path: string;
  readonly readOnly: boolean;
  readonly warnings: string[];
  readonly #p: LedgerParts;
  #version = 0;
  #saved: number;
  #lastCompactCheck: string | null = null;
  #closed = false;
  #queue: Promise<void> = Promise.resolve();

  #data: LedgerData;

  constructor(parts: LedgerParts) {
    this.#p = parts;
    this.#data = parts.data;
    this.path = parts.store.location;
    this.readOnly = !parts.store.writable;
    this.warnings = parts.warnings;
    this.#saved = parts.dirty ? -1 : 0;
    this.#lastCompactCheck = parts.cache?.lastCompactCheck ?? null;
  }

  #now(): string {
    return this.#p.clock().toISOString();
  }

  #touch(): void {
    if (this.#closed) throw new InternalError(`ledger ${this.path} used after close()`);
    this.#version += 1;
  }

  get dirty(): boolean {
    return this.#version !== this.#saved;
  }

  get stats(): { writes: number; bytesWritten: number; hotPayments: number; hotMessages: number; archivedCodes: number } {
    return {
      writes: this.#p.store.counters.writes, bytesWritten: this.#p.store.counters.bytesWritten,
      hotPayments: Object.keys(this.#data.payments).length, hotMessages: Object.keys(this.#data.messages).length,
      archivedCodes: this.#p.index.codes.size,
    };
  }

  // ── messages ──
  hasMessage(messageId: string): boolean {
    return Object.hasOwn(this.#data.messages, messageId) || this.#p.index.messageIds.has(messageId);
  }

  getMessage(messageId: string): StoredMessage | undefined {
    return own(this.#data.messages, messageId);
  }

  /** Stores an SMS verbatim; false (and nothing changes) when its message id was seen before, even if archived. */
  recordMessage(raw: IncomingSms, info: { parsed: ParsedSms | null; dropboxId?: string | null; truncated?: { originalBytes: number; sha256: string } | null }): boolean {
    if (this.hasMessage(raw.message_id)) return false;
    const ms = Number(raw.sent_timestamp);
    this.#touch();
    putOwn(this.#data.messages, raw.message_id, {
      messageId: raw.message_id, raw: { ...raw }, receivedAt: Number.isFinite(ms) && raw.sent_timestamp.trim() !== '' ? new Date(ms).toISOString() : null,
      storedAt: this.#now(), dropboxId: info.dropboxId ?? null, parsed: info.parsed, paymentKey: null,
      ...(info.truncated ? { truncated: { ...info.truncated } } : {}),
    });
    return true;
  }

  /** Messages stored but not yet decided (new this run, or left by an interrupted run), oldest first. */
  undecidedMessages(): StoredMessage[] {
    return Object.values(this.#data.messages)
      .filter((m) => m.paymentKey === null)
      .sort((a, b) => (a.receivedAt ?? a.storedAt).localeCompare(b.receivedAt ?? b.storedAt) || a.messageId.localeCompare(b.messageId));
  }

  // ── payments ──
  recordDecision(decision: DecisionInput): StoredPayment {
    this.#touch();
    return applyDecision(this.#data, decision, this.#now());
  }

  getPayment(key: string): StoredPayment | undefined {
    return this.#data.payments[key];
  }

  /** The archived copy of a payment that left the hot file (reads one monthly archive). */
  findArchivedPayment(key: string): Promise<ArchiveLine | null> {
    return this.#p.store.findArchived(this.#p.index, key);
  }

  paymentsByState(...states: PaymentState[]): StoredPayment[] {
    return Object.values(this.#data.payments).filter((p) => states.includes(p.state));
  }

  /** A person's verdict (dismiss, assign to an order, mark reversed …), kept in the payment's history. */
  setPaymentState(key: string, state: PaymentState, change: { reason: string; orderId?: number | null; remainingMinor?: number | null }): StoredPayment {
    const payment = this.#data.payments[key];
    if (!payment) throw new InternalError(`ledger has no payment ${key} in its hot file`);
    this.#touch();
    changeState(payment, state, this.#now(), change);
    return payment;
  }

  /**
   * The payment keys a person may mean by `code`: an exact key (`mpesa-ke:QAB1`, `msg:<id>`), or a bare code
   * under any provider; hot file and archive, sorted. More than one means the code needs its provider.
   */
  findPaymentKeys(code: string): string[] {
    return keysForCode(code, Object.keys(this.#data.payments), this.#p.index.codes.keys());
  }

  /** Every order write (confirmation, notes) recorded for one payment, oldest first. */
  writesFor(paymentKey: string): OrderWrite[] {
    return Object.values(this.#data.writes).filter((w) => w.paymentKey === paymentKey).sort((a, b) => a.at.localeCompare(b.at));
  }

  /** True when the key (`provider:CODE`) was ever recorded, including payments already archived. */
  codeSeen(key: string): boolean {
    return Object.hasOwn(this.#data.payments, key) || this.#p.index.codes.has(key);
  }

  partialsByOrder(): Map<number, PartialSum> {
    return sumPartials(Object.values(this.#data.payments));
  }

  /** What the matching engine needs from earlier runs; costs the hot file's size, not the archive's. */
  history(): LedgerHistory {
    return buildHistory(Object.values(this.#data.payments), this.#p.index);
  }

  // ── order writes ──
  /** Records and flushes an intent; do the HTTP write only after this resolves. */
  async recordIntent(input: IntentInput): Promise<OrderWrite> {
    const [write] = await this.recordIntents([input]);
    return write!;
  }

  /** Records several intents with one flush (a batch of writes or notes); do the HTTP calls only after it resolves. */
  async recordIntents(inputs: readonly IntentInput[]): Promise<OrderWrite[]> {
    if (inputs.length === 0) return [];
    this.#touch();
    const at = this.#now();
    const writes = inputs.map((input): OrderWrite => ({ ...input, summary: { ...input.summary }, writeId: `w-${randomUUID()}`, at, outcome: null }));
    for (const write of writes) this.#data.writes[write.writeId] = write;
    try {
      await this.commit();
    } catch (error) {
      for (const write of writes) delete this.#data.writes[write.writeId];
      throw error;
    }
    return writes;
  }

  /** Intents without an outcome: after a crash, check each against the order in WooCommerce. */
  openIntents(): OrderWrite[] {
    return Object.values(this.#data.writes).filter((w) => w.outcome === null).sort((a, b) => a.at.localeCompare(b.at));
  }

  getWrite(writeId: string): OrderWrite | undefined {
    return this.#data.writes[writeId];
  }

  /** An applied confirmation confirms its payment; any other end of a confirmation sends it to review. */
  resolveIntent(writeId: string, outcome: WriteOutcome): OrderWrite {
    const write = this.#data.writes[writeId];
    if (!write) throw new InternalError(`ledger has no order write ${writeId}`);
    this.#touch();
    applyOutcome(this.#data, write, outcome, this.#now());
    return write;
  }

  // ── cursor, runs, alerts, status ──
  cursor(): string | null {
    return this.#data.cursor.messageId;
  }

  setCursor(messageId: string): void {
    if (this.#data.cursor.messageId === messageId) return;
    this.#touch();
    this.#data.cursor = { messageId, updatedAt: this.#now() };
  }

  runs(): readonly RunRecord[] {
    return this.#data.runs;
  }

  /** Keeps the last 50 runs. Record a run only when it did something, so idle polls stay write-free. */
  recordRun(run: RunRecord): void {
    this.#touch();
    addRun(this.#data, run);
  }

  openAlerts(): Alert[] {
    return Object.values(this.#data.alerts);
  }

  raiseAlert(id: string, message: string): { alert: Alert; isNew: boolean } {
    this.#touch();
    return raiseAlert(this.#data, id, message, this.#now());
  }

  markAlertSent(id: string, channel: string): void {
    const alert = this.#data.alerts[id];
    if (!alert || alert.sentTo.includes(channel)) return;
    this.#touch();
    alert.sentTo.push(channel);
  }

  /** Marks an open alert acknowledged by a person; false when there is no such alert. */
  ackAlert(id: string, by: string): boolean {
    if (!Object.hasOwn(this.#data.alerts, id)) return false;
    const alert = this.#data.alerts[id];
    if (!alert || alert.ackedAt !== undefined) return alert !== undefined;
    this.#touch();
    alert.ackedAt = this.#now();
    alert.ackedBy = by;
    return true;
  }

  resolveAlert(id: string): boolean {
    if (!Object.hasOwn(this.#data.alerts, id)) return false;
    this.#touch();
    delete this.#data.alerts[id];
    return true;
  }

  getStatus(key: string): StatusValue | undefined {
    return this.#data.status[key];
  }

  /** Setting the same value again changes nothing (and so writes nothing). */
  setStatus(key: string, value: StatusValue): void {
    if (this.#data.status[key] === value) return;
    this.#touch();
    this.#data.status[key] = value;
  }

  // ── persistence ──
  /** Writes the hot file if anything changed (archiving first when a day has passed). Read-only: never writes. */
  commit(): Promise<boolean> {
    return this.#serial(() => this.#commitNow());
  }

  // Commits and compactions run one at a time: steno's fixed temp file must never have two writers.
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.then(() => undefined, () => undefined);
    return run;
  }

  async #commitNow(): Promise<boolean> {
    if (this.readOnly) return false;
    if (this.#closed) throw new InternalError(`ledger ${this.path} committed after close()`);
    if (this.#compactionDue() && (await this.#compactNow()).archived > 0) return true;
    if (!this.dirty) return false;
    await this.#write();
    return true;
  }

  // Stores serialise synchronously when save() is called: changes made while it is written count as unsaved.
  async #write(): Promise<void> {
    const version = this.#version;
    await this.#p.store.save(this.#data);
    this.#saved = version;
  }

  #compactionDue(): boolean {
    const last = [this.#data.lastCompactedAt, this.#lastCompactCheck].filter((x): x is string => x !== null).sort().at(-1);
    return last === undefined || this.#p.clock().getTime() - Date.parse(last) >= DAY_MS;
  }

  /**
   * Moves settled payments older than the retention period to the monthly archives: archive lines first
   * (fsynced), then the hot file without them. If the hot write fails, memory keeps them too.
   */
  compact(): Promise<{ archived: number }> {
    return this.#serial(() => this.#compactNow());
  }

  async #compactNow(): Promise<{ archived: number }> {
    if (this.readOnly) return { archived: 0 };
    const now = this.#p.clock();
    this.#lastCompactCheck = now.toISOString();
    const cutoff = new Date(now.getTime() - this.#p.retentionDays * DAY_MS).toISOString();
    const lines = selectArchivable(this.#data, cutoff, this.#p.index.confirmedOrders, now.toISOString());
    if (lines.length === 0) return { archived: 0 };
    const stamps = stampsOf(lines);
    await this.#p.store.appendArchive(lines, this.#p.index);
    const previous = this.#data;
    this.#data = withoutArchived(previous, lines, stamps, now.toISOString());
    try {
      await this.#write();
    } catch (error) {
      this.#data = previous;
      throw error;
    }
    return { archived: lines.length };
  }

  /** Releases the lock (or lease). Does not commit: call `commit()` first. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#keepForNextOpen().finally(() => this.#p.store.release());
  }

  // Stamps are taken while the lock is still ours: no other writer can slip in between stamp and release.
  async #keepForNextOpen(): Promise<void> {
    const cache = this.#p.cache;
    if (!cache) return;
    await this.#queue;
    if (this.dirty) return cache.clear();
    const stamps = await this.#p.store.stamps();
    cache.keep({ data: this.#data, hot: stamps.hot, index: this.#p.index, indexStamp: stamps.index, lastCompactCheck: this.#lastCompactCheck });
  }
}

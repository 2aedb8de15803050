import type { ArchiveLine } from './archive.js';
import { isConfirmedState } from './payments.js';
import { own, SETTLED_STATES, type LedgerData, type OrderWrite, type StoredPayment } from './types.js';

function isSettled(p: StoredPayment, confirmedOrders: ReadonlySet<number>): boolean {
  if (SETTLED_STATES.has(p.state)) return true;
  // A partial payment is settled once its order was confirmed by a later payment.
  return p.state === 'partial' && p.orderId !== null && confirmedOrders.has(p.orderId);
}

/** Identifies the version of a payment that was archived, so a change made meanwhile keeps it hot. */
function stamp(p: StoredPayment): string {
  return `${p.updatedAt}|${p.history.length}|${p.messageIds.length}`;
}

/**
 * The settled payments last changed before `cutoff`, with their messages and finished writes, as archive
 * lines. A payment with an order write still waiting for its outcome always stays hot. Pure.
 */
export function selectArchivable(data: LedgerData, cutoff: string, archivedConfirmed: ReadonlySet<number>, archivedAt: string): ArchiveLine[] {
  const confirmed = new Set(archivedConfirmed);
  for (const p of Object.values(data.payments)) if (p.orderId !== null && isConfirmedState(p.state)) confirmed.add(p.orderId);
  const writesByPayment = new Map<string, OrderWrite[]>();
  for (const w of Object.values(data.writes)) {
    const list = writesByPayment.get(w.paymentKey) ?? [];
    list.push(w);
    writesByPayment.set(w.paymentKey, list);
  }
  const lines: ArchiveLine[] = [];
  for (const p of Object.values(data.payments)) {
    if (p.updatedAt >= cutoff || !isSettled(p, confirmed)) continue;
    const writes = writesByPayment.get(p.key) ?? [];
    if (writes.some((w) => w.outcome === null)) continue;
    const messages = p.messageIds.flatMap((id) => own(data.messages, id) ?? []);
    lines.push({ v: 1, archivedAt, month: p.updatedAt.slice(0, 7), payment: p, messages, writes });
  }
  return lines;
}

export function stampsOf(lines: readonly ArchiveLine[]): Map<string, string> {
  return new Map(lines.map((l) => [l.payment.key, stamp(l.payment)]));
}

/**
 * The hot data without the archived payments, built from the data as it is now: a payment that changed
 * while the archive was being written stays (its archive line is then an older copy, which readers tolerate).
 */
export function withoutArchived(data: LedgerData, lines: readonly ArchiveLine[], stamps: ReadonlyMap<string, string>, archivedAt: string): LedgerData {
  const payments = { ...data.payments };
  const messages = { ...data.messages };
  const writes = { ...data.writes };
  for (const line of lines) {
    const p = payments[line.payment.key];
    if (!p || stamp(p) !== stamps.get(p.key)) continue;
    delete payments[p.key];
    for (const id of p.messageIds) delete messages[id];
    for (const w of line.writes) delete writes[w.writeId];
  }
  return { ...data, payments, messages, writes, lastCompactedAt: archivedAt };
}

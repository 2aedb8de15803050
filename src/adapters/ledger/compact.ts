import type { ArchiveLine } from './archive.js';
import { isConfirmedState } from './payments.js';
import { SETTLED_STATES, type LedgerData, type OrderWrite, type StoredPayment } from './types.js';

function isSettled(p: StoredPayment, confirmedOrders: ReadonlySet<number>): boolean {
  if (SETTLED_STATES.has(p.state)) return true;
  // A partial payment is settled once its order was confirmed by a later payment.
  return p.state === 'partial' && p.orderId !== null && confirmedOrders.has(p.orderId);
}

/**
 * Picks the settled payments last changed before `cutoff` (with their messages and finished writes) and
 * returns them as archive lines plus the hot data without them. Pure: `data` is not modified.
 * A payment with an order write still waiting for its outcome always stays hot.
 */
export function planCompaction(
  data: LedgerData,
  cutoff: string,
  archivedConfirmed: ReadonlySet<number>,
  archivedAt: string,
): { lines: ArchiveLine[]; next: LedgerData } {
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
    const messages = p.messageIds.flatMap((id) => data.messages[id] ?? []);
    lines.push({ v: 1, archivedAt, month: p.updatedAt.slice(0, 7), payment: p, messages, writes });
  }
  if (lines.length === 0) return { lines, next: data };
  const payments = { ...data.payments };
  const messages = { ...data.messages };
  const writes = { ...data.writes };
  for (const line of lines) {
    delete payments[line.payment.key];
    for (const m of line.messages) delete messages[m.messageId];
    for (const w of line.writes) delete writes[w.writeId];
  }
  return { lines, next: { ...data, payments, messages, writes, lastCompactedAt: archivedAt } };
}

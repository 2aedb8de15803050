import type { OrderWrite } from '../adapters/ledger/index.js';
import type { Order } from '../core/order.js';
import { holdApplied } from '../core/reversal.js';
import { recordNoteIntents } from './apply-confirms.js';
import { markReversed } from './reversals.js';
import type { AppliedWrite, ReconcileDeps } from './types.js';

/**
 * An order hold a crash left open. The order carries `_smsmatch_reversed` = the payment's code only if the
 * write happened: then the payment is reversed and the hold's note is due (unless its intent exists); if not,
 * the intent is closed and this run's reversal pass puts the order on hold again.
 */
export async function recoverHold(deps: ReconcileDeps, write: OrderWrite, order: Order | undefined, queue: readonly OrderWrite[]): Promise<{ result: AppliedWrite; notes: OrderWrite[] }> {
  const { ledger } = deps;
  const payment = ledger.getPayment(write.paymentKey);
  const base = { messageId: payment?.messageId ?? '', code: payment?.code ?? null, orderId: write.orderId };
  const applied = order !== undefined && holdApplied(order, write.transactionId);
  if (deps.dryRun) return { result: { ...base, outcome: applied ? 'already-applied' : 'would-apply', detail: 'hold left open by an interrupted run' }, notes: [] };
  if (!order || !applied) {
    ledger.resolveIntent(write.writeId, { status: 'skipped', reason: 'not applied before the interruption; tried again this run' });
    return { result: { ...base, outcome: 'skipped', detail: 'hold not applied before the interruption; tried again this run' }, notes: [] };
  }
  ledger.resolveIntent(write.writeId, { status: 'applied', detail: 'found on the order after a restart' });
  const alert = write.summary['alert'];
  markReversed(ledger, write.paymentKey, `reversed: order ${write.orderId} found on hold after a restart`, typeof alert === 'string' ? alert : null);
  const reversalKey = write.summary['reversalKey'];
  const note = write.summary['fullNote'];
  const hasNote = (w: OrderWrite): boolean => w.kind === 'note' && w.paymentKey === reversalKey && w.orderId === write.orderId;
  const due = typeof note === 'string' && typeof reversalKey === 'string' && !queue.some(hasNote) && !ledger.writesFor(reversalKey).some(hasNote);
  const notes = due ? await recordNoteIntents(ledger, reversalKey, write.orderId, note, null) : [];
  return { result: { ...base, outcome: 'already-applied', detail: `order #${order.number} already on hold for the reversal` }, notes };
}

/**
 * A part-payment leaves a private note on its order ("KES 500.00 of KES 850.00 received, UKR3D4E5F6"), so the
 * owner sees it in wp-admin. Exactly once, like confirmations: the note's intent is recorded in the same ledger
 * write as the decision, the note is sent after, and recovery settles an intent a crash left open by looking
 * for the note on the order.
 */
import type { Ledger, OrderWrite } from '../adapters/ledger/index.js';
import type { ShopClient } from '../adapters/woocommerce/client.js';
import type { PaymentEvidence } from '../core/apply.js';
import { partialNote } from '../core/apply.js';
import type { Decision } from '../core/match/index.js';
import type { Order } from '../core/order.js';
import { addNote, noteIntents } from './apply-confirms.js';
import type { ReconcileDeps } from './types.js';

export interface PartialItem {
  decision: Decision;
  paymentKey: string;
  evidence: PaymentEvidence;
}

/** Records the decisions and the notes their part-payments owe, in one ledger write. */
export async function recordWithPartialNotes(ledger: Ledger, decisions: readonly Decision[], partials: readonly PartialItem[], orders: readonly Order[], dryRun: boolean): Promise<OrderWrite[]> {
  for (const d of decisions) ledger.recordDecision(d);
  if (dryRun) return [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  const intents = partials.flatMap(({ decision: d, paymentKey, evidence }) => {
    const order = d.orderId === null ? undefined : byId.get(d.orderId);
    if (!order || d.decision !== 'partial' || d.remainingMinor === null) return [];
    const text = partialNote({ orderNumber: order.number, totalMinor: order.totalMinor, remainingMinor: d.remainingMinor }, evidence);
    return noteIntents(paymentKey, order.id, text, null);
  });
  return ledger.recordIntents(intents);
}

/** Sends the notes whose intents are on disk; a failure leaves the intent open for the next run. */
export async function sendPartialNotes(deps: ReconcileDeps, shop: ShopClient, intents: readonly OrderWrite[]): Promise<void> {
  for (const intent of intents) await addNote(deps, shop, intent, false);
  if (intents.length > 0) await deps.ledger.commit();
}

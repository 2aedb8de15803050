import type { Ledger, OrderWrite, StoredMessage, StoredPayment } from '../adapters/ledger/index.js';
import { paymentKey } from '../adapters/ledger/index.js';
import type { ShopClient } from '../adapters/woocommerce/client.js';
import type { Decision } from '../core/match/index.js';
import type { HoldPlan, ReversalEvidence, ReversedPayment } from '../core/reversal.js';
import { planHoldWrite, planReversal } from '../core/reversal.js';
import { UnavailableError } from '../errors.js';
import { addNote, recordNoteIntents, rereadOrders } from './apply-confirms.js';
import { hotMessages } from './hot-messages.js';
import { asReview } from './late-payments.js';
import type { AppliedWrite, ReconcileDeps } from './types.js';

/**
 * Reversals. Driven by the ledger's state, not by this run's messages: every trusted reversal SMS in the hot
 * file whose payment is not yet `reversed` is settled, so a run interrupted half-way is finished by the next.
 * A confirmed payment's order goes on hold through the exactly-once path (intent on disk, write, outcome,
 * then the note as its own intent); recovery reads the order's `_smsmatch_reversed` meta (reversal-recovery.ts).
 */
interface Reversal {
  message: StoredMessage;
  ev: ReversalEvidence;
  /** The reversal SMS's own payment key (its notes hang there). */
  key: string;
  originalKey: string;
}

interface Hold {
  r: Reversal;
  payment: StoredPayment;
  target: ReversedPayment;
  orderId: number;
}

export function trustedReversals(messages: readonly StoredMessage[]): Reversal[] {
  return messages.flatMap((m) => {
    const p = m.parsed;
    if (!p || p.kind !== 'reversal' || !p.trusted || !p.reverses || !p.provider) return [];
    const ev: ReversalEvidence = { code: p.code, reverses: p.reverses, provider: p.provider, smsText: m.raw.message };
    return [{ message: m, ev, key: m.paymentKey ?? paymentKey(p.provider, p.code, m.messageId), originalKey: paymentKey(p.provider, p.reverses, m.messageId) }];
  });
}

/** A payment whose reversal is already in the ledger (it arrived first) is never confirmed. */
export function holdBackReversed(messages: readonly StoredMessage[], decisions: Decision[]): Decision[] {
  const reversed = new Map(trustedReversals(messages).map((r) => [r.originalKey, r]));
  if (reversed.size === 0) return decisions;
  return decisions.map((d) => {
    const r = d.code ? reversed.get(paymentKey(d.provider, d.code, d.messageId)) : undefined;
    if (!r || (d.decision !== 'confirm' && d.decision !== 'partial')) return d;
    return asReview(d, 'reversed', `the ledger already holds ${r.ev.code ? `reversal ${r.ev.code}` : 'a reversal SMS'} of ${d.code}: the money was taken back`);
  });
}

function toTarget(ledger: Ledger, p: StoredPayment): ReversedPayment {
  const confirmApplied = ledger.writesFor(p.key).some((w) => w.kind === 'confirm' && w.outcome?.status === 'applied');
  return { code: p.code ?? p.key, state: p.state, orderId: p.orderId, amountMinor: p.amountMinor, currency: p.currency, confirmApplied };
}

/** Settles every reversal the ledger holds but has not settled yet. `decided`: the SMS decided this run. */
export async function settleReversals(deps: ReconcileDeps, decided: ReadonlyArray<{ messageId: string }>): Promise<AppliedWrite[]> {
  const { ledger } = deps;
  const messages = hotMessages(ledger);
  const decidedIds = new Set(decided.map((m) => m.messageId));
  const holds: Hold[] = [];
  const notes: OrderWrite[] = [];
  for (const r of trustedReversals(messages)) {
    const payment = ledger.getPayment(r.originalKey);
    const target = payment ? toTarget(ledger, payment) : null;
    const step = planReversal(target, r.ev);
    if (step.kind === 'hold' && payment && target) holds.push({ r, payment, target, orderId: step.orderId });
    if (step.kind === 'hold' || deps.dryRun) continue;
    if (step.kind === 'none' || step.kind === 'wait') {
      if (decidedIds.has(r.message.messageId)) nothingToSettle(deps, r, step.reason, payment);
      continue;
    }
    ledger.setPaymentState(r.originalKey, 'reversed', { reason: step.reason });
    deps.log.warn('payment reversed', { code: r.ev.reverses, detail: step.reason });
    if (step.note) notes.push(...(await recordNoteIntents(ledger, r.key, step.note.orderId, step.note.text, null)));
  }
  const results = holds.length > 0 && deps.shop ? await writeHolds(deps, deps.shop, holds, notes) : [];
  await ledger.commit();
  if (deps.shop) for (const intent of notes) await addNote(deps, deps.shop, intent);
  return results;
}

function nothingToSettle(deps: ReconcileDeps, r: Reversal, reason: string, payment: StoredPayment | undefined): void {
  if (!payment && deps.ledger.codeSeen(r.originalKey)) {
    const text = `${r.ev.code ? `reversal ${r.ev.code}` : 'a reversal SMS'} names payment ${r.ev.reverses}, which is already archived: check its order by hand`;
    deps.ledger.raiseAlert(`reversal:${r.originalKey}`, text);
    deps.log.warn('reversal of an archived payment', { code: r.ev.reverses, detail: text });
    return;
  }
  deps.log.info('reversal recorded, nothing to settle', { code: r.ev.reverses, detail: reason });
}

/** Reversed: the payment no longer counts; the alert tells a person what smsmatch did and what to check. */
export function markReversed(ledger: Ledger, paymentKeyOf: string, reason: string, alert: string | null): void {
  if (ledger.getPayment(paymentKeyOf)?.state !== 'reversed') ledger.setPaymentState(paymentKeyOf, 'reversed', { reason });
  if (alert) ledger.raiseAlert(`reversal:${paymentKeyOf}`, alert);
}

async function writeHolds(deps: ReconcileDeps, shop: ShopClient, holds: Hold[], notes: OrderWrite[]): Promise<AppliedWrite[]> {
  const { ledger } = deps;
  const orders = await rereadOrders(shop, holds.map((h) => h.orderId));
  const results: AppliedWrite[] = [];
  const writes: Array<{ h: Hold; plan: Extract<HoldPlan, { kind: 'write' }>; intent: OrderWrite }> = [];
  for (const h of holds) {
    const base = { messageId: h.r.message.messageId, code: h.r.ev.code, orderId: h.orderId };
    const order = orders.get(h.orderId);
    const plan: HoldPlan | null = order ? planHoldWrite(order, h.target, h.r.ev) : null;
    if (!plan || plan.kind === 'skip') {
      const detail = plan?.reason ?? `order ${h.orderId} could not be read from the shop: not put on hold`;
      const alert = plan ? plan.alert : `payment ${h.target.code} was reversed by ${h.r.ev.code ?? 'a reversal SMS'}, but its order ${h.orderId} could not be read: check it by hand`;
      if (!deps.dryRun) markReversed(ledger, h.payment.key, `reversed by ${h.r.ev.code ?? 'a reversal SMS'}: ${detail}`, alert);
      results.push({ ...base, outcome: plan?.alreadyApplied ? 'already-applied' : 'skipped', detail });
      continue;
    }
    if (deps.dryRun) {
      results.push({ ...base, outcome: 'would-apply', detail: 'status → on-hold (payment reversed)' });
      continue;
    }
    const intent = await ledger.recordIntent({
      orderId: h.orderId, paymentKey: h.payment.key, kind: 'hold', transactionId: h.target.code,
      summary: { body: 'status → on-hold, meta _smsmatch_reversed', reversalKey: h.r.key, note: plan.note.slice(0, 120), fullNote: plan.note, alert: plan.alert },
    });
    writes.push({ h, plan, intent });
  }
  if (writes.length === 0) return results;
  deps.onStep?.('after-intents');
  const outcomes = await sendHolds(shop, writes.map((w) => ({ id: w.plan.orderId, ...w.plan.body })));
  deps.onStep?.('after-write');
  // As for confirmations: the note intents are on disk before the holds are marked applied.
  for (const w of writes) if (outcomes.get(w.plan.orderId)?.ok === true) notes.push(...(await recordNoteIntents(ledger, w.h.r.key, w.plan.orderId, w.plan.note, null)));
  for (const { h, plan, intent } of writes) {
    const base = { messageId: h.r.message.messageId, code: h.r.ev.code, orderId: plan.orderId };
    const outcome = outcomes.get(plan.orderId);
    if (!outcome) {
      results.push({ ...base, outcome: 'unknown', detail: 'the shop did not answer; settled on the next run' });
    } else if (outcome.ok) {
      ledger.resolveIntent(intent.writeId, { status: 'applied', detail: 'status on-hold' });
      markReversed(ledger, h.payment.key, `reversed by ${h.r.ev.code ?? 'a reversal SMS'}: order ${plan.orderId} put on hold`, plan.alert);
      results.push({ ...base, outcome: 'applied', detail: `order now on-hold: payment ${h.target.code} reversed` });
    } else {
      ledger.resolveIntent(intent.writeId, { status: 'rejected', error: outcome.error });
      // Settled all the same (the money is gone): the alert asks a person to hold the order, not every run to retry.
      const alert = `payment ${h.target.code} was reversed by ${h.r.ev.code ?? 'a reversal SMS'}, but the shop refused to put order ${plan.orderId} on hold (${outcome.error}): do it by hand`;
      markReversed(ledger, h.payment.key, `reversed; holding order ${plan.orderId} was refused`, alert);
      results.push({ ...base, outcome: 'rejected', detail: outcome.error });
    }
  }
  await ledger.commit();
  deps.onStep?.('after-outcome');
  return results;
}

type HoldOutcome = { ok: true } | { ok: false; error: string };

async function sendHolds(shop: ShopClient, updates: Array<{ id: number } & Record<string, unknown>>): Promise<Map<number, HoldOutcome>> {
  const out = new Map<number, HoldOutcome>();
  try {
    for (const r of await shop.batchUpdateOrders(updates)) out.set(r.id, r.error ? { ok: false, error: `${r.error.code}: ${r.error.message}` } : { ok: true });
  } catch (error) {
    // Unanswered: the intents stay open and recovery reads the truth from the order's meta.
    if (!(error instanceof UnavailableError)) throw error;
  }
  return out;
}

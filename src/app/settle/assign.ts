import type { Ledger, StoredMessage, StoredPayment } from '../../adapters/ledger/index.js';
import type { ShopClient } from '../../adapters/woocommerce/client.js';
import type { ApplyPolicy, PaymentEvidence } from '../../core/apply.js';
import { partialNote, planConfirmWrite } from '../../core/apply.js';
import type { Decision } from '../../core/match/index.js';
import { displayMoney } from '../../core/money.js';
import type { Order } from '../../core/order.js';
import { closeAlertsOfPayment } from '../alert-ack.js';
import { DataError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { addNote, applyConfirms, describeBody, recordNoteIntents, rereadOrders } from '../apply-confirms.js';
import type { AppliedWrite, ReconcileDeps } from '../types.js';
import { assignablePayment, coverage, orderFreeInLedger, payableOrder, shortfall, type Coverage } from './checks.js';
import { displayCode, hotPayment, resolvePaymentKey } from './lookup.js';

export interface SettleDeps {
  ledger: Ledger;
  shop: ShopClient;
  apply: ApplyPolicy;
  clock: () => Date;
  log: Logger;
  /** For SMS receipts (`apply.smsReceipt`): the drop-box's outbox and the shop's country code. */
  outbox?: ReconcileDeps['outbox'];
  callingCode?: string;
}

export interface AssignRequest {
  code: string;
  orderId: number;
  by: string;
  acceptPartial: boolean;
  dryRun: boolean;
}

export type AssignOutcome = 'assigned' | 'partial' | 'would-assign' | 'would-record-partial' | 'rejected' | 'unknown';

export interface AssignResult {
  key: string;
  code: string;
  orderId: number;
  outcome: AssignOutcome;
  detail: string;
  amount: string;
  outstanding: string;
  overpaidMinor: number;
  remainingMinor: number;
  by: string;
  /** Alerts about this payment (balance chain, reversal) that settling it closed. */
  closedAlerts?: string[];
}

/**
 * Confirms one payment for one order by hand, through the same path as reconcile: every refusal is decided
 * before anything is written, the order is re-read, the intent is on disk before the write, the outcome and
 * the note follow. `--accept-partial` with too little money records a part-payment in the ledger only.
 */
export async function assignPayment(deps: SettleDeps, req: AssignRequest): Promise<AssignResult> {
  const { ledger } = deps;
  const key = resolvePaymentKey(ledger, req.code);
  const payment = hotPayment(ledger, key);
  const message = assignablePayment(ledger, payment, req.orderId);
  orderFreeInLedger(ledger, req.orderId, key);
  const order = (await rereadOrders(deps.shop, [req.orderId])).get(req.orderId);
  if (!order) throw new DataError(`order #${req.orderId} was not found in the shop (or could not be read)`, { hint: 'check the order number in WooCommerce → Orders' });
  const code = displayCode(payment);
  payableOrder(order, payment.code ?? payment.messageId);
  const cover = coverage(ledger, payment, order);
  const base = resultBase(payment, order, cover, req);
  // Short by no more than apply.underpaymentToleranceMinor pays the order, as it would in reconcile.
  const short = cover.remainingMinor > 0 && cover.remainingMinor <= (deps.apply.underpaymentToleranceMinor ?? 0) ? cover.remainingMinor : 0;
  if (cover.remainingMinor > short) {
    if (!req.acceptPartial) throw shortfall(payment, order, cover);
    return recordPartial(deps, payment, order, cover, base, { req, message });
  }
  const evidence = { ...evidenceFor(payment, message, cover, req.by), shortMinor: short };
  const plan = planConfirmWrite(order, evidence, deps.apply, deps.clock().toISOString());
  if (plan.kind === 'skip') throw new DataError(plan.reason);
  if (req.dryRun) return { ...base, outcome: 'would-assign', detail: `would write order #${order.number}: ${describeBody(plan.body)}` };

  ledger.setPaymentState(key, 'matched', { reason: `assigned by hand by ${req.by} to order #${order.number}`, orderId: order.id, remainingMinor: 0 });
  const [write] = await applyConfirms(writeDeps(deps), deps.shop, [{ decision: decisionFor(payment, order.id), paymentKey: key, evidence }]);
  return finish(ledger, key, code, order, base, write, req.by);
}

async function recordPartial(deps: SettleDeps, payment: StoredPayment, order: Order, cover: Coverage, base: AssignResult, ctx: { req: AssignRequest; message: StoredMessage }): Promise<AssignResult> {
  const { ledger } = deps;
  const { req } = ctx;
  const still = displayMoney(cover.remainingMinor, order.currency);
  if (payment.state === 'partial' && payment.orderId === order.id) throw new DataError(`payment ${displayCode(payment)} is already a part-payment toward order #${order.number}; ${still} still owed`);
  if (req.dryRun) return { ...base, outcome: 'would-record-partial', detail: `would record a part-payment toward order #${order.number}; ${still} would still be owed` };
  ledger.setPaymentState(payment.key, 'partial', {
    reason: `part-payment toward order #${order.number} accepted by hand by ${req.by}; ${still} still owed`, orderId: order.id, remainingMinor: cover.remainingMinor,
  });
  // The state and the note's intent reach the disk together; the note follows (recovery retries it if lost).
  const text = partialNote({ orderNumber: order.number, totalMinor: order.totalMinor, remainingMinor: cover.remainingMinor }, evidenceFor(payment, ctx.message, cover, req.by));
  const intents = await recordNoteIntents(ledger, payment.key, order.id, text, null);
  for (const intent of intents) await addNote(writeDeps(deps), deps.shop, intent, false);
  const closedAlerts = closeAlertsOfPayment(ledger, payment);
  await ledger.commit();
  return { ...base, closedAlerts, outcome: 'partial', detail: `recorded as part-payment toward order #${order.number}; ${still} still owed, the order is unchanged` };
}

async function finish(ledger: Ledger, key: string, code: string, order: Order, base: AssignResult, write: AppliedWrite | undefined, by: string): Promise<AssignResult> {
  if (write?.outcome === 'applied') {
    ledger.setPaymentState(key, 'assigned-manually', { reason: `order #${order.number} marked paid; assigned by hand by ${by}`, orderId: order.id });
    const payment = ledger.getPayment(key);
    const closedAlerts = payment ? closeAlertsOfPayment(ledger, payment) : [];
    await ledger.commit();
    return { ...base, outcome: 'assigned', detail: `order #${order.number} marked paid with ${code} (${write.detail})`, closedAlerts };
  }
  if (write?.outcome === 'unknown') return { ...base, outcome: 'unknown', detail: `the shop did not answer; the next \`smsmatch reconcile\` checks order #${order.number} and settles it` };
  return { ...base, outcome: 'rejected', detail: `order #${order.number} not updated: ${write?.detail ?? 'no result'}; the payment is back in review` };
}

function resultBase(payment: StoredPayment, order: Order, cover: Coverage, req: AssignRequest): AssignResult {
  return {
    key: payment.key, code: displayCode(payment), orderId: order.id, outcome: 'would-assign', detail: '',
    amount: displayMoney(payment.amountMinor ?? 0, order.currency), outstanding: displayMoney(cover.outstandingMinor, order.currency),
    overpaidMinor: cover.overpaidMinor, remainingMinor: cover.remainingMinor, by: req.by,
  };
}

function evidenceFor(payment: StoredPayment, message: StoredMessage, cover: Coverage, by: string): PaymentEvidence {
  const currency = payment.currency ?? '';
  const reasons = [
    ...(cover.partialCodes.length > 0 ? [`completes the part-payment(s) ${cover.partialCodes.join(', ')}`] : []),
    ...(cover.overpaidMinor > 0 ? [`overpaid by ${displayMoney(cover.overpaidMinor, currency)}`] : []),
  ];
  return {
    code: payment.code ?? payment.messageId, provider: payment.provider ?? 'unknown', messageId: message.messageId,
    amountMinor: payment.amountMinor ?? 0, currency, payerName: payment.payerName, payerPhone: payment.payerPhone,
    occurredAt: message.parsed?.occurredAt ?? null, rule: 'manual', reasons, smsText: message.raw.message, manual: { by },
  };
}

/** applyConfirms reads only the ids and code of the decision; the rest says it was a person's choice. */
function decisionFor(payment: StoredPayment, orderId: number): Decision {
  return {
    messageId: payment.messageId, code: payment.code, provider: payment.provider, decision: 'confirm', orderId, candidates: [orderId],
    rule: 'manual', reasons: [], amountMinor: payment.amountMinor, currency: payment.currency, overpaidMinor: 0, remainingMinor: 0,
    suggestedOrderId: null, duplicateOf: null, paidAt: payment.createdAt, payerName: payment.payerName, payerPhone: payment.payerPhone, account: null,
  };
}

function writeDeps(deps: SettleDeps): Parameters<typeof applyConfirms>[0] {
  return {
    ledger: deps.ledger, shop: deps.shop, source: { kind: 'list', messages: [] }, providers: [], matching: {},
    apply: deps.apply, clock: deps.clock, log: deps.log, dryRun: false,
    ...(deps.callingCode !== undefined ? { matching: { callingCode: deps.callingCode } } : {}), outbox: deps.outbox ?? null,
  };
}

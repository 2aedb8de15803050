import { randomUUID } from 'node:crypto';
import type { StoredMessage } from '../adapters/ledger/index.js';
import { paymentKey } from '../adapters/ledger/index.js';
import { toOrder } from '../adapters/woocommerce/order-schema.js';
import type { Decision, MatchHistory, MatchMessage } from '../core/match/index.js';
import { DEFAULT_MATCH_CONFIG, matchPayments } from '../core/match/index.js';
import type { Order } from '../core/order.js';
import { ConfigError, UnavailableError } from '../errors.js';
import type { ConfirmItem } from './apply-confirms.js';
import { applyConfirms } from './apply-confirms.js';
import { paymentsWithEnteredCodes } from './entered-codes.js';
import { guardDecisions } from './guards.js';
import { withCancelled } from './late-payments.js';
import { recordWithPartialNotes, sendPartialNotes } from './partial-notes.js';
import { pullMessages } from './pull-messages.js';
import { isFreshLedger, recordShopTruth, settleFromShopTruth } from './fresh-ledger.js';
import { recoverOpenIntents } from './recover.js';
import { settleReversals } from './reversals.js';
import type { AppliedWrite, ReconcileDeps, ReconcileReport } from './types.js';

const DAY_MS = 86_400_000;

/**
 * One pass: settle what an interrupted run left open, pull new SMS, decide the undecided ones against the
 * open orders (fetched only when there is a trusted payment to match), apply confirmations, report.
 * With `dryRun` the ledger is read-only and nothing is written anywhere.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  const startedAt = deps.clock().toISOString();
  const runId = `r-${randomUUID()}`;
  const { ledger } = deps;
  const shopRequestsBefore = deps.shop?.requestCount() ?? 0;
  const dropboxRequestsBefore = deps.source.kind === 'dropbox' ? deps.source.client.requestCount() : 0;

  let recovered: AppliedWrite[] = [];
  let retry = new Set<string>();
  if (ledger.openIntents().length > 0) {
    ({ recovered, retry } = await recoverOpenIntents(deps, requireShop(deps)));
  }
  // A crash between recording decisions and recording intents leaves payments matched with no write at all.
  const pendingWrites = new Set(ledger.openIntents().map((w) => w.paymentKey));
  // They go back to review (so their orders no longer look taken) and are matched again, as recovery does.
  for (const p of ledger.paymentsByState('matched')) {
    if (pendingWrites.has(p.key)) continue;
    ledger.setPaymentState(p.key, 'review', { reason: 'interrupted before its order write; matched again' });
    retry.add(p.key);
  }

  // Decided before pulling: a ledger that has never seen anything starts from the shop's truth (fresh-ledger.ts).
  const fresh = isFreshLedger(ledger);
  const pulled = await pullMessages(deps);
  // A customer who typed the code of a payment waiting for a person gets it matched again (and confirmed) now.
  const codeWarnings: string[] = [];
  try {
    for (const key of await paymentsWithEnteredCodes(deps, pulled.lastCodeAt)) retry.add(key);
  } catch (error) {
    // The shop being down must not lose the SMS just pulled; anything else is a bug and propagates.
    if (!(error instanceof UnavailableError)) throw error;
    codeWarnings.push(`could not check the orders for codes typed by customers (tried again next pass): ${error.message}`);
  }
  const pending = ledger.undecidedMessages();
  const retried = [...retry].map((key) => ledger.getPayment(key)).flatMap((p) => (p ? [ledger.getMessage(p.messageId)] : [])).filter((m): m is StoredMessage => m !== undefined);
  let toDecide = [...pending, ...retried.filter((m) => !pending.includes(m))].map(toMatchMessage).filter((m): m is MatchMessage => m !== null);

  const decisions: Decision[] = [];
  let applied: AppliedWrite[] = [];
  const warnings = [...codeWarnings, ...pulled.warnings, ...ledger.warnings];
  let itemFailed = false;
  if (toDecide.length > 0) {
    const needsOrders = toDecide.some((m) => m.parsed.kind === 'payment' && m.parsed.trusted);
    const fetched = needsOrders ? await fetchCandidateOrders(deps, toDecide, warnings, fresh) : { orders: [], malformed: 0 };
    if (fetched.malformed > 0) itemFailed = true;
    const truth = fresh ? settleFromShopTruth(toDecide, fetched.orders, { ...DEFAULT_MATCH_CONFIG, ...deps.matching }) : { settled: [], remaining: toDecide };
    if (truth.settled.length > 0) {
      recordShopTruth(ledger, truth);
      decisions.push(...truth.settled.map((t) => t.decision));
      const before = truth.settled.filter((t) => t.state === 'ignored').map((t) => t.decision.code ?? t.decision.messageId);
      if (before.length > 0) warnings.push(`new ledger: ${before.length} payment(s) received before smsmatch's latest write in the shop were not decided again (${before.slice(0, 10).join(', ')}${before.length > 10 ? ', …' : ''}); \`smsmatch explain CODE\` says why, \`smsmatch assign CODE ORDER\` settles one by hand`);
    }
    toDecide = truth.remaining;
    // The engine sees only the orders that can take a payment (a new ledger lists every status for the truth above).
    const orders = { orders: fetched.orders.filter((o) => candidateStatuses(deps).has(o.status)) };
    const history = hideKeys(ledger.history(), retry);
    // apply.underpaymentToleranceMinor is the shop's policy, handed to the engine with the matching rules.
    const matchDeps = { ...deps, matching: { ...deps.matching, underpaymentToleranceMinor: deps.apply.underpaymentToleranceMinor ?? 0 } };
    const engine = matchPayments({ messages: toDecide, orders: orders.orders, config: matchDeps.matching, history });
    decisions.push(...guardDecisions(matchDeps, { decisions: engine, messages: toDecide, orders: orders.orders, history }));
    const partials = decisions.filter((d) => d.decision === 'partial' && d.orderId !== null).map((d) => confirmItem(d, ledger.getMessage(d.messageId)));
    const partialNotes = await recordWithPartialNotes(ledger, decisions.filter((d) => d.rule !== 'already-in-shop' && d.rule !== 'before-this-ledger'), partials, orders.orders, deps.dryRun);
    await ledger.commit();
    deps.onStep?.('after-decide');
    const confirms = decisions.filter((d) => d.decision === 'confirm' && d.orderId !== null && d.rule !== 'already-in-shop').map((d) => confirmItem(d, ledger.getMessage(d.messageId)));
    if (confirms.length > 0) applied = await applyConfirms(deps, requireShop(deps), confirms);
    if (applied.some((a) => a.outcome === 'rejected')) itemFailed = true;
    if (partialNotes.length > 0) await sendPartialNotes(deps, requireShop(deps), partialNotes);
  }
  // Every run: a reversal whose settling a crash interrupted is finished even when no SMS is new.
  applied.push(...(await settleReversals(deps, toDecide)));

  const report: ReconcileReport = {
    runId, startedAt, endedAt: deps.clock().toISOString(), dryRun: deps.dryRun, newMessages: pulled.stored, decisions, applied, recovered, warnings,
    counts: countAll(decisions, applied),
    requests: {
      shop: (deps.shop?.requestCount() ?? 0) - shopRequestsBefore,
      dropbox: deps.source.kind === 'dropbox' ? deps.source.client.requestCount() - dropboxRequestsBefore : 0,
    },
    exitCode: itemFailed ? 1 : 0,
  };
  if (!deps.dryRun && (decisions.length > 0 || recovered.length > 0)) {
    ledger.recordRun({ runId, command: 'reconcile', startedAt, endedAt: report.endedAt, outcome: itemFailed ? 'item-failed' : 'ok', counts: report.counts, errors: [] });
    ledger.setStatus('lastRunAt', report.endedAt);
    await ledger.commit();
  }
  return report;
}

function requireShop(deps: ReconcileDeps): NonNullable<ReconcileDeps['shop']> {
  if (!deps.shop) throw new ConfigError('no shop is configured: payments cannot be matched without the WooCommerce orders', { hint: 'run `smsmatch init` (README → Getting a real shop live)' });
  return deps.shop;
}

function toMatchMessage(m: StoredMessage): MatchMessage | null {
  if (!m.parsed) return null;
  const ms = Number(m.raw.sent_timestamp);
  const receivedAt = m.receivedAt ?? (Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : m.storedAt);
  return { messageId: m.messageId, receivedAt, parsed: m.parsed };
}

/** Open orders created within the window before the earliest payment, plus orders already partly paid. */
/** The statuses the engine and its guards work on: the open ones, cancelled (late payments) and failed (review). */
function candidateStatuses(deps: ReconcileDeps): Set<string> {
  return new Set(withCancelled(deps.matching.statuses ?? DEFAULT_MATCH_CONFIG.statuses));
}

async function fetchCandidateOrders(deps: ReconcileDeps, messages: MatchMessage[], warnings: string[], fresh: boolean): Promise<{ orders: Order[]; malformed: number }> {
  const shop = requireShop(deps);
  const cfg = { ...DEFAULT_MATCH_CONFIG, ...deps.matching };
  const times = messages.filter((m) => m.parsed.kind === 'payment' && m.parsed.trusted).map((m) => Date.parse(m.parsed.occurredAt ?? m.receivedAt)).filter(Number.isFinite);
  const earliest = Math.min(...times);
  const createdAfter = new Date(earliest - cfg.windowDays * DAY_MS - cfg.clockSkewMinutes * 60_000).toISOString();
  let malformed = 0;
  // The client validates each order; a malformed one is skipped and named instead of failing every payment.
  const onMalformed = (error: Error): void => {
    malformed++;
    warnings.push(`skipped a malformed order from the shop: ${error.message}`);
  };
  // Cancelled orders come along for late payments; the engine's first pass leaves them out (late-payments.ts).
  // A new ledger lists every status once, to learn which payments the shop already carries (fresh-ledger.ts).
  const raw = await shop.listOrders({ statuses: fresh ? ['any'] : withCancelled(cfg.statuses), createdAfter, onMalformed });
  const partialIds = [...deps.ledger.partialsByOrder().keys()].filter((id) => !raw.some((r) => r.id === id));
  if (partialIds.length > 0) raw.push(...(await shop.listOrders({ statuses: cfg.statuses, include: partialIds, onMalformed })));
  const orders: Order[] = [];
  for (const r of raw) {
    try {
      orders.push(toOrder(r));
    } catch (error) {
      malformed++;
      warnings.push(`skipped a malformed order from the shop: ${(error as Error).message}`);
    }
  }
  return { orders, malformed };
}

function confirmItem(d: Decision, message: StoredMessage | undefined): ConfirmItem {
  return {
    decision: d,
    paymentKey: paymentKey(d.provider, d.code, d.messageId),
    evidence: {
      code: d.code ?? d.messageId, provider: d.provider ?? 'unknown', messageId: d.messageId, amountMinor: d.amountMinor ?? 0, currency: d.currency ?? '',
      payerName: d.payerName, payerPhone: d.payerPhone, occurredAt: message?.parsed?.occurredAt ?? null, rule: d.rule ?? 'unknown', reasons: d.reasons,
      smsText: message?.raw.message ?? '', overpaidMinor: d.overpaidMinor, shortMinor: d.shortMinor,
    },
  };
}

/** The engine must not see a payment it is asked to decide again as an earlier sighting of its own code. */
function hideKeys(history: MatchHistory, keys: ReadonlySet<string>): MatchHistory {
  if (keys.size === 0) return history;
  const codes = history.codes;
  const view: ReadonlyMap<string, ReturnType<typeof codes.get> & object> = {
    get: (k: string) => (keys.has(k) ? undefined : codes.get(k)),
    has: (k: string) => !keys.has(k) && codes.has(k),
    get size() {
      return codes.size;
    },
    forEach: (fn) => codes.forEach((v, k, m) => { if (!keys.has(k)) fn(v, k, m); }),
    entries: () => [...codes.entries()].filter(([k]) => !keys.has(k))[Symbol.iterator](),
    keys: () => [...codes.keys()].filter((k) => !keys.has(k))[Symbol.iterator](),
    values: () => [...codes.entries()].filter(([k]) => !keys.has(k)).map(([, v]) => v)[Symbol.iterator](),
    [Symbol.iterator]: () => [...codes.entries()].filter(([k]) => !keys.has(k))[Symbol.iterator](),
  };
  return { ...history, codes: view };
}

function countAll(decisions: Decision[], applied: AppliedWrite[]): Record<string, number> {
  const counts: Record<string, number> = { confirm: 0, partial: 0, review: 0, unmatched: 0, ignored: 0, duplicate: 0, applied: 0, failed: 0 };
  for (const d of decisions) counts[d.decision] = (counts[d.decision] ?? 0) + 1;
  for (const a of applied) {
    if (a.outcome === 'applied') counts['applied'] = (counts['applied'] ?? 0) + 1;
    if (a.outcome === 'rejected') counts['failed'] = (counts['failed'] ?? 0) + 1;
  }
  return counts;
}

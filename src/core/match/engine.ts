import type { ParsedSms } from '../sms/types.js';
import type { Verdict } from './decide.js';
import { decide, topTie } from './decide.js';
import type { Candidate, Payment, RunState } from './evidence.js';
import { paymentRefs } from './evidence.js';
import { findCandidates, nearMisses } from './lookups.js';
import { nameTokens } from './names.js';
import { buildOrderIndex } from './order-index.js';
import type { Decision, MatchConfig, MatchHistory, MatchInput, MatchMessage } from './types.js';
import { DEFAULT_MATCH_CONFIG } from './types.js';

const EMPTY_HISTORY: MatchHistory = { codes: new Map(), partials: new Map(), confirmedOrders: new Set() };

interface Item {
  index: number;
  message: MatchMessage;
  paidAt: string;
  paidMs: number;
  /** Set when the message needs no matching (ignored, duplicate, unreadable). */
  final?: Verdict;
  payment?: Payment;
  duplicateOf?: string | null;
  verdict?: Verdict;
  candidates?: number[];
}

/** Payment time: the time printed in the SMS when there is one, else when the phone received it. */
function toItem(m: MatchMessage, index: number): Item {
  const printed = m.parsed.occurredAt ? Date.parse(m.parsed.occurredAt) : Number.NaN;
  if (!Number.isNaN(printed)) return { index, message: m, paidAt: new Date(printed).toISOString(), paidMs: printed };
  // receivedAt is already UTC ISO (from sent_timestamp); keep it as given.
  return { index, message: m, paidAt: m.receivedAt, paidMs: Date.parse(m.receivedAt) };
}

function verdict(decision: Verdict['decision'], rule: string, reasons: string[]): Verdict {
  return { decision, orderId: null, suggestedOrderId: null, rule, reasons, overpaidMinor: 0, remainingMinor: null };
}

/** The history key of a payment's code: `provider:CODE` (codes compared upper-case). */
export function codeKey(p: Pick<ParsedSms, 'provider' | 'code'>): string | null {
  return p.code ? `${p.provider ?? ''}:${p.code.toUpperCase()}` : null;
}

/** Everything decided without looking at orders: trust, kind, duplicates, unreadable payments. */
function triage(item: Item, seen: Map<string, string>, history: MatchHistory, partialCodes: Map<string, number>, config: MatchConfig, names: Map<string, string[]>): void {
  const { parsed, messageId } = item.message;
  if (!parsed.trusted) {
    item.final = verdict('ignored', 'untrusted', [`untrusted: ${parsed.untrustedReason ?? 'sender is not the provider'}`]);
    return;
  }
  if (parsed.kind !== 'payment') {
    const extra = parsed.reverses ? [`reverses ${parsed.reverses}: check any order it paid by hand`] : [];
    item.final = verdict('ignored', 'not-payment', [`not an incoming payment (${parsed.kind})`, ...extra]);
    return;
  }
  const key = codeKey(parsed);
  if (key) {
    const earlier = seen.get(key);
    const past = history.codes.get(key);
    // A message re-offered after an undecided run is matched again; anything applied before is not.
    const reopen = past?.messageId === messageId && (past.decision === 'review' || past.decision === 'unmatched');
    if (earlier !== undefined || (past && !reopen)) {
      const first = earlier ?? past?.messageId ?? null;
      const where = earlier !== undefined ? 'earlier in this batch' : `in an earlier run (${past?.decision ?? '?'})`;
      item.final = verdict('duplicate', 'duplicate', [`code ${parsed.code} already seen ${where} in message ${first}`]);
      item.final.suggestedOrderId = earlier === undefined ? (past?.orderId ?? null) : null;
      item.duplicateOf = first;
      return;
    }
    // Belt and braces: a code the ledger recorded only as part of a partial payment is still spent.
    const partOf = past ? undefined : partialCodes.get((parsed.code ?? '').toUpperCase());
    if (partOf !== undefined) {
      item.final = verdict('duplicate', 'duplicate', [`code ${parsed.code} already counted towards #${partOf} in an earlier run`]);
      item.final.suggestedOrderId = partOf;
      return;
    }
    seen.set(key, messageId);
  }
  if (parsed.amountMinor === null || parsed.amountMinor <= 0 || !parsed.currency || Number.isNaN(item.paidMs)) {
    item.final = verdict('review', 'unreadable', ['payment amount, currency or time could not be read']);
    return;
  }
  item.payment = {
    code: parsed.code,
    codeUpper: parsed.code === null ? null : parsed.code.toUpperCase(),
    amountMinor: parsed.amountMinor,
    currency: parsed.currency,
    paidMs: item.paidMs,
    phone: parsed.payerPhone,
    names: parsed.payerIsOrganisation ? [] : payerNames(names, parsed.payerName),
    refs: paymentRefs(parsed.account, config),
    account: parsed.account,
  };
}

/** Payer names repeat within a batch: tokenise each once per run (the lists are only read). */
function payerNames(cache: Map<string, string[]>, raw: string | null): string[] {
  if (!raw) return [];
  let tokens = cache.get(raw);
  if (!tokens) cache.set(raw, (tokens = nameTokens(raw)));
  return tokens;
}

function compareItems(a: Item, b: Item): number {
  const ta = Number.isNaN(a.paidMs) ? Infinity : a.paidMs;
  const tb = Number.isNaN(b.paidMs) ? Infinity : b.paidMs;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ca = a.message.parsed.code ?? '';
  const cb = b.message.parsed.code ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  // Twins carry the same text (and time): the one the phone received first is the original.
  if (a.message.receivedAt !== b.message.receivedAt) return a.message.receivedAt < b.message.receivedAt ? -1 : 1;
  if (a.message.messageId !== b.message.messageId) return a.message.messageId < b.message.messageId ? -1 : 1;
  return a.index - b.index;
}

function tieKey(tied: readonly Candidate[]): string {
  return tied.map((c) => c.prepared.order.id).sort((x, y) => x - y).join(',');
}

/**
 * Matches payments to orders. Pure and deterministic: messages are processed by payment time, then code,
 * then message id, whatever order they come in; decisions return in input order.
 */
export function matchPayments(input: MatchInput): Decision[] {
  const config: MatchConfig = { ...DEFAULT_MATCH_CONFIG, ...input.config };
  const history = input.history ?? EMPTY_HISTORY;
  const index = buildOrderIndex(input.orders, config);
  const items: Item[] = input.messages.map(toItem);
  const sorted = [...items].sort(compareItems);
  const seen = new Map<string, string>();
  const partialCodes = new Map<string, number>();
  for (const [orderId, part] of history.partials) for (const c of part.codes) partialCodes.set(c.toUpperCase(), orderId);
  const names = new Map<string, string[]>();
  for (const item of sorted) triage(item, seen, history, partialCodes, config, names);

  const paid = new Map<number, number>();
  const confirmed = new Set<number>();
  const state: RunState = {
    isConfirmed: (id) => confirmed.has(id) || history.confirmedOrders.has(id),
    paidSoFar: (id) => (history.partials.get(id)?.paidMinor ?? 0) + (paid.get(id) ?? 0),
  };
  // Twin orders: how many payments tie on each set of orders before anything is decided. Computed only
  // when a tie first needs it, since it costs a second pass.
  let tieTable: { initial: Map<Item, string>; counts: Map<string, number> } | null = null;
  const tiesBeforeAnyDecision = (): { initial: Map<Item, string>; counts: Map<string, number> } => {
    const initial = new Map<Item, string>();
    const counts = new Map<string, number>();
    const blank: RunState = { isConfirmed: (id) => history.confirmedOrders.has(id), paidSoFar: (id) => history.partials.get(id)?.paidMinor ?? 0 };
    for (const item of sorted) {
      if (!item.payment) continue;
      const tied = topTie(findCandidates(item.payment, index, blank, config));
      if (tied.length < 2) continue;
      const key = tieKey(tied);
      initial.set(item, key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { initial, counts };
  };

  let current: Item | null = null;
  const twins = (tied: readonly Candidate[]): boolean => {
    tieTable ??= tiesBeforeAnyDecision();
    const key = current ? tieTable.initial.get(current) : undefined;
    if (!key) return false;
    const set = new Set(key.split(','));
    return tieTable.counts.get(key) === set.size && tied.every((c) => set.has(String(c.prepared.order.id)));
  };
  for (const item of sorted) {
    if (!item.payment) continue;
    const cands = findCandidates(item.payment, index, state, config);
    current = item;
    const v = decide(item.payment, cands, config, twins);
    if (v.decision === 'unmatched') v.reasons.push(...nearMisses(item.payment, index, state, config));
    if (v.orderId !== null && v.decision === 'confirm') confirmed.add(v.orderId);
    if (v.orderId !== null && v.decision === 'partial') paid.set(v.orderId, (paid.get(v.orderId) ?? 0) + item.payment.amountMinor);
    item.verdict = v;
    item.candidates = cands.slice(0, config.maxCandidates).map((c) => c.prepared.order.id);
  }
  return items.map(toDecision);
}

function toDecision(item: Item): Decision {
  const p = item.message.parsed;
  const v = item.verdict ?? item.final ?? verdict('review', 'internal', ['no decision was reached']);
  return {
    messageId: item.message.messageId,
    code: p.code,
    provider: p.provider,
    decision: v.decision,
    orderId: v.orderId,
    candidates: item.candidates ?? [],
    rule: v.rule,
    reasons: v.reasons,
    amountMinor: p.amountMinor,
    currency: p.currency,
    overpaidMinor: v.overpaidMinor,
    remainingMinor: v.remainingMinor,
    ...(v.shortMinor !== undefined ? { shortMinor: v.shortMinor } : {}),
    suggestedOrderId: v.suggestedOrderId,
    duplicateOf: item.duplicateOf ?? null,
    paidAt: item.paidAt,
    payerName: p.payerName,
    payerPhone: p.payerPhone,
    account: p.account,
  };
}

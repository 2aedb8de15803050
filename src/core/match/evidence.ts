import { displayMoney } from '../money.js';
import { phonesMatch } from '../phone.js';
import { namesMatch } from './names.js';
import type { OrderIndex, PreparedOrder } from './order-index.js';
import { amountKey, phoneTailKey, refVariants } from './order-index.js';
import type { EvidenceKind, MatchConfig } from './types.js';
import { EVIDENCE_ORDER } from './types.js';

/** One trusted payment, reduced to what matching compares. */
export interface Payment {
  code: string | null;
  amountMinor: number;
  currency: string;
  paidMs: number;
  phone: string | null;
  names: string[];
  refs: string[];
  account: string | null;
}

/** What the run has decided so far, on top of the history from earlier runs. */
export interface RunState {
  isConfirmed(orderId: number): boolean;
  paidSoFar(orderId: number): number;
}

export type AmountFit = 'exact' | 'over' | 'under';

export interface Candidate {
  prepared: PreparedOrder;
  evidence: EvidenceKind;
  /** Position of `evidence` in EVIDENCE_ORDER: lower is stronger. */
  rank: number;
  fit: AmountFit;
  remainingMinor: number;
  reasons: string[];
}

function label(p: PreparedOrder): string {
  return `#${p.order.number}`;
}

/** Dynamic eligibility: not yet confirmed, and created inside the window around the payment. */
function isOpenFor(p: PreparedOrder, pay: Payment, state: RunState, config: MatchConfig): boolean {
  const id = p.order.id;
  if (state.isConfirmed(id) || p.order.currency !== pay.currency) return false;
  if (p.createdMs > pay.paidMs + config.clockSkewMinutes * 60_000) return false;
  if (p.createdMs >= pay.paidMs - config.windowDays * 86_400_000) return true;
  return config.partialsIgnoreWindow && state.paidSoFar(id) > 0;
}

/** The strongest evidence linking one payment to one order, or null when there is none. */
export function judge(p: PreparedOrder, pay: Payment, state: RunState, config: MatchConfig): Candidate | null {
  const o = p.order;
  const remaining = o.totalMinor - state.paidSoFar(o.id);
  const fit: AmountFit = pay.amountMinor === remaining ? 'exact' : pay.amountMinor > remaining ? 'over' : 'under';
  const found: Array<[EvidenceKind, string]> = [];
  if (pay.code && p.codeTokens.has(pay.code.toUpperCase())) found.push(['code', `code ${pay.code} is written on ${label(p)}`]);
  const ref = pay.refs.find((r) => p.refs.has(r));
  if (ref !== undefined) found.push(['account', `account reference "${pay.account ?? ref}" = order ${label(p)}`]);
  const phone = pay.phone && p.phone ? phonesMatch(pay.phone, p.phone) : 'no';
  const nameOk = namesMatch(pay.names, p.names, config.minNameScore, config.minNameTokens);
  const billingName = `${o.billing.firstName} ${o.billing.lastName}`.trim();
  if (phone === 'exact') found.push(['phone', `phone ${pay.phone} = billing phone of ${label(p)}`]);
  if (phone === 'masked' && nameOk && config.allowMaskedPhoneWithName) {
    found.push(['masked-phone+name', `masked phone ${pay.phone} fits billing phone and name matches "${billingName}" on ${label(p)}`]);
  } else if (phone === 'masked') {
    found.push(['masked-phone', `masked phone ${pay.phone} fits billing phone of ${label(p)}`]);
  }
  if (nameOk) found.push(['name', `payer name matches billing name "${billingName}" of ${label(p)}`]);
  if (fit === 'exact') found.push(['amount', `amount ${displayMoney(pay.amountMinor, pay.currency)} = outstanding ${displayMoney(remaining, o.currency)} on ${label(p)}`]);
  if (found.length === 0) return null;
  found.sort((a, b) => EVIDENCE_ORDER.indexOf(a[0]) - EVIDENCE_ORDER.indexOf(b[0]));
  const [best] = found[0] as [EvidenceKind, string];
  // The amount is reported by the decision itself unless it is the only thing that matched.
  const shown = best === 'amount' ? found : found.filter((f) => f[0] !== 'amount');
  return { prepared: p, evidence: best, rank: EVIDENCE_ORDER.indexOf(best), fit, remainingMinor: remaining, reasons: shown.map((f) => f[1]) };
}

function strongLookups(pay: Payment, index: OrderIndex): PreparedOrder[] {
  const out: PreparedOrder[] = [];
  if (pay.code) out.push(...(index.byCode.get(pay.code.toUpperCase()) ?? []));
  for (const r of pay.refs) out.push(...(index.byRef.get(r) ?? []));
  if (pay.phone && !pay.phone.includes('*')) out.push(...(index.byPhone.get(pay.phone) ?? []));
  if (pay.phone?.includes('*')) {
    const tail = phoneTailKey(pay.phone);
    if (tail) out.push(...(index.byPhoneTail.get(tail) ?? []));
    // A mask over the last digits defeats the tail index; such numbers are rare, so scan the phones.
    else for (const list of index.byPhone.values()) out.push(...list);
  }
  return out;
}

function weakLookups(pay: Payment, index: OrderIndex): PreparedOrder[] {
  const out: PreparedOrder[] = [];
  for (const n of new Set(pay.names)) if (n.length > 1) out.push(...(index.byName.get(n) ?? []));
  out.push(...(index.byAmount.get(amountKey(pay.currency, pay.amountMinor)) ?? []));
  return out;
}

function judgeAll(list: PreparedOrder[], pay: Payment, state: RunState, config: MatchConfig, seen: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  for (const p of list) {
    if (seen.has(p.order.id)) continue;
    seen.add(p.order.id);
    if (!isOpenFor(p, pay, state, config)) continue;
    const c = judge(p, pay, state, config);
    if (c) out.push(c);
  }
  return out;
}

/**
 * All candidates for one payment, best first. Name and amount lookups (large buckets) run only when no
 * candidate could confirm anyway, since weaker evidence can never beat stronger evidence.
 */
export function findCandidates(pay: Payment, index: OrderIndex, state: RunState, config: MatchConfig): Candidate[] {
  const seen = new Set<number>();
  const found = judgeAll(strongLookups(pay, index), pay, state, config, seen);
  if (!found.some((c) => config.confirmOn.includes(c.evidence))) {
    found.push(...judgeAll(weakLookups(pay, index), pay, state, config, seen));
  }
  return found.sort(compareCandidates);
}

const FIT_ORDER: Record<AmountFit, number> = { exact: 0, over: 1, under: 2 };

export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.rank - b.rank ||
    FIT_ORDER[a.fit] - FIT_ORDER[b.fit] ||
    a.prepared.createdMs - b.prepared.createdMs ||
    a.prepared.order.id - b.prepared.order.id
  );
}

export function paymentRefs(account: string | null, config: MatchConfig): string[] {
  return account ? refVariants(account, config.accountStripLetters) : [];
}

import type { PhoneMatch } from '../phone.js';
import { phonesMatch } from '../phone.js';
import { namesMatch } from './names.js';
import type { PreparedOrder } from './order-index.js';
import { refVariants } from './order-index.js';
import type { EvidenceKind, MatchConfig } from './types.js';
import { EVIDENCE_ORDER } from './types.js';

/** One trusted payment, reduced to what matching compares. */
export interface Payment {
  code: string | null;
  /** `code` upper-cased once, as the order index stores codes. */
  codeUpper: string | null;
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
  /** The strongest evidence found. */
  evidence: EvidenceKind;
  /** Position of `evidence` in EVIDENCE_ORDER: lower is stronger. */
  rank: number;
  /** Every evidence kind found, as bits `1 << rank` (reasons are written from these only when needed). */
  kinds: number;
  /** The kinds in `kinds` that rest on what the customer declared at checkout rather than on the billing details. */
  declared: number;
  /** The payer's number fits this order only through the number declared at checkout. */
  phoneDeclared: boolean;
  fit: AmountFit;
  remainingMinor: number;
}

/** Dynamic eligibility: not yet confirmed, and created inside the window around the payment. */
export function isOpenFor(p: PreparedOrder, pay: Payment, state: RunState, config: MatchConfig): boolean {
  return whyNotOpen(p, pay, state, config) === null;
}

/** Null when the order may take this payment, else a short reason (used to explain near misses). */
export function whyNotOpen(p: PreparedOrder, pay: Payment, state: RunState, config: MatchConfig): string | null {
  const id = p.order.id;
  if (p.issue) return p.issue;
  if (state.isConfirmed(id)) return 'it is already confirmed';
  if (p.order.currency !== pay.currency) return `it is in ${p.order.currency}`;
  if (p.createdMs > pay.paidMs + config.clockSkewMinutes * 60_000) return 'it was created after the payment';
  if (p.createdMs >= pay.paidMs - config.windowDays * 86_400_000) return null;
  if (config.partialsIgnoreWindow && state.paidSoFar(id) > 0) return null;
  const days = Math.floor((pay.paidMs - p.createdMs) / 86_400_000);
  return `it was created ${days} days before the payment (window: ${config.windowDays} days)`;
}

/** Rank of each evidence kind (its position in EVIDENCE_ORDER), looked up without a scan. */
const RANK = Object.fromEntries(EVIDENCE_ORDER.map((k, i) => [k, i])) as Record<EvidenceKind, number>;

/** The better of two phone comparisons. */
function better(a: PhoneMatch, b: PhoneMatch): PhoneMatch {
  return a === 'exact' || b === 'exact' ? 'exact' : a === 'masked' || b === 'masked' ? 'masked' : 'no';
}

/** The evidence linking one payment to one order, or null when there is none. Runs for every candidate: keep it cheap. */
export function judge(p: PreparedOrder, pay: Payment, state: RunState, config: MatchConfig): Candidate | null {
  const remaining = p.order.totalMinor - state.paidSoFar(p.order.id);
  const fit: AmountFit = pay.amountMinor === remaining ? 'exact' : pay.amountMinor > remaining ? 'over' : 'under';
  const code = pay.codeUpper !== null && pay.codeUpper !== '' && p.codeTokens.size > 0 && p.codeTokens.has(pay.codeUpper);
  let account = false;
  for (const r of pay.refs) if (p.refs.includes(r)) account = true;
  const billingPhone: PhoneMatch = pay.phone && p.phone ? phonesMatch(pay.phone, p.phone) : 'no';
  const billingName = pay.names.length > 0 && namesMatch(pay.names, p.names, config.minNameScore, config.minNameTokens);
  // What the customer declared (a relative's number and name) counts like the billing details, and is
  // remembered separately so explanations say where the evidence came from.
  const d = p.declared;
  const declaredPhone: PhoneMatch = d?.phone && pay.phone ? phonesMatch(pay.phone, d.phone) : 'no';
  const declaredName = d !== null && d.names.length > 0 && pay.names.length > 0 && namesMatch(pay.names, d.names, config.minNameScore, config.minNameTokens);
  const phone = d === null ? billingPhone : better(billingPhone, declaredPhone);
  const nameOk = billingName || declaredName;
  const combined = phone === 'masked' && nameOk && config.allowMaskedPhoneWithName;
  if (!code && !account && phone === 'no' && !nameOk && fit !== 'exact') return null;
  // Bits by rank: a number instead of a list per candidate, since only the winner's reasons get written.
  let kinds = 0;
  if (code) kinds |= 1 << RANK.code;
  if (account) kinds |= 1 << RANK.account;
  if (phone === 'exact') kinds |= 1 << RANK.phone;
  if (combined) kinds |= 1 << RANK['masked-phone+name'];
  if (nameOk) kinds |= 1 << RANK.name;
  if (phone === 'masked' && !combined) kinds |= 1 << RANK['masked-phone'];
  if (fit === 'exact') kinds |= 1 << RANK.amount;
  let declared = 0;
  const phoneDeclared = d !== null && phone !== 'no' && billingPhone !== phone;
  if (d !== null) {
    if (code && d.code === pay.codeUpper) declared |= 1 << RANK.code;
    if (phoneDeclared) declared |= (1 << RANK.phone) | (1 << RANK['masked-phone']);
    if (declaredName && !billingName) declared |= 1 << RANK.name;
    if (combined && (phoneDeclared || (declaredName && !billingName))) declared |= 1 << RANK['masked-phone+name'];
    declared &= kinds;
  }
  const rank = 31 - Math.clz32(kinds & -kinds);
  return { prepared: p, evidence: EVIDENCE_ORDER[rank] as EvidenceKind, rank, kinds, declared, phoneDeclared, fit, remainingMinor: remaining };
}

/** Bits of the evidence kinds that say the payer's number fits the order. */
export const PHONE_KINDS = (1 << RANK.phone) | (1 << RANK['masked-phone+name']) | (1 << RANK['masked-phone']);

/** True when the deciding evidence of a candidate rests on the customer's declaration. */
export function decidedByDeclaration(c: Candidate): boolean {
  return (c.declared & (1 << c.rank)) !== 0;
}

/** The evidence kinds in a `Candidate.kinds` bit set, strongest first. */
export function kindList(kinds: number): EvidenceKind[] {
  const out: EvidenceKind[] = [];
  for (let r = 0; r < EVIDENCE_ORDER.length; r++) if (kinds & (1 << r)) out.push(EVIDENCE_ORDER[r] as EvidenceKind);
  return out;
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

import type { Candidate, Payment, RunState } from './evidence.js';
import { compareCandidates, isOpenFor, judge, whyNotOpen } from './evidence.js';
import { explain } from './explain.js';
import type { OrderIndex, PreparedOrder } from './order-index.js';
import { amountKey, nextLookup, phoneTailKey } from './order-index.js';
import { namePairKeys, payerForms } from './names.js';
import type { MatchConfig } from './types.js';
import { EVIDENCE_ORDER } from './types.js';

function strongLookups(pay: Payment, index: OrderIndex): Array<readonly PreparedOrder[]> {
  const out: Array<readonly PreparedOrder[]> = [];
  const add = (list: readonly PreparedOrder[] | undefined): void => {
    if (list) out.push(list);
  };
  if (pay.code) add(index.byCode.get(pay.code.toUpperCase()));
  for (const r of pay.refs) add(index.byRef.get(r));
  if (pay.phone && !pay.phone.includes('*')) add(index.byPhone.get(pay.phone));
  if (pay.phone?.includes('*')) {
    const tail = phoneTailKey(pay.phone, 3) ?? phoneTailKey(pay.phone, 2);
    if (tail !== null) add(index.byPhoneTail.get(tail));
    // A mask over the last digits defeats the tail index; such numbers are rare, so scan the phones.
    else for (const list of index.byPhone.values()) add(list);
  }
  return out;
}

/**
 * Orders that could pass the name rule. A two-name payer meets only orders sharing a pair of names (or a
 * one-word billing name), so common first names do not drag in half the shop.
 */
function nameLookups(pay: Payment, index: OrderIndex, config: MatchConfig): PreparedOrder[] {
  const weak = index.weak();
  const full = [...new Set(pay.names.filter((n) => n.length > 1))];
  const out: PreparedOrder[] = [];
  // Pairs need two names, both written out by the payer; initials on the payer side are rare, so scan.
  if (config.minNameTokens < 2 || pay.names.length < 2 || full.length < pay.names.length) {
    for (const n of full) out.push(...(weak.byName.get(n) ?? []));
    return out;
  }
  for (const key of namePairKeys(pay.names, payerForms)) out.push(...(weak.byNamePair.get(key) ?? []));
  for (const n of full) out.push(...(weak.bySingleName.get(n) ?? []));
  return out;
}

/** Judges one order unless this lookup (`stamp`) has already seen it. */
function judgeOne(p: PreparedOrder, pay: Payment, state: RunState, config: MatchConfig, index: OrderIndex, stamp: number, out: Candidate[]): void {
  if (index.marks[p.slot] === stamp) return;
  index.marks[p.slot] = stamp;
  if (!isOpenFor(p, pay, state, config)) return;
  const c = judge(p, pay, state, config);
  if (c) out.push(c);
}

function judgeAll(list: readonly PreparedOrder[] | undefined, pay: Payment, state: RunState, config: MatchConfig, index: OrderIndex, stamp: number, out: Candidate[]): void {
  if (list) for (const p of list) judgeOne(p, pay, state, config, index, stamp, out);
}

/** Amount-only candidates, oldest first, stopping once enough are known to show a tie. */
function amountOnly(pay: Payment, index: OrderIndex, state: RunState, config: MatchConfig, stamp: number, out: Candidate[]): void {
  const list = index.weak().byAmount.get(amountKey(pay.currency, pay.amountMinor)) ?? [];
  const from = pay.paidMs - config.windowDays * 86_400_000;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as PreparedOrder).createdMs < from) lo = mid + 1;
    else hi = mid;
  }
  let added = 0;
  for (let i = lo; i < list.length && added < Math.max(2, config.maxCandidates); i++) {
    const before = out.length;
    judgeOne(list[i] as PreparedOrder, pay, state, config, index, stamp, out);
    added += out.length - before;
  }
}

/** The strong lookups of `strongLookups`, in the same order, judged as they are found (no list of lists). */
function judgeStrong(pay: Payment, index: OrderIndex, state: RunState, config: MatchConfig, stamp: number, out: Candidate[]): void {
  if (pay.codeUpper) judgeAll(index.byCode.get(pay.codeUpper), pay, state, config, index, stamp, out);
  for (const r of pay.refs) judgeAll(index.byRef.get(r), pay, state, config, index, stamp, out);
  if (!pay.phone) return;
  if (!pay.phone.includes('*')) {
    judgeAll(index.byPhone.get(pay.phone), pay, state, config, index, stamp, out);
    return;
  }
  const tail = phoneTailKey(pay.phone, 3) ?? phoneTailKey(pay.phone, 2);
  if (tail !== null) judgeAll(index.byPhoneTail.get(tail), pay, state, config, index, stamp, out);
  else for (const list of index.byPhone.values()) judgeAll(list, pay, state, config, index, stamp, out);
}

function canConfirm(found: readonly Candidate[], config: MatchConfig): boolean {
  for (const c of found) if (config.confirmOn.includes(c.evidence)) return true;
  return false;
}

const NAME_RANK = EVIDENCE_ORDER.indexOf('name');

/**
 * All candidates for one payment, best first. Name and amount lookups (large buckets) run only when no
 * candidate could confirm anyway, since weaker evidence never beats stronger evidence.
 */
export function findCandidates(pay: Payment, index: OrderIndex, state: RunState, config: MatchConfig): Candidate[] {
  const stamp = nextLookup(index);
  const found: Candidate[] = [];
  judgeStrong(pay, index, state, config, stamp, found);
  if (!canConfirm(found, config)) {
    judgeAll(nameLookups(pay, index, config), pay, state, config, index, stamp, found);
    let strong = false;
    for (const c of found) if (c.rank <= NAME_RANK) strong = true;
    if (!strong) amountOnly(pay, index, state, config, stamp, found);
  }
  return found.length > 1 ? found.sort(compareCandidates) : found;
}

/** For an unmatched payment: orders its strong evidence points at that could not take it, and why. */
export function nearMisses(pay: Payment, index: OrderIndex, state: RunState, config: MatchConfig): string[] {
  const misses = new Map<PreparedOrder, string>();
  for (const list of strongLookups(pay, index)) {
    for (const p of list) {
      if (misses.has(p)) continue;
      const why = whyNotOpen(p, pay, state, config);
      const c = why ? judge(p, pay, state, config) : null;
      const first = c && c.evidence !== 'amount' ? explain(c, pay)[0] : undefined;
      if (why && first) misses.set(p, `${first}, but ${why}`);
    }
  }
  // Input order of the orders must not matter: newest first, then by id.
  return [...misses]
    .sort(([a], [b]) => (b.createdMs || 0) - (a.createdMs || 0) || a.order.id - b.order.id)
    .slice(0, 3)
    .map(([, text]) => text);
}

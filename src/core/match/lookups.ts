import type { Candidate, Payment, RunState } from './evidence.js';
import { compareCandidates, isOpenFor, judge, whyNotOpen } from './evidence.js';
import { explain } from './explain.js';
import type { OrderIndex, PreparedOrder } from './order-index.js';
import { amountKey, phoneTailKey } from './order-index.js';
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
    if (tail) add(index.byPhoneTail.get(tail));
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

function judgeAll(list: readonly PreparedOrder[], pay: Payment, state: RunState, config: MatchConfig, seen: Set<number>, out: Candidate[]): void {
  for (const p of list) {
    if (seen.has(p.order.id)) continue;
    seen.add(p.order.id);
    if (!isOpenFor(p, pay, state, config)) continue;
    const c = judge(p, pay, state, config);
    if (c) out.push(c);
  }
}

/** Amount-only candidates, oldest first, stopping once enough are known to show a tie. */
function amountOnly(pay: Payment, index: OrderIndex, state: RunState, config: MatchConfig, seen: Set<number>, out: Candidate[]): void {
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
    judgeAll([list[i] as PreparedOrder], pay, state, config, seen, out);
    added += out.length - before;
  }
}

/**
 * All candidates for one payment, best first. Name and amount lookups (large buckets) run only when no
 * candidate could confirm anyway, since weaker evidence never beats stronger evidence.
 */
export function findCandidates(pay: Payment, index: OrderIndex, state: RunState, config: MatchConfig): Candidate[] {
  const seen = new Set<number>();
  const found: Candidate[] = [];
  for (const list of strongLookups(pay, index)) judgeAll(list, pay, state, config, seen, found);
  if (!found.some((c) => config.confirmOn.includes(c.evidence))) {
    judgeAll(nameLookups(pay, index, config), pay, state, config, seen, found);
    const nameRank = EVIDENCE_ORDER.indexOf('name');
    if (!found.some((c) => c.rank <= nameRank)) amountOnly(pay, index, state, config, seen, found);
  }
  return found.sort(compareCandidates);
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

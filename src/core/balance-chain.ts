import { CHARGE_PERMILLE, directionOf, walletOf, type ChainDirection } from './balance-wallet.js';
import { displayMoney } from './money.js';
import type { ParsedSms } from './sms/types.js';

/**
 * The balance chain. Each SMS of one wallet prints the wallet's new balance, so for an incoming payment the
 * previous balance plus the amount must equal the new one. A forger does not know the shop's balance: the
 * balance in a forged SMS breaks the chain. A missing SMS breaks it too, but then the following SMS carry on
 * from the new balance ("healed"), while after a forgery they carry on from the balance before it.
 * Outgoing SMS only move the chain to their balance (their charges are not always printed).
 */
export interface ChainMessage {
  messageId: string;
  parsed: ParsedSms;
  /** UTC ISO time the phone received it. */
  receivedAt: string;
  /** The receiving phone (SMSsync `sent_to` / `device_id`); '' when unknown. */
  device: string;
}

/** The `apply.balanceChain` settings. */
export interface BalanceChainPolicy {
  enabled: boolean;
  /** A payment that breaks the chain goes to review, or is only alerted about. */
  onBreak: 'review' | 'alert';
  toleranceMinor: number;
}

export const DEFAULT_BALANCE_CHAIN: BalanceChainPolicy = { enabled: true, onBreak: 'review', toleranceMinor: 0 };

export interface ChainOptions {
  /** Differences up to this many minor units still count as consistent. */
  toleranceMinor: number;
}

export type ChainStatus = 'start' | 'ok' | 'break' | 'gap' | 'moved' | 'unchecked' | 'unchained' | 'twin';

export interface ChainVerdict {
  status: ChainStatus;
  /** For a checked payment: the previous balance plus its amount. */
  expectedMinor: number | null;
  previousId: string | null;
  /** A break that a later SMS continued from: its balance was real, an SMS is missing before it. */
  healedBy: string | null;
  /** A break the next SMS ignored (it continued from the balance before): likely forged. */
  bypassedBy: string | null;
  /** One sentence for a person (breaks, gaps). */
  note: string | null;
}

export type ChainEventType = 'break' | 'gap' | 'forged' | 'jump';

export interface ChainEvent {
  type: ChainEventType;
  /** The message the event is about. */
  messageId: string;
  /** The message whose arrival revealed it (alerts are raised when this one is decided). */
  causeId: string;
  text: string;
}

export interface ChainResult {
  verdicts: Map<string, ChainVerdict>;
  events: ChainEvent[];
}

interface Entry {
  id: string;
  label: string;
  code: string | null;
  kind: string;
  scope: string;
  account: string | null;
  dir: ChainDirection;
  amount: number | null;
  balance: number | null;
  currency: string;
  allowance: number;
  timeMs: number;
  receivedMs: number;
}

interface Account {
  anchor: number | null;
  anchorEntry: Entry | null;
  suspects: Entry[];
}

function toEntry(m: ChainMessage): Entry | null {
  const p = m.parsed;
  const dir = directionOf(p.kind);
  if (!p.trusted || !p.provider || !dir) return null;
  const wallet = walletOf(p);
  const scope = `${p.provider}|${m.device}`;
  const received = Date.parse(m.receivedAt);
  const printed = p.occurredAt ? Date.parse(p.occurredAt) : Number.NaN;
  const amount = p.amountMinor;
  return {
    id: m.messageId, code: p.code, kind: p.kind, scope, dir, amount, balance: p.balanceMinor, currency: p.currency ?? '',
    label: p.code ?? `message ${m.messageId}`,
    account: wallet ? `${scope}|${wallet.wallet}|${p.currency ?? ''}` : null,
    allowance: wallet?.charged && amount !== null ? Math.ceil((amount * CHARGE_PERMILLE) / 1000) : 0,
    timeMs: Number.isNaN(printed) ? (Number.isNaN(received) ? Infinity : received) : printed,
    receivedMs: Number.isNaN(received) ? Infinity : received,
  };
}

// The provider's own time first (minute precision), then arrival, then id: deterministic whatever the input order.
function byTime(a: Entry, b: Entry): number {
  return a.timeMs - b.timeMs || a.receivedMs - b.receivedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Checks every chain in `messages` (any order, any mix of phones, providers and wallets). Pure. */
export function checkBalanceChain(messages: readonly ChainMessage[], options: ChainOptions): ChainResult {
  const result: ChainResult = { verdicts: new Map(), events: [] };
  const scopes = new Map<string, Entry[]>();
  for (const m of messages) {
    const e = toEntry(m);
    if (!e) continue;
    const list = scopes.get(e.scope) ?? [];
    list.push(e);
    scopes.set(e.scope, list);
  }
  for (const list of scopes.values()) new ScopeWalk(result, options.toleranceMinor).walk(list.sort(byTime));
  return result;
}

/** One phone and provider: its wallets' chains, walked in time order. */
class ScopeWalk {
  readonly #accounts = new Map<string, Account>();
  readonly #seen = new Set<string>();

  constructor(
    private readonly out: ChainResult,
    private readonly tolerance: number,
  ) {}

  walk(sorted: Entry[]): void {
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j < sorted.length && sorted[j]!.timeMs === sorted[i]!.timeMs) j++;
      // Same printed minute: take first whichever payment follows from the balance so far (arrival order may differ).
      const group = sorted.slice(i, j);
      while (group.length > 0) {
        const next = group.findIndex((e) => this.#fitsAnchor(e));
        this.#step(group.splice(Math.max(0, next), 1)[0]!);
      }
      i = j;
    }
  }

  #account(key: string): Account {
    let acc = this.#accounts.get(key);
    if (!acc) {
      acc = { anchor: null, anchorEntry: null, suspects: [] };
      this.#accounts.set(key, acc);
    }
    return acc;
  }

  #fits(balance: number, expected: number, e: Entry): boolean {
    return balance <= expected + this.tolerance && balance >= expected - this.tolerance - e.allowance;
  }

  #fitsAnchor(e: Entry): boolean {
    if (e.dir !== 'in' || e.account === null || e.balance === null || e.amount === null) return false;
    const acc = this.#accounts.get(e.account);
    return acc?.anchor !== null && acc?.anchor !== undefined && this.#fits(e.balance, acc.anchor + e.amount, e);
  }

  #verdict(e: Entry, status: ChainStatus, extra: Partial<ChainVerdict> = {}): ChainVerdict {
    const v: ChainVerdict = { status, expectedMinor: null, previousId: null, healedBy: null, bypassedBy: null, note: null, ...extra };
    this.out.verdicts.set(e.id, v);
    return v;
  }

  #move(acc: Account, e: Entry): void {
    acc.anchor = e.balance;
    acc.anchorEntry = e.balance === null ? null : e;
    acc.suspects = [];
  }

  #step(e: Entry): void {
    if (e.account === null) {
      // Money moved in a wallet we cannot place: every chain of this phone starts again.
      for (const acc of this.#accounts.values()) this.#move(acc, { ...e, balance: null });
      this.#verdict(e, 'unchained');
      return;
    }
    if (e.code) {
      const key = `${e.account}|${e.dir}|${e.code.toUpperCase()}`;
      if (this.#seen.has(key)) return void this.#verdict(e, 'twin');
      this.#seen.add(key);
    }
    const acc = this.#account(e.account);
    if (e.dir === 'in') return this.#payment(acc, e);
    if (acc.suspects.length === 0) this.#checkJump(acc, e);
    this.#verdict(e, 'moved');
    this.#move(acc, e);
  }

  #payment(acc: Account, e: Entry): void {
    if (e.balance === null || e.amount === null) {
      // Cannot be checked, and the balance after it is unknown: the chain starts again at the next balance.
      this.#verdict(e, 'unchecked', { note: `${e.label} has no balance in its SMS, so it cannot be checked against the balance chain` });
      return this.#move(acc, { ...e, balance: null });
    }
    if (acc.anchor === null || acc.anchorEntry === null) {
      this.#verdict(e, 'start');
      return this.#move(acc, e);
    }
    const expected = acc.anchor + e.amount;
    if (this.#fits(e.balance, expected, e)) {
      for (const s of acc.suspects) this.#bypassed(s, e, acc.anchor);
      this.#verdict(e, 'ok', { expectedMinor: expected, previousId: acc.anchorEntry.id });
      return this.#move(acc, e);
    }
    const healed = [...acc.suspects].reverse().find((s) => this.#fits(e.balance!, s.balance! + e.amount!, e));
    if (healed) {
      this.#healed(healed, e);
      this.#verdict(e, 'ok', { expectedMinor: healed.balance! + e.amount, previousId: healed.id });
      return this.#move(acc, e);
    }
    const m = (minor: number): string => displayMoney(minor, e.currency);
    const note = `its SMS says the new balance is ${m(e.balance)}, but ${m(acc.anchor)} after ${acc.anchorEntry.label} plus ${m(e.amount)} makes ${m(expected)}: a forged SMS, or an SMS that never reached smsmatch`;
    this.#verdict(e, 'break', { expectedMinor: expected, previousId: acc.anchorEntry.id, note });
    this.out.events.push({ type: 'break', messageId: e.id, causeId: e.id, text: `balance chain broken at ${e.label}: ${note}` });
    acc.suspects.push(e);
  }

  #healed(s: Entry, by: Entry): void {
    const v = this.out.verdicts.get(s.id);
    const missing = v?.expectedMinor !== null && v?.expectedMinor !== undefined ? s.balance! - v.expectedMinor : null;
    const about = missing === null ? '' : ` (${displayMoney(Math.abs(missing), s.currency)} ${missing >= 0 ? 'more' : 'less'} than the SMS smsmatch saw explain)`;
    const note = `SMS may be missing: ${by.label} continues from the balance of ${s.label}, which did not follow from the SMS before it${about}`;
    if (v) Object.assign(v, { status: 'gap', healedBy: by.id, note });
    this.out.events.push({ type: 'gap', messageId: s.id, causeId: by.id, text: `${note}; check the provider's statement for money smsmatch never saw` });
  }

  #bypassed(s: Entry, by: Entry, anchor: number): void {
    const v = this.out.verdicts.get(s.id);
    const note = `${s.label} looks forged: ${by.label} continues from the balance before it (${displayMoney(anchor, s.currency)}), as if ${s.label} never happened`;
    if (v) Object.assign(v, { bypassedBy: by.id, note });
    this.out.events.push({ type: 'forged', messageId: s.id, causeId: by.id, text: note });
  }

  // Charges only ever lower a balance: a debit that leaves more than the chain allows means money arrived unseen.
  #checkJump(acc: Account, e: Entry): void {
    if (acc.anchor === null || e.balance === null || e.amount === null) return;
    const expected = e.dir === 'out' ? acc.anchor - e.amount : acc.anchor + e.amount;
    const jumped = e.dir === 'out' ? e.balance > expected + this.tolerance : e.dir === 'credit' && Math.abs(e.balance - expected) > this.tolerance;
    if (!jumped) return;
    const m = (minor: number): string => displayMoney(minor, e.currency);
    const limit = e.dir === 'out' ? 'at most' : '';
    this.out.events.push({
      type: 'jump', messageId: e.id, causeId: e.id,
      text: `SMS may be missing: ${e.label} (${e.kind}) leaves a balance of ${m(e.balance)} where the SMS before it allow ${limit ? `${limit} ` : ''}${m(expected)}`,
    });
  }
}

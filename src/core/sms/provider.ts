import type { DateOrder } from './datetime.js';
import type { SmsKind } from './types.js';

/**
 * A provider is data: its sender IDs, currency, country and an ordered list of templates. Templates run
 * against the normalised text (one space between words, see normalise.ts), first match wins, so
 * non-payment shapes that share wording with a receipt (agent cash-in, reversal credits) come first.
 *
 * Named groups a template may capture: code, amount, currency, name, phone, account, balance,
 * balanceCurrency, date, reverses. Only `amount` is needed for a payment.
 */
export interface Template {
  name: string;
  kind: SmsKind;
  pattern: RegExp;
  /** The payer is an institution (bank, B2C payout, other network): still a payment, flagged. */
  organisation?: boolean;
  /**
   * The template reads the whole receipt (a learnt one, anchored at the start and ending after its last field):
   * whatever follows its match is the operator's footer, so NOT_A_PAYMENT is checked only on the matched part.
   */
  tailIsFooter?: boolean;
}

export interface ProviderDef {
  /** Stable id: `<service>-<country>`, e.g. `mpesa-ke`. */
  id: string;
  name: string;
  /** ISO 3166 alpha-2. */
  country: string;
  /** Without `+`, e.g. `254`. */
  callingCode: string;
  /** Default ISO 4217 currency (used when the text's token is ambiguous or absent). */
  currency: string;
  /** Fixed offset of the provider's clock, e.g. `+03:00`. */
  utcOffset: string;
  dateOrder: DateOrder;
  /** Sender IDs the operator really sends from; compared case-insensitively, ignoring spaces and punctuation. */
  senderIds: string[];
  templates: Template[];
  /** Payer names that denote an institution rather than a person (banks, funds, B2C). */
  organisationNames?: RegExp;
  /**
   * Where the operator's own tail starts (balance line, promo footer). NOT_A_PAYMENT is checked only on the text
   * before it, so an advert such as "Save & get a loan on Mshwari" after a genuine receipt does not overrule it.
   */
  footer?: RegExp;
  /** A cheap test (usually the currency token) that every text of this provider passes; others skip its templates. */
  requires?: RegExp;
}

/**
 * Every provider's sender ID is plain ASCII; a sender with anything else (a Cyrillic look-alike, a zero-width
 * character) is not one of them however it normalises: it gets no key and is never trusted.
 */
export function senderKey(sender: string): string {
  if (!/^[\x20-\x7E]*$/.test(sender)) return '';
  return sender.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

// parseSms asks every provider on every message; their sender keys are computed once per provider object.
const SENDER_KEYS = new WeakMap<ProviderDef, ReadonlySet<string>>();

function senderKeysOf(provider: ProviderDef): ReadonlySet<string> {
  let keys = SENDER_KEYS.get(provider);
  if (!keys) {
    keys = new Set(provider.senderIds.map(senderKey));
    SENDER_KEYS.set(provider, keys);
  }
  return keys;
}

// The same sender is checked against every provider in turn; remember its key between those calls.
let lastSender = '';
let lastSenderKey = '';

export function isProviderSender(provider: ProviderDef, sender: string | null): boolean {
  if (!sender) return false;
  if (sender !== lastSender) {
    lastSender = sender;
    lastSenderKey = senderKey(sender);
  }
  return lastSenderKey.length > 0 && senderKeysOf(provider).has(lastSenderKey);
}

/** A template from a case-insensitive regex source: the one shape every built-in provider file uses. */
export function template(name: string, kind: Template['kind'], source: string, organisation = false): Template {
  return { name, kind, pattern: new RegExp(source, 'i'), ...(organisation ? { organisation } : {}) };
}

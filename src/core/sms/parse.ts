import { currencyFromToken, formatMinor, parseAmount } from '../money.js';
import { normalisePhone } from '../phone.js';
import { classifyUnrecognised, NOT_A_PAYMENT } from './classify.js';
import { parseSmsDateTime } from './datetime.js';
import { cleanName, normaliseText } from './normalise.js';
import type { ProviderDef, Template } from './provider.js';
import { isProviderSender } from './provider.js';
import { BUILT_IN_PROVIDERS } from './providers/index.js';
import type { ParsedSms } from './types.js';

export interface ParseInput {
  /** The SMS sender (SMSsync `from`); null when unknown. */
  from: string | null;
  text: string;
  /** UTC ISO time the SMS was received; not used for parsing yet, kept for custom providers. */
  receivedAt?: string;
}

export interface ParseOptions {
  /** Shop-defined providers from the config; tried before the built-in ones. */
  providers?: readonly ProviderDef[];
}

const EMPTY: Omit<ParsedSms, 'kind' | 'trusted' | 'untrustedReason'> = {
  provider: null, template: null, code: null, amount: null, amountMinor: null, currency: null, payerName: null,
  payerPhone: null, payerIsOrganisation: false, account: null, balance: null, balanceMinor: null, occurredAt: null,
  reverses: null,
};

/** Turns one SMS into a trusted payment or a precise "not a payment". Never throws on any input. */
export function parseSms(input: ParseInput, options: ParseOptions = {}): ParsedSms {
  const raw = typeof input.text === 'string' ? input.text : '';
  const { text } = normaliseText(raw);
  const providers = [...(options.providers ?? []), ...BUILT_IN_PROVIDERS];
  // Providers that really send from this sender are tried first, so that a shared wording resolves to them.
  const fromSender = providers.filter((p) => isProviderSender(p, input.from));
  const ordered = fromSender.length === 0 ? providers : [...fromSender, ...providers.filter((p) => !fromSender.includes(p))];
  for (const provider of ordered) {
    if (provider.requires && !provider.requires.test(text)) continue;
    for (const template of provider.templates) {
      const match = template.pattern.exec(text);
      if (!match) continue;
      const scope = template.tailIsFooter === true ? text.slice(0, match.index + match[0].length) : text;
      const parsed = fromMatch(provider, template, match.groups ?? {}, input.from, scope);
      if (parsed) return parsed;
    }
  }
  const senderProvider = fromSender[0] ?? null;
  return {
    ...EMPTY,
    kind: classifyUnrecognised(text),
    provider: senderProvider?.id ?? null,
    trusted: false,
    untrustedReason: senderProvider ? 'no template of this provider recognised the text' : 'no provider recognised the text',
  };
}

function fromMatch(
  provider: ProviderDef,
  template: Template,
  g: Record<string, string | undefined>,
  from: string | null,
  /** The text NOT_A_PAYMENT is checked on (before the provider's or template's footer). */
  text: string,
): ParsedSms | null {
  const currency = currencyFromToken(g['currency'], provider.currency);
  if (!currency) return null;
  const amount = g['amount'] === undefined ? null : parseAmount(g['amount'], currency);
  if (g['amount'] !== undefined && !amount) return null;
  const balanceCurrency = currencyFromToken(g['balanceCurrency'] ?? g['currency'], provider.currency) ?? currency;
  const balance = g['balance'] === undefined ? null : parseAmount(g['balance'], balanceCurrency);
  const payerName = cleanName(g['name']);
  let kind = template.kind;
  if (kind === 'payment' && (!amount || amount.minor <= 0 || NOT_A_PAYMENT.test(beforeFooter(provider, text)))) kind = 'unknown';
  const trusted = isProviderSender(provider, from);
  const organisation = template.organisation === true || (payerName !== null && provider.organisationNames?.test(payerName) === true);
  return {
    kind,
    provider: provider.id,
    template: template.name,
    trusted,
    untrustedReason: trusted
      ? null
      : `sender ${from === null || from === '' ? '(none)' : JSON.stringify(from)} is not one of ${provider.name}'s sender IDs (${provider.senderIds.join(', ')}); anyone can type this text`,
    code: g['code']?.trim() || null,
    amount: amount ? formatMinor(amount.minor, currency) : null,
    amountMinor: amount ? amount.minor : null,
    currency,
    payerName,
    payerPhone: g['phone'] ? normalisePhone(g['phone'], provider.callingCode) : null,
    payerIsOrganisation: kind === 'payment' ? organisation : false,
    account: cleanName(g['account']),
    balance: balance ? balance.decimal : null,
    balanceMinor: balance ? balance.minor : null,
    occurredAt: g['date'] ? parseSmsDateTime(g['date'], provider.dateOrder, provider.utcOffset) : null,
    reverses: g['reverses']?.trim() || null,
  };
}

function beforeFooter(provider: ProviderDef, text: string): string {
  const footer = provider.footer?.exec(text);
  return footer ? text.slice(0, footer.index) : text;
}

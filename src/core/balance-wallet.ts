import type { ParsedSms, SmsKind } from './sms/types.js';

/**
 * Which wallet an SMS moves money in, from its provider and template. One phone can receive the SMS of
 * several M-PESA wallets (personal, Till, Paybill, Pochi la Biashara); each has its own balance, so each
 * has its own chain. `null` means "not sure": such a message is never checked and restarts every chain of
 * its phone, because money moved somewhere we cannot place.
 */
export interface WalletInfo {
  wallet: string;
  /** Merchant wallets may have a per-payment charge taken from the balance (see CHARGE_PERMILLE). */
  charged: boolean;
}

const PERSONAL: WalletInfo = { wallet: 'personal', charged: false };

const MPESA_KE: Readonly<Record<string, WalletInfo | null>> = {
  p2p: PERSONAL,
  organisation: PERSONAL,
  'mshwari-received': PERSONAL,
  withdrawal: PERSONAL,
  deposit: PERSONAL,
  airtime: PERSONAL,
  sent: PERSONAL,
  'sent-any': PERSONAL,
  fuliza: PERSONAL,
  'fuliza-repayment': PERSONAL,
  'loan-repayment': PERSONAL,
  // Reversals and Pay Shop refunds print the personal balance ("your M-PESA account", "Your account balance is now").
  reversal: PERSONAL,
  'reversal-old': PERSONAL,
  refund: PERSONAL,
  pochi: { wallet: 'pochi', charged: false },
  till: { wallet: 'till', charged: true },
  paybill: { wallet: 'paybill', charged: true },
  // Moves between two wallets, or wording shared by several wallets: not sure.
  'business-received': null,
  'savings-transfer': null,
  'savings-transfer-from': null,
  'reversal-other': null,
  balance: null,
};

const ECOCASH_ZW: Readonly<Record<string, WalletInfo | null>> = {
  'received-personal': PERSONAL,
  'received-merchant': { wallet: 'merchant', charged: true },
};

// Built-in providers whose SMS all concern the one wallet of the phone's line.
const SINGLE_WALLET = new Set([
  'kcb-ke', 'airtel-ke', 'mpesa-tz', 'tigo-tz', 'selcom-tz', 'mtn-ug', 'airtel-ug', 'mtn-rw', 'mtn-gh', 'telecel-gh',
  'airteltigo-gh', 'airtel-zm', 'zamtel-zm', 'airtel-mw', 'mpamba-mw', 'mpesa-mz', 'emola-mz', 'telecel-bf',
  'moov-bf', 'orange-bf', 'mpesa-cd', 'telebirr-et', 'sahal-so',
]);

/** The wallet of a parsed SMS, or null when not sure (unknown provider or template, or a move between wallets). */
export function walletOf(parsed: Pick<ParsedSms, 'provider' | 'template'>): WalletInfo | null {
  const { provider, template } = parsed;
  if (!provider || !template) return null;
  if (provider === 'mpesa-ke') return MPESA_KE[template] ?? null;
  if (provider === 'ecocash-zw') return ECOCASH_ZW[template] ?? null;
  return SINGLE_WALLET.has(provider) ? { wallet: 'main', charged: false } : null;
}

/** How a message of this kind moves the balance: checked inflow, debit (fees unknown), credit, or just a move. */
export type ChainDirection = 'in' | 'out' | 'credit' | 'move';

const DIRECTION: Partial<Record<SmsKind, ChainDirection>> = {
  payment: 'in',
  sent: 'out',
  withdrawal: 'out',
  airtime: 'out',
  bill_payment: 'out',
  loan_repayment: 'out',
  deposit: 'credit',
  interest: 'credit',
  reversal: 'move',
  refund: 'move',
  loan: 'move',
  transfer: 'move',
  balance: 'move',
};

/** Null for messages that move no money (failed, OTP, advert, unknown). */
export function directionOf(kind: SmsKind): ChainDirection | null {
  return DIRECTION[kind] ?? null;
}

/**
 * A Till or Paybill balance may be net of the merchant charge: a shortfall of up to this many thousandths
 * of the amount is accepted there (the published Buy Goods tariff is below 1%). Never a surplus.
 */
export const CHARGE_PERMILLE = 10;

/**
 * What the parser makes of one SMS. Every later stage (matching, reconcile, review) reads only this shape,
 * so a field that is not sure is null rather than guessed.
 */
export type SmsKind =
  | 'payment'
  | 'sent'
  | 'withdrawal'
  | 'deposit'
  | 'airtime'
  | 'bill_payment'
  | 'balance'
  | 'failed'
  | 'reversal'
  | 'refund'
  | 'loan'
  | 'loan_repayment'
  | 'interest'
  | 'transfer'
  | 'otp'
  | 'promo'
  | 'unknown';

export interface ParsedSms {
  kind: SmsKind;
  /** Stable provider id such as `mpesa-ke`; null when no provider recognised the text. */
  provider: string | null;
  /** Which template of that provider matched (for `explain` and tests). */
  template: string | null;
  /** True only when the sender ID is on the provider's allowlist. */
  trusted: boolean;
  untrustedReason: string | null;
  code: string | null;
  /** Decimal string in major units, formatted with the currency's ISO exponent ("1500.00", "3400"). */
  amount: string | null;
  amountMinor: number | null;
  currency: string | null;
  payerName: string | null;
  /** International `+<cc><number>`; masked digits are `*`. */
  payerPhone: string | null;
  payerIsOrganisation: boolean;
  /** The reference the payer typed (Paybill account, MoMo reference). */
  account: string | null;
  /** Decimal string as written (separators removed), e.g. "2228.13". */
  balance: string | null;
  balanceMinor: number | null;
  /** ISO 8601 with the provider's local offset; null when the text has no date. */
  occurredAt: string | null;
  /** For a reversal: the original transaction code. */
  reverses: string | null;
}

/** One SMS as SMSsync delivers it (and as the drop-box stores it). Field names follow the app. */
export interface IncomingSms {
  message_id: string;
  from: string;
  message: string;
  /** Epoch milliseconds as a decimal string (the app's `sent_timestamp`). */
  sent_timestamp: string;
  sent_to?: string;
  device_id?: string;
}

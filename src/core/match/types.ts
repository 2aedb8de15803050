import type { Order } from '../order.js';
import type { ParsedSms } from '../sms/types.js';

/** The evidence kinds, strongest first. Only some of them may confirm an order (see `confirmOn`). */
export type EvidenceKind = 'code' | 'account' | 'phone' | 'masked-phone+name' | 'name' | 'masked-phone' | 'amount';

export const EVIDENCE_ORDER: readonly EvidenceKind[] = ['code', 'account', 'phone', 'masked-phone+name', 'name', 'masked-phone', 'amount'];

/** Every matching rule is a setting here; `DEFAULT_MATCH_CONFIG` holds the shipped defaults. */
export interface MatchConfig {
  /** Order statuses that may still receive a payment. */
  statuses: string[];
  /** How long before the payment an order may have been created. */
  windowDays: number;
  /** How far after the payment an order may have been created (phone and shop clocks disagree). */
  clockSkewMinutes: number;
  /** Allowed `payment_method` ids; empty = any. */
  paymentMethods: string[];
  /** Order meta keys where a customer may have typed the payment code. */
  codeMetaKeys: string[];
  /**
   * Use what the customer declared in the smsmatch checkout (the number they pay from, the name on that
   * account, the code typed after paying; meta `_smsmatch_phone`, `_smsmatch_payer_name`, `_smsmatch_entered_code`).
   */
  useDeclared: boolean;
  /** Country calling code used to normalise billing phones written without one. */
  callingCode: string;
  /** Evidence kinds that may confirm on their own; anything else goes to review. */
  confirmOn: EvidenceKind[];
  /** Let a masked payer phone plus a matching name confirm (Safaricom masks since March 2026). */
  allowMaskedPhoneWithName: boolean;
  /** Name score needed to count as a name match: 1 = every compared name equal, initials count half. */
  minNameScore: number;
  /** How many names must agree (capped by how many either side has). */
  minNameTokens: number;
  /** Paybill references like `ORDER1042` or `#1042`: drop leading letters before comparing to order numbers. */
  accountStripLetters: boolean;
  /** Underpayments become `partial`; when false they go to review. */
  allowPartial: boolean;
  /** Overpayments confirm (and say by how much); when false they go to review. */
  allowOverpayment: boolean;
  /** Same payer, N identical open orders, N payments: pair them oldest first instead of review. */
  pairTwinOrders: boolean;
  /** Orders already partly paid stay candidates after the window closes. */
  partialsIgnoreWindow: boolean;
  /** At most this many candidate ids are reported per decision. */
  maxCandidates: number;
  /** Fed from apply.underpaymentToleranceMinor (not a `matching` key): short by at most this still confirms. */
  underpaymentToleranceMinor?: number;
}

export const DEFAULT_MATCH_CONFIG: MatchConfig = {
  statuses: ['pending', 'on-hold'],
  windowDays: 7,
  clockSkewMinutes: 10,
  paymentMethods: [],
  codeMetaKeys: ['_mpesa_code', 'mpesa_code', '_mpesa_receipt', 'mpesa_receipt'],
  useDeclared: true,
  callingCode: '254',
  confirmOn: ['code', 'account', 'phone', 'masked-phone+name'],
  allowMaskedPhoneWithName: true,
  minNameScore: 0.75,
  minNameTokens: 2,
  accountStripLetters: true,
  allowPartial: true,
  allowOverpayment: true,
  pairTwinOrders: true,
  partialsIgnoreWindow: true,
  maxCandidates: 10,
};

export interface MatchMessage {
  messageId: string;
  /** UTC ISO, from the SMSsync `sent_timestamp`. */
  receivedAt: string;
  parsed: ParsedSms;
}

export type DecisionKind = 'confirm' | 'partial' | 'review' | 'unmatched' | 'ignored' | 'duplicate';

/** What earlier runs decided, from the ledger. */
export interface MatchHistory {
  /** Keyed `provider:code`. */
  codes: ReadonlyMap<string, { messageId: string; decision: DecisionKind; orderId: number | null }>;
  partials: ReadonlyMap<number, { paidMinor: number; codes: string[] }>;
  confirmedOrders: ReadonlySet<number>;
}

export interface Decision {
  messageId: string;
  code: string | null;
  provider: string | null;
  decision: DecisionKind;
  /** The order confirmed or partly paid; null otherwise (see `suggestedOrderId` for review). */
  orderId: number | null;
  /** Order ids considered, best first. */
  candidates: number[];
  /** The evidence (or reason class) that decided. */
  rule: string | null;
  reasons: string[];
  amountMinor: number | null;
  currency: string | null;
  /** How much more than the outstanding total was paid (confirm only). */
  overpaidMinor: number;
  /** What is still owed on `orderId` after this payment (0 on confirm); null without an order. */
  remainingMinor: number | null;
  /** A confirmation short by this much, accepted within apply.underpaymentToleranceMinor. */
  shortMinor?: number;
  /** The best candidate of a review, when there is a single best one. */
  suggestedOrderId: number | null;
  /** For a duplicate: the message that first carried the code. */
  duplicateOf: string | null;
  /** Payment time used for the window (UTC ISO). */
  paidAt: string;
  payerName: string | null;
  payerPhone: string | null;
  account: string | null;
}

export interface MatchInput {
  messages: MatchMessage[];
  orders: readonly Order[];
  config?: Partial<MatchConfig>;
  history?: MatchHistory;
}

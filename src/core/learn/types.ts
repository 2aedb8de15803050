import type { DateOrder } from '../sms/datetime.js';
import type { Token } from './tokenise.js';

/** What the learner makes of one stretch of the samples. */
export type Role =
  | 'fixed' | 'absorbed' | 'optional' | 'amount' | 'balance' | 'fee' | 'money' | 'currency' | 'code' | 'phone' | 'name' | 'account' | 'date' | 'other';

/**
 * One aligned stretch across all samples: a shared token (`column`) or what lies between two shared tokens
 * (`gap`, one token list per sample, some possibly empty).
 */
export interface Element {
  kind: 'column' | 'gap';
  /** Per sample: the tokens of this stretch (one for a column). */
  tokens: Token[][];
  role: Role;
  /** Folded fixed words before it (since the previous varying stretch) and right after it. */
  lead: string;
  trail: string;
  /** A name gap whose samples print the payer's number after the name only sometimes. */
  optionalPhone?: boolean;
  /** Set on the first element of a date group: how many following elements the date spans. */
  dateSpan?: number;
}

export interface Choice {
  value: string;
  label: string;
}

/** Something the samples do not settle. Never guessed: asked, or reported with what would settle it. */
export interface Question {
  id: string;
  /** What could not be decided, in one line. */
  about: string;
  /** Which sample would settle it. */
  settle: string;
  /** The stretch in question as each sample prints it (empty for questions about the whole text). */
  values: string[];
  choices: Choice[];
}

export type Answers = Readonly<Record<string, string>>;

/** The config's `providers` entry (src/config/schema.ts CustomProvider), produced without importing config. */
export interface LearntProvider {
  id: string;
  name: string;
  country: string;
  senderIds: string[];
  currency: string;
  callingCode: string;
  timeZone: string;
  dateOrder: DateOrder;
  templates: Array<{ name: string; kind: 'payment'; pattern: string; flags: string; organisation: boolean; tailIsFooter: boolean }>;
}

export interface LearnInput {
  samples: readonly string[];
  id: string;
  name: string;
  senderIds: readonly string[];
  currency: string;
  callingCode: string;
  country: string;
  timeZone: string;
  answers?: Answers;
}

/** What the learnt provider reads from one sample (through the real parser). */
export interface Reading {
  sample: number;
  code: string | null;
  amount: string | null;
  currency: string | null;
  name: string | null;
  phone: string | null;
  account: string | null;
  balance: string | null;
  occurredAt: string | null;
}

export interface LookAlikeReport {
  checked: number;
  /** Generated non-payments the template still reads as a payment (each is a reason not to trust it). */
  accepted: string[];
}

export type LearnOutcome =
  | { ok: true; provider: LearntProvider; readings: Reading[]; fixedWording: string[]; lookAlikes: LookAlikeReport; guarantees: string[] }
  | { ok: false; questions: Question[]; failure?: undefined }
  | { ok: false; failure: string; settle: string; questions?: undefined };

import type { SmsKind } from './types.js';

/**
 * Last resort for text no template recognised: name the obvious non-payments, never a payment.
 */
const FALLBACKS: Array<[SmsKind, RegExp]> = [
  ['otp', /\b(?:OTP|one[- ]time (?:pin|password|code)|verification code|security code|is your (?:code|PIN))\b/i],
  ['reversal', /\brevers(?:al|ed)\b/i],
  ['failed', /\b(?:failed|declined|insufficient funds|unsuccessful)\b/i],
  ['loan', /\b(?:loan|fuliza|overdraft|okoa)\b/i],
  ['promo', /\b(?:dial \*\d|offer|bonus|win|promo|congratulations|subscribe|download)\b/i],
];

export function classifyUnrecognised(text: string): SmsKind {
  for (const [kind, pattern] of FALLBACKS) if (pattern.test(text)) return kind;
  return 'unknown';
}

/**
 * Words that never appear in a genuine customer-payment receipt but do in the look-alikes (reversal credits,
 * agent cash-in, loan disbursements, failures). A payment template that matches text with one of these is
 * overruled: wrongly refusing a payment costs a review, wrongly accepting one costs the shop money.
 */
export const NOT_A_PAYMENT = /\b(?:revers(?:al|ed)|fuliza|cash[- ]?in|from agent|agent (?:no|number|till)|loan|disbursed|failed|declined|OTP)\b/i;

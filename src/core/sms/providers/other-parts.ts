/**
 * Regex fragments shared by the providers in others.ts. Every repeat is bounded so that no template can
 * backtrack catastrophically on hostile input; amounts are digits with separators, validated by parseAmount.
 */
/** `1,800.00`, `3400`, `50.` (the trailing dot is left to the sentence). */
export const AMT = String.raw`\d(?:[\d,.]{0,18}\d)?`;
/** Francophone wallets also group thousands with spaces: `10 100,00`. */
export const AMT_SP = String.raw`\d(?:[\d,. ]{0,18}\d)?`;
/** A phone as printed, masked digits allowed: `256764628233`, `*********013`, `2519****2078`. */
export const PHONE = String.raw`\+?[\d*Xx]{6,15}`;
/** `2024-05-10 16:30:51`, `2026-06-21 at 11:20:28`. */
export const ISO_DT = String.raw`\d{4}-\d{1,2}-\d{1,2}(?: at)? \d{1,2}:\d{2}(?::\d{2})?`;
/** `29/01/2026 16:09:54`, `03-10-2026 16:59:01`, `10/23/2014 12:07:57 PM`. */
export const NUM_DT = String.raw`\d{1,2}[/-]\d{1,2}[/-]\d{2,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?`;
/** Dotted Airtel/Orange ids such as `PP260916.1603.N90253`, or plain alphanumerics. */
export const CODE_DOTTED = String.raw`[A-Z0-9]{2,20}(?:\.[A-Z0-9]{1,20}){0,4}`;

/** Builds a case-insensitive template regex from a String.raw source. */
export function rx(source: string): RegExp {
  return new RegExp(source, 'i');
}

/**
 * Phone numbers as payers and billing forms write them (`0712 345 678`, `+254-712…`, `254712…`, `712…`,
 * masked `0715***897`, `*********013`) normalised to `+<country code><number>`, masks kept as `*`.
 */
const MASK_CHARS = /[*Xx•]/g;
const SEPARATORS = /[\s\-.()/]/g;

export function normalisePhone(raw: string, callingCode: string): string | null {
  let s = raw.replace(SEPARATORS, '').replace(MASK_CHARS, '*');
  // A number that is (almost) nothing but mask tells us nothing.
  if ((s.match(/[0-9]/g) ?? []).length < 3) return null;
  const international = s.startsWith('+') || s.startsWith('00');
  if (international) s = s.slice(s.startsWith('+') ? 1 : 2);
  // `+254 (0) 712…` and `2540712…`: the trunk 0 written after the country code.
  if (s.startsWith(`${callingCode}0`) && s.length === callingCode.length + 10) s = callingCode + s.slice(callingCode.length + 1);
  else if (international || (s.startsWith(callingCode) && s.length >= callingCode.length + 7)) {
    // already international
  } else if (s.startsWith('0')) s = callingCode + s.slice(1);
  else if (s.length <= 10) s = callingCode + s;
  if (!/^[0-9*]{8,15}$/.test(s)) return null;
  return `+${s}`;
}

export function isMaskedPhone(phone: string): boolean {
  return phone.includes('*');
}

export type PhoneMatch = 'exact' | 'masked' | 'no';

/** Compares two normalised numbers; a masked one matches when every digit both show is equal. */
export function phonesMatch(a: string, b: string): PhoneMatch {
  if (!a.includes('*') && !b.includes('*')) return a === b ? 'exact' : 'no';
  if (a.length !== b.length) return 'no';
  let visibleShared = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === '*' || y === '*') continue;
    if (x !== y) return 'no';
    visibleShared++;
  }
  // "+254" plus a couple of digits is not evidence: require the operator prefix and the tail to be visible.
  return visibleShared >= 8 ? 'masked' : 'no';
}

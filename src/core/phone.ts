/**
 * Phone numbers as payers and billing forms write them (`0712 345 678`, `+254-712…`, `254712…`, `712…`,
 * masked `0715***897`, `*********013`) normalised to `+<country code><number>`, masks kept as `*`.
 */
const MASK_CHARS = /[*Xx•]/g;
const SEPARATORS = /[\s\-.()/]/g;

/**
 * One pass over a plain-ASCII number: how many digits it has, and whether any separator or mask letter
 * needs rewriting. Null sends anything else (non-ASCII spaces, `•`) down the regex path.
 */
function scanAscii(raw: string): { digits: number; clean: boolean } | null {
  let digits = 0;
  let clean = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 128) return null;
    else if ((c >= 9 && c <= 13) || c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47 || c === 88 || c === 120) clean = false;
  }
  SCAN.digits = digits;
  SCAN.clean = clean;
  return SCAN;
}

// Reused by scanAscii: normalisePhone runs once per order and payment, so no object per call.
const SCAN = { digits: 0, clean: true };

export function normalisePhone(raw: string, callingCode: string): string | null {
  const scan = scanAscii(raw);
  let s = scan?.clean ? raw : raw.replace(SEPARATORS, '').replace(MASK_CHARS, '*');
  // A number that is (almost) nothing but mask tells us nothing.
  const digits = scan ? scan.digits : (s.match(/[0-9]/g) ?? []).length;
  if (digits < 3) return null;
  const international = s.startsWith('+') || s.startsWith('00');
  if (international) s = s.slice(s.startsWith('+') ? 1 : 2);
  // `+254 (0) 712…` and `2540712…`: the trunk 0 written after the country code.
  const cc = callingCode.length;
  if (s.startsWith(callingCode) && s.charCodeAt(cc) === 48 && s.length === cc + 10) s = callingCode + s.slice(cc + 1);
  else if (international || (s.startsWith(callingCode) && s.length >= cc + 7)) {
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

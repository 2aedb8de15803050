/**
 * Money as integer minor units plus an ISO 4217 code. SMS amounts come in many notations
 * (`Ksh1,600.00`, `10 100,00 FCFA`, `UGX 663,850`, `ZMW 60.`), so parsing is by shape, never by float.
 */
const EXPONENTS: Record<string, number> = {
  UGX: 0, RWF: 0, XOF: 0, XAF: 0, BIF: 0, GNF: 0, KMF: 0, DJF: 0, JPY: 0,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/** Currency notations seen in African mobile-money SMS, mapped to ISO codes. Keys are upper-case. */
const TOKENS: Record<string, string> = {
  KSH: 'KES', KSHS: 'KES', 'KSH.': 'KES', KES: 'KES',
  TSH: 'TZS', TSHS: 'TZS', TZS: 'TZS',
  UGX: 'UGX', USH: 'UGX', USHS: 'UGX',
  RWF: 'RWF', FRW: 'RWF',
  GHS: 'GHS', 'GH¢': 'GHS', GHC: 'GHS', 'GH₵': 'GHS',
  ZMW: 'ZMW', ZMK: 'ZMW',
  MK: 'MWK', MWK: 'MWK',
  MT: 'MZN', MTN: 'MZN', MZN: 'MZN',
  ETB: 'ETB', BIRR: 'ETB',
  USD: 'USD', $: 'USD', 'US$': 'USD',
  XOF: 'XOF', XAF: 'XAF', CFA: 'XOF', FCFA: 'XOF',
  CDF: 'CDF', SOS: 'SOS', NGN: 'NGN', ZAR: 'ZAR',
};

/** Maps a notation to ISO; `fallback` decides ambiguous tokens (FCFA is XOF or XAF by country). */
export function currencyFromToken(token: string | undefined | null, fallback: string): string | null {
  if (!token) return fallback;
  const key = token.trim().toUpperCase();
  if (key === 'FCFA' || key === 'CFA') return fallback === 'XAF' ? 'XAF' : 'XOF';
  return TOKENS[key] ?? null;
}

export interface ParsedAmount {
  /** Canonical decimal string as written: separators removed, `.` as decimal mark ("2228.13"). */
  decimal: string;
  minor: number;
  /** False when the text has more precision than the currency allows (the minor value is rounded). */
  exact: boolean;
}

/**
 * Parses an amount as written. A comma followed by one or two digits at the end is a decimal comma
 * (`10 100,00`); otherwise commas, spaces and repeated dots group thousands. A trailing dot is punctuation.
 */
export function parseAmount(text: string, currency: string): ParsedAmount | null {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  s = s.replace(/\.+$/, '');
  if (!/^\d[\d.,]*$/.test(s) || s.length > 24) return null;
  const commas = (s.match(/,/g) ?? []).length;
  const dots = (s.match(/\./g) ?? []).length;
  let intPart: string;
  let fracPart = '';
  if (dots > 0 && commas > 0) {
    const decimalMark = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const thousands = decimalMark === '.' ? ',' : '.';
    if (s.split(decimalMark).length !== 2) return null;
    [intPart, fracPart] = s.split(thousands).join('').split(decimalMark) as [string, string];
  } else if (commas === 1 && /,\d{1,2}$/.test(s)) {
    [intPart, fracPart] = s.split(',') as [string, string];
  } else if (dots === 1) {
    [intPart, fracPart] = s.split('.') as [string, string];
  } else {
    if (commas > 0 && !/^\d{1,3}(,\d{3})+$/.test(s)) return null;
    if (dots > 1 && !/^\d{1,3}(\.\d{3})+$/.test(s)) return null;
    intPart = s.replace(/[.,]/g, '');
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;
  intPart = intPart.replace(/^0+(?=\d)/, '');
  const exp = currencyExponent(currency);
  const kept = fracPart.slice(0, exp).padEnd(exp, '0');
  const dropped = fracPart.slice(exp);
  const exact = /^0*$/.test(dropped);
  let minor = Number(intPart + kept);
  if (!exact && Number(dropped[0]) >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  const decimal = fracPart ? `${intPart}.${fracPart}` : intPart;
  return { decimal, minor, exact };
}

/** Formats minor units as a decimal string with the currency's exponent: 150000 KES → "1500.00". */
export function formatMinor(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : `.${digits.slice(-exp)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** For people: "KES 1,500.00". */
export function displayMoney(minor: number, currency: string): string {
  const [whole = '0', frac] = formatMinor(minor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/**
 * Dates as payment SMS print them (`28/8/26 at 10:44 PM`, `2024-05-10 16:30:51`, `03-10-2026 16:59:01`,
 * `08:54:09 on 03/06/2026`, `202608184348`, US `10/23/2014 12:07:57 PM`) turned into ISO 8601 with the
 * provider's local offset. The date and the time are found separately, so their order does not matter.
 */
export type DateOrder = 'DMY' | 'MDY';

const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})/;
const NUMERIC_DATE = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/;
const DIGITS_ONLY = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/;
const TIME = /(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?\s*(?:([AaPp])\.?\s?[Mm]\.?)?/;

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

export function parseSmsDateTime(text: string, order: DateOrder, utcOffset: string): string | null {
  const compact = text.trim();
  const parts = digitsOnly(compact) ?? withSeparators(compact, order);
  if (!parts || !valid(parts)) return null;
  return `${pad(parts.y, 4)}-${pad(parts.mo)}-${pad(parts.d)}T${pad(parts.h)}:${pad(parts.mi)}:${pad(parts.s)}${utcOffset}`;
}

function digitsOnly(text: string): Parts | null {
  const m = DIGITS_ONLY.exec(text);
  if (!m) return null;
  return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0) };
}

function withSeparators(text: string, order: DateOrder): Parts | null {
  let y: number;
  let mo: number;
  let d: number;
  let rest: string;
  const iso = ISO_DATE.exec(text);
  const num = iso ? null : NUMERIC_DATE.exec(text);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    rest = text.slice(0, iso.index) + ' ' + text.slice(iso.index + iso[0].length);
  } else if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    y = Number(num[3]);
    if (y < 100) y += 2000;
    [d, mo] = order === 'MDY' ? [b, a] : [a, b];
    rest = text.slice(0, num.index) + ' ' + text.slice(num.index + num[0].length);
  } else {
    return null;
  }
  const t = TIME.exec(rest);
  let h = 0;
  let mi = 0;
  let s = 0;
  if (t) {
    h = Number(t[1]);
    mi = Number(t[2]);
    s = Number(t[3] ?? 0);
    const ampm = t[4]?.toLowerCase();
    if (ampm) {
      if (h < 1 || h > 12) return null;
      if (ampm === 'p' && h !== 12) h += 12;
      if (ampm === 'a' && h === 12) h = 0;
    }
  }
  return { y, mo, d, h, mi, s };
}

function valid(p: Parts): boolean {
  if (p.y < 2000 || p.y > 2099 || p.mo < 1 || p.mo > 12 || p.d < 1 || p.h > 23 || p.mi > 59 || p.s > 59) return false;
  const daysInMonth = [31, p.y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p.mo - 1] ?? 0;
  return p.d <= daysInMonth;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Accepts `+03:00`, `-01:00`, `Z`, or an IANA zone of a country whose offset never changes. */
const FIXED_ZONES: Record<string, string> = {
  'Africa/Nairobi': '+03:00', 'Africa/Dar_es_Salaam': '+03:00', 'Africa/Kampala': '+03:00', 'Africa/Addis_Ababa': '+03:00',
  'Africa/Mogadishu': '+03:00', 'Africa/Kigali': '+02:00', 'Africa/Lusaka': '+02:00', 'Africa/Harare': '+02:00',
  'Africa/Blantyre': '+02:00', 'Africa/Maputo': '+02:00', 'Africa/Lubumbashi': '+02:00', 'Africa/Kinshasa': '+01:00',
  'Africa/Lagos': '+01:00', 'Africa/Douala': '+01:00', 'Africa/Accra': '+00:00', 'Africa/Ouagadougou': '+00:00',
  'Africa/Abidjan': '+00:00', 'Africa/Dakar': '+00:00', 'Africa/Johannesburg': '+02:00', UTC: '+00:00',
};

export function resolveUtcOffset(zone: string): string | null {
  if (zone === 'Z') return '+00:00';
  if (/^[+-](0\d|1[0-4]):[0-5]\d$/.test(zone)) return zone;
  return FIXED_ZONES[zone] ?? null;
}

/** Wall-clock arithmetic in the shop's time zone, pure (the instant is passed in). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this Node knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localParts(at: Date, timeZone: string): { date: string; minuteOfDay: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, minuteOfDay: Number(parts['hour']) * 60 + Number(parts['minute']) };
}

/** `YYYY-MM-DD` of an instant in the zone (for "confirmed today"). */
export function localDate(at: Date | string, timeZone: string): string {
  return localParts(typeof at === 'string' ? new Date(at) : at, timeZone).date;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export interface ShopHours {
  start: string;
  end: string;
}

/**
 * When the shop-hours window containing `now` opened, or null outside shop hours. An end at or before the start
 * wraps past midnight (20:00–02:00). Counted back in whole minutes from now, so a DST jump inside the window only
 * shifts the opening by that hour.
 */
export function shopWindowOpenedAt(now: Date, hours: ShopHours, timeZone: string): Date | null {
  const t = localParts(now, timeZone).minuteOfDay;
  const start = minutes(hours.start);
  const end = minutes(hours.end);
  const inside = start < end ? t >= start && t < end : t >= start || t < end;
  if (!inside) return null;
  const since = (t - start + 1440) % 1440;
  const openedAt = now.getTime() - since * 60_000 - (now.getTime() % 60_000);
  return new Date(openedAt);
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as a shop owner reads it: `2026-05-04 10:44:05 GMT+3` in the shop's zone (`daemon.timezone`).
 * Storage and --json keep ISO UTC; only what a person reads is converted. Anything unparsable is shown as is.
 */
export function formatShopTime(at: string | null | undefined, timeZone: string): string {
  if (at === null || at === undefined) return '?';
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) return at;
  let f = displayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    displayFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} ${p['timeZoneName']}`;
}

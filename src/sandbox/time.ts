/**
 * WooCommerce prints dates twice: site-local without an offset (`date_created`) and UTC (`date_created_gmt`),
 * both as `YYYY-MM-DDTHH:MM:SS`. The site timezone is an IANA name, as in Settings → General.
 */
// Building an Intl formatter is slow (~1 ms); one per timezone serves every date.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const created = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  formatters.set(timeZone, created);
  return created;
}

export function offsetMinutes(at: Date, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

export function wcGmt(at: Date): string {
  return at.toISOString().slice(0, 19);
}

export function wcLocal(at: Date, timeZone: string): string {
  return wcGmt(new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000));
}

export interface WcDatePair {
  local: string | null;
  gmt: string | null;
}

export function wcDates(at: Date | null, timeZone: string): WcDatePair {
  return at ? { local: wcLocal(at, timeZone), gmt: wcGmt(at) } : { local: null, gmt: null };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An `after`/`before` value: with an explicit offset it is absolute; without one it is UTC when
 * `dates_are_gmt` is set and site-local otherwise. null when it is not an RFC 3339 date-time.
 */
export function parseWcDate(value: string, datesAreGmt: boolean, timeZone: string): Date | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(naive)) return null;
  if (zone) {
    const parsed = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    if (Number.isNaN(parsed.getTime())) return null;
    // As WooCommerce 10.0.2 (HPOS) does: a zoned value becomes the shop's local time first; with dates_are_gmt
    // those local digits are then read as UTC, shifting the filter by the shop's offset (see naiveUtc in src/adapters/woocommerce/client.ts).
    return datesAreGmt ? new Date(parsed.getTime() + offsetMinutes(parsed, timeZone) * 60_000) : parsed;
  }
  if (datesAreGmt) return new Date(naive);
  const guess = new Date(naive);
  return new Date(naive - offsetMinutes(guess, timeZone) * 60_000);
}

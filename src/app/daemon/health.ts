import { shopWindowOpenedAt, type ShopHours } from './local-time.js';

/**
 * The health rules, pure: facts and the clock in, alert conditions out. The tick gathers the facts, applies the
 * plan to the ledger (raise once per incident, resolve when the condition clears) and sends what is new.
 */
export type AlertId = 'silent-phone' | 'credentials' | 'dropbox-down' | 'review-wait';
export const ALERT_IDS: readonly AlertId[] = ['silent-phone', 'credentials', 'dropbox-down', 'review-wait'];

export interface HealthPolicy {
  timezone: string;
  shopHours: ShopHours;
  silentPhoneMinutes: number;
  dropboxDownMinutes: number;
  reviewWaitMinutes: number;
  healthCheckMinutes: number;
}

export interface HealthFacts {
  now: Date;
  /** When this daemon started watching: silence before it is not counted. */
  watchingSince: string;
  /** The newest SMS known to have reached the drop-box (from /messages or /health). */
  lastSmsAt: string | null;
  /** The last successful /health answer. */
  lastProbeAt: string | null;
  dropboxDownSince: string | null;
  dropboxError: string | null;
  /** The message of a credentials failure seen on the last call to the shop or the drop-box. */
  authFailure: string | null;
  /** Payments in review, with the time they entered it. */
  inReview: ReadonlyArray<{ key: string; code: string | null; since: string }>;
  openAlerts: ReadonlyArray<{ id: string; firstSeenAt: string }>;
}

/** `unknown`: cannot tell now (outside shop hours, drop-box down); an open alert stays as it is. */
export type Condition = { state: 'active'; message: string } | { state: 'clear' } | { state: 'unknown' };

const MIN = 60_000;

function ms(iso: string | null): number {
  const t = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}

function minutesAgo(now: Date, iso: string): number {
  return Math.floor((now.getTime() - ms(iso)) / MIN);
}

/** Minutes of shop-hours silence known from our own observations, or null outside shop hours. */
function silentMinutes(f: HealthFacts, p: HealthPolicy): number | null {
  const opened = shopWindowOpenedAt(f.now, p.shopHours, p.timezone);
  if (!opened) return null;
  const since = Math.max(ms(f.lastSmsAt), opened.getTime(), ms(f.watchingSince));
  return (f.now.getTime() - since) / MIN;
}

/**
 * Ask the drop-box's /health before calling the phone silent: it also counts SMS the drop-box received but did
 * not keep (non-payment senders), which /messages never shows. At most every `healthCheckMinutes`, and only
 * while our own view says silent, so a healthy idle tick stays at one request.
 */
export function healthProbeDue(f: HealthFacts, p: HealthPolicy): boolean {
  if (f.dropboxDownSince !== null) return false;
  const silent = silentMinutes(f, p);
  if (silent === null || silent < p.silentPhoneMinutes) return false;
  return f.lastProbeAt === null || f.now.getTime() - ms(f.lastProbeAt) >= p.healthCheckMinutes * MIN;
}

function silentPhone(f: HealthFacts, p: HealthPolicy): Condition {
  const open = f.openAlerts.find((a) => a.id === 'silent-phone');
  const silent = silentMinutes(f, p);
  if (silent === null) {
    // Outside shop hours only a new SMS ends the incident.
    return open && ms(f.lastSmsAt) > ms(open.firstSeenAt) ? { state: 'clear' } : { state: 'unknown' };
  }
  if (f.dropboxDownSince !== null || healthProbeDue(f, p)) return { state: 'unknown' };
  if (silent < p.silentPhoneMinutes) return { state: 'clear' };
  const last = f.lastSmsAt === null ? 'none seen since smsmatch started' : `last one ${minutesAgo(f.now, f.lastSmsAt)} min ago (${f.lastSmsAt})`;
  return {
    state: 'active',
    message: `the shop phone seems silent: no SMS has reached the drop-box for ${Math.floor(silent)} min during shop hours (${last}); check that the phone is on, has signal and SMSsync is running`,
  };
}

function dropboxDown(f: HealthFacts, p: HealthPolicy): Condition {
  if (f.dropboxDownSince === null) return { state: 'clear' };
  const down = minutesAgo(f.now, f.dropboxDownSince);
  if (down < p.dropboxDownMinutes) return { state: 'unknown' };
  return { state: 'active', message: `the drop-box has been unreachable for ${down} min (since ${f.dropboxDownSince}): ${f.dropboxError ?? 'no answer'}` };
}

function reviewWait(f: HealthFacts, p: HealthPolicy): Condition {
  const late = f.inReview.filter((r) => minutesAgo(f.now, r.since) >= p.reviewWaitMinutes).sort((a, b) => ms(a.since) - ms(b.since));
  const oldest = late[0];
  if (!oldest) return { state: 'clear' };
  return {
    state: 'active',
    message: `${late.length} payment(s) have waited for review for over ${p.reviewWaitMinutes} min (oldest: ${oldest.code ?? oldest.key} since ${oldest.since}); run \`smsmatch review\``,
  };
}

export function assessHealth(f: HealthFacts, p: HealthPolicy): Record<AlertId, Condition> {
  return {
    'silent-phone': silentPhone(f, p),
    credentials: f.authFailure === null ? { state: 'clear' } : { state: 'active', message: `credentials rejected: ${f.authFailure}` },
    'dropbox-down': dropboxDown(f, p),
    'review-wait': reviewWait(f, p),
  };
}

/** Raise what became active and is not open yet; resolve what is open and clear. Ongoing alerts are left alone. */
export function planAlerts(conditions: Record<AlertId, Condition>, open: ReadonlyArray<{ id: string }>): { raise: Array<{ id: AlertId; message: string }>; resolve: AlertId[] } {
  const isOpen = (id: string): boolean => open.some((a) => a.id === id);
  const raise: Array<{ id: AlertId; message: string }> = [];
  const resolve: AlertId[] = [];
  for (const id of ALERT_IDS) {
    const c = conditions[id];
    if (c.state === 'active' && !isOpen(id)) raise.push({ id, message: c.message });
    if (c.state === 'clear' && isOpen(id)) resolve.push(id);
  }
  return { raise, resolve };
}

/** Skip ticks after a transient failure: 10 s, 20 s, 40 s … capped. */
export function backoffMs(failures: number, capMs: number, baseMs = 10_000): number {
  if (failures <= 0) return 0;
  return Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 20));
}

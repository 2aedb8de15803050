import { describe, expect, it } from 'vitest';
import { assessHealth, backoffMs, healthProbeDue, planAlerts, type HealthFacts, type HealthPolicy } from '../../src/app/daemon/health.js';
import { localDate, shopWindowOpenedAt } from '../../src/app/daemon/local-time.js';

const policy: HealthPolicy = {
  timezone: 'Africa/Nairobi', shopHours: { start: '08:00', end: '20:00' }, silentPhoneMinutes: 120, dropboxDownMinutes: 30, reviewWaitMinutes: 60, healthCheckMinutes: 15,
};
// 14:00 in Nairobi (UTC+3).
const noon = new Date('2026-03-10T11:00:00.000Z');
const min = (n: number, from = noon): string => new Date(from.getTime() - n * 60_000).toISOString();

function facts(over: Partial<HealthFacts> = {}): HealthFacts {
  return {
    now: noon, watchingSince: min(600), lastSmsAt: min(5), lastProbeAt: null, dropboxDownSince: null, dropboxError: null,
    authFailure: null, inReview: [], openAlerts: [], ...over,
  };
}

describe('shop hours in the shop time zone', () => {
  it('finds when the current window opened, and nothing outside it', () => {
    expect(shopWindowOpenedAt(noon, policy.shopHours, 'Africa/Nairobi')?.toISOString()).toBe('2026-03-10T05:00:00.000Z');
    expect(shopWindowOpenedAt(new Date('2026-03-10T18:00:00Z'), policy.shopHours, 'Africa/Nairobi')).toBeNull(); // 21:00 local
    expect(shopWindowOpenedAt(new Date('2026-03-10T04:59:00Z'), policy.shopHours, 'Africa/Nairobi')).toBeNull(); // 07:59 local
  });

  it('wraps a window past midnight', () => {
    const hours = { start: '20:00', end: '02:00' };
    expect(shopWindowOpenedAt(new Date('2026-03-10T22:30:00Z'), hours, 'UTC')?.toISOString()).toBe('2026-03-10T20:00:00.000Z');
    expect(shopWindowOpenedAt(new Date('2026-03-11T01:15:00Z'), hours, 'UTC')?.toISOString()).toBe('2026-03-10T20:00:00.000Z');
    expect(shopWindowOpenedAt(new Date('2026-03-11T02:00:00Z'), hours, 'UTC')).toBeNull();
  });

  it('dates "today" in the shop zone, not UTC', () => {
    expect(localDate('2026-03-10T22:30:00Z', 'Africa/Nairobi')).toBe('2026-03-11');
    expect(localDate('2026-03-10T22:30:00Z', 'UTC')).toBe('2026-03-10');
  });
});

describe('silent phone', () => {
  it('is clear while SMS keep arriving', () => {
    expect(assessHealth(facts(), policy)['silent-phone']).toEqual({ state: 'clear' });
  });

  it('asks /health before calling the phone silent, then raises once confirmed', () => {
    const quiet = facts({ lastSmsAt: min(180) });
    expect(healthProbeDue(quiet, policy)).toBe(true);
    expect(assessHealth(quiet, policy)['silent-phone']).toEqual({ state: 'unknown' });
    const probed = facts({ lastSmsAt: min(180), lastProbeAt: min(0) });
    expect(healthProbeDue(probed, policy)).toBe(false);
    const c = assessHealth(probed, policy)['silent-phone'];
    expect(c.state).toBe('active');
    expect(c.state === 'active' && c.message).toContain('no SMS has reached the drop-box for 180 min during shop hours');
  });

  it('counts only silence inside shop hours: the night before does not alert at opening', () => {
    const at0830 = new Date('2026-03-10T05:30:00Z');
    const f = facts({ now: at0830, lastSmsAt: '2026-03-09T16:00:00Z', lastProbeAt: at0830.toISOString() });
    expect(assessHealth(f, policy)['silent-phone']).toEqual({ state: 'clear' });
    expect(healthProbeDue(f, policy)).toBe(false);
  });

  it('does not count silence before the daemon started watching', () => {
    const f = facts({ lastSmsAt: null, watchingSince: min(30), lastProbeAt: min(0) });
    expect(assessHealth(f, policy)['silent-phone']).toEqual({ state: 'clear' });
  });

  it('outside shop hours keeps an open alert until a new SMS arrives', () => {
    const night = new Date('2026-03-10T20:00:00Z');
    const open = [{ id: 'silent-phone', firstSeenAt: '2026-03-10T14:00:00Z' }];
    expect(assessHealth(facts({ now: night, lastSmsAt: '2026-03-10T10:00:00Z', openAlerts: open }), policy)['silent-phone']).toEqual({ state: 'unknown' });
    expect(assessHealth(facts({ now: night, lastSmsAt: '2026-03-10T19:00:00Z', openAlerts: open }), policy)['silent-phone']).toEqual({ state: 'clear' });
    expect(healthProbeDue(facts({ now: night, lastSmsAt: '2026-03-10T10:00:00Z' }), policy)).toBe(false);
  });

  it('cannot tell while the drop-box is down', () => {
    const f = facts({ lastSmsAt: min(300), lastProbeAt: min(1), dropboxDownSince: min(10) });
    expect(assessHealth(f, policy)['silent-phone']).toEqual({ state: 'unknown' });
    expect(healthProbeDue(f, policy)).toBe(false);
  });
});

describe('drop-box down, credentials, review wait', () => {
  it('raises drop-box down only after the configured minutes', () => {
    expect(assessHealth(facts({ dropboxDownSince: min(10) }), policy)['dropbox-down']).toEqual({ state: 'unknown' });
    const c = assessHealth(facts({ dropboxDownSince: min(31), dropboxError: 'ECONNREFUSED' }), policy)['dropbox-down'];
    expect(c.state === 'active' && c.message).toContain('unreachable for 31 min');
    expect(assessHealth(facts(), policy)['dropbox-down']).toEqual({ state: 'clear' });
  });

  it('credentials follow the last call', () => {
    expect(assessHealth(facts({ authFailure: 'the shop rejected the API key (HTTP 401)' }), policy).credentials.state).toBe('active');
    expect(assessHealth(facts(), policy).credentials).toEqual({ state: 'clear' });
  });

  it('review wait names the oldest payment past the limit', () => {
    const inReview = [{ key: 'mpesa-ke:A', code: 'A', since: min(30) }, { key: 'mpesa-ke:B', code: 'B', since: min(90) }, { key: 'mpesa-ke:C', code: 'C', since: min(61) }];
    const c = assessHealth(facts({ inReview }), policy)['review-wait'];
    expect(c.state === 'active' && c.message).toMatch(/^2 payment\(s\) have waited for review for over 60 min \(oldest: B since/);
    expect(assessHealth(facts({ inReview: inReview.slice(0, 1) }), policy)['review-wait']).toEqual({ state: 'clear' });
  });
});

describe('planAlerts: once per incident', () => {
  it('raises new, leaves ongoing and unknown alone, resolves cleared', () => {
    const plan = planAlerts(
      { 'silent-phone': { state: 'unknown' }, credentials: { state: 'active', message: 'x' }, 'dropbox-down': { state: 'clear' }, 'review-wait': { state: 'active', message: 'y' } },
      [{ id: 'review-wait' }, { id: 'dropbox-down' }, { id: 'silent-phone' }],
    );
    expect(plan).toEqual({ raise: [{ id: 'credentials', message: 'x' }], resolve: ['dropbox-down'] });
  });
});

describe('backoff', () => {
  it('doubles from 10 s and is capped', () => {
    expect([0, 1, 2, 3, 4, 10, 100].map((n) => backoffMs(n, 300_000))).toEqual([0, 10_000, 20_000, 40_000, 80_000, 300_000, 300_000]);
  });
});

import { describe, expect, it } from 'vitest';
import { backoff, isNeverSentCode, parseRetryAfter, retryDelay, withRetries, type Failure, type RetryOptions } from '../../../src/adapters/http-retry.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const opts = (extra: Partial<RetryOptions> = {}): RetryOptions => ({ retries: 3, sleep: () => Promise.resolve(), random: () => 1, now: () => NOW, ...extra });

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 01 May 2024 12:00:30 GMT', 30_000],
    ['Wed, 01 May 2024 11:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ] as const)('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('retryDelay', () => {
  const net = (code: string): Failure => ({ kind: 'network', code, neverSent: isNeverSentCode(code) });
  const status = (s: number, retryAfter?: string): Failure => ({ kind: 'status', status: s, retryAfter });

  it.each([
    ['GET', net('ECONNRESET'), 500],
    ['GET', { kind: 'timeout', neverSent: false }, 500],
    ['GET', status(408), 500],
    ['GET', status(429, '3'), 3_000],
    ['GET', status(503, '600'), 60_000],
    ['GET', status(500), 500],
    ['GET', status(501), null],
    ['GET', status(404), null],
    ['GET', status(401), null],
    ['POST', net('ECONNREFUSED'), 500],
    ['POST', net('ENOTFOUND'), 500],
    ['POST', net('EAI_AGAIN'), 500],
    ['POST', net('ECONNRESET'), null],
    ['POST', { kind: 'timeout', neverSent: false }, null],
    ['POST', status(500), null],
    ['POST', status(502), null],
    ['POST', status(503), null],
    ['POST', status(503, '5'), 5_000],
    ['PUT', status(429, '1'), 1_000],
    ['POST', status(429), null],
  ] as const)('%s after %j → %s', (method, failure, expected) => {
    expect(retryDelay(method, failure, 0, opts())).toBe(expected);
  });

  it('treats only an OS connect timeout as never sent', () => {
    expect(isNeverSentCode('ETIMEDOUT', 'connect')).toBe(true);
    expect(isNeverSentCode('ETIMEDOUT', 'read')).toBe(false);
    expect(isNeverSentCode(undefined)).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles per attempt between half and all of the ceiling, capped', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoff(n, opts({ random: () => 1 })))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect([0, 1, 2].map((n) => backoff(n, opts({ random: () => 0 })))).toEqual([250, 500, 1_000]);
  });
});

describe('withRetries', () => {
  it('stops after retries + 1 attempts and rethrows the last error unchanged', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const last = new Error('third');

    const run = withRetries('GET', () => {
      calls += 1;
      return Promise.reject(calls === 3 ? last : new Error('again'));
    }, () => ({ kind: 'status', status: 503 }), opts({ retries: 2, sleep: (ms) => (sleeps.push(ms), Promise.resolve()) }));

    await expect(run).rejects.toBe(last);
    expect(calls).toBe(3);
    expect(sleeps).toEqual([500, 1_000]);
  });

  it('does not retry errors that are not transport failures', async () => {
    let calls = 0;

    await expect(withRetries('GET', () => {
      calls += 1;
      return Promise.reject(new TypeError('bug'));
    }, () => null, opts())).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSms } from '../../../../src/core/sms/parse.js';
import { BUILT_IN_PROVIDERS } from '../../../../src/core/sms/providers/index.js';
import type { ParsedSms } from '../../../../src/core/sms/types.js';

export interface ProviderCase {
  name: string;
  from: string | null;
  text: string;
  expected: Partial<ParsedSms>;
}

const fixturesRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'fixtures', 'sms');

export function loadCases(providerId: string): ProviderCase[] {
  return JSON.parse(readFileSync(join(fixturesRoot, providerId, 'cases.json'), 'utf8')) as ProviderCase[];
}

/**
 * Table-driven check of one provider's fixtures: every listed field must equal the expectation, a trusted
 * payment is this provider's, a case that is not a payment never comes out as one (not even from the
 * provider's own sender ID), and every trusted payment turns untrusted when the same text comes from an
 * ordinary number.
 */
export function describeProviderCases(providerId: string): void {
  const cases = loadCases(providerId);

  describe(`${providerId} fixtures`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const parsed = parseSms({ from: c.from, text: c.text });

      expect(parsed).toMatchObject(c.expected);
      if (c.expected.kind !== undefined && c.expected.kind !== 'payment') expect(parsed.kind).not.toBe('payment');
      if (c.expected.trusted === false) expect(parsed.kind === 'payment' && parsed.trusted).toBe(false);
      if (parsed.kind === 'payment' && parsed.trusted) expect(parsed.provider).toBe(providerId);
    });

    it('never turns a look-alike into a payment, even from the provider\'s own sender ID', () => {
      const sender = BUILT_IN_PROVIDERS.find((p) => p.id === providerId)?.senderIds[0] ?? 'MPESA';
      const lookAlikes = cases.filter((c) => c.expected.kind !== undefined && c.expected.kind !== 'payment');

      const payments = lookAlikes.filter((c) => parseSms({ from: sender, text: c.text }).kind === 'payment');

      expect(payments.map((c) => c.name)).toEqual([]);
    });

    const payments = cases.filter((c) => c.expected.kind === 'payment' && c.expected.trusted === true);
    it.each(payments.map((c) => [c.name, c] as const))('%s from an ordinary number is untrusted', (_name, c) => {
      const parsed = parseSms({ from: '+15550100200', text: c.text });

      expect(parsed.trusted).toBe(false);
      expect(parsed.untrustedReason).not.toBeNull();
    });

    it('has payments, non-payments and a spoof among its fixtures', () => {
      expect(payments.length).toBeGreaterThan(0);
      expect(cases.some((c) => c.expected.kind !== undefined && c.expected.kind !== 'payment')).toBe(true);
      expect(cases.some((c) => c.expected.trusted === false)).toBe(true);
    });
  });
}

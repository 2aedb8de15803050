import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSms } from '../../../../src/core/sms/parse.js';
import type { ParsedSms } from '../../../../src/core/sms/types.js';

interface Case {
  name: string;
  from: string;
  text: string;
  expected: Partial<ParsedSms>;
}

const cases = JSON.parse(readFileSync(new URL('../../../../fixtures/sms/tigo-tz/cases.json', import.meta.url), 'utf8')) as Case[];

describe('tigo-tz provider', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = parseSms({ from: c.from, text: c.text });

    expect(parsed).toMatchObject(c.expected);
    if (parsed.kind === 'payment' && parsed.trusted) expect(parsed.provider).toBe('tigo-tz');
  });

  it('never turns a look-alike into a payment, whatever the sender', () => {
    const lookAlikes = cases.filter((c) => c.expected.kind !== undefined && c.expected.kind !== 'payment');

    const payments = lookAlikes.filter((c) => parseSms({ from: 'MPESA', text: c.text }).kind === 'payment');

    expect(payments.map((c) => c.name)).toEqual([]);
  });
});

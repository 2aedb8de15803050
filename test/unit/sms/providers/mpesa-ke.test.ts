import { describe, expect, it } from 'vitest';
import { parseSms } from '../../../../src/core/sms/parse.js';
import { describeProviderCases } from './cases.js';

describeProviderCases('mpesa-ke');

describe('mpesa-ke provider', () => {
  it('is not fooled by the same receipt typed with the wrong currency', () => {
    const parsed = parseSms({ from: 'MPESA', text: 'TCN1UNF1RZ Confirmed.You have received USD1,600.00 from KELVIN OMUTERE 0759000329 on 23/3/25 at 10:28 PM' });

    expect(parsed.kind === 'payment' && parsed.provider === 'mpesa-ke').toBe(false);
  });
});

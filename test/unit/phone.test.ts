import { describe, expect, it } from 'vitest';
import { normalisePhone, phonesMatch } from '../../src/core/phone.js';

describe('normalisePhone', () => {
  it.each([
    ['0712345678', '254', '+254712345678'],
    ['+254712345678', '254', '+254712345678'],
    ['254712345678', '254', '+254712345678'],
    ['712345678', '254', '+254712345678'],
    ['0711 111 111', '254', '+254711111111'],
    ['+254-712-345-678', '254', '+254712345678'],
    ['00254712345678', '254', '+254712345678'],
    ['2540712345678', '254', '+254712345678'],
    ['+254 (0) 712 345 678', '254', '+254712345678'],
    ['0715***897', '254', '+254715***897'],
    ['0722XXXXXX', '254', '+254722******'],
    ['254715xxx897', '254', '+254715***897'],
    ['759926715', '256', '+256759926715'],
    ['977429540', '260', '+260977429540'],
    ['*********013', '250', '+*********013'],
    ['2519****2078', '251', '+2519****2078'],
    ['57652730', '226', '+22657652730'],
  ])('%s (cc %s) → %s', (raw, cc, expected) => {
    expect(normalisePhone(raw, cc)).toBe(expected);
  });

  it.each([[''], ['abc'], ['12'], ['*****'], ['0712 345 678 999 999 1']])('rejects %j', (raw) => {
    expect(normalisePhone(raw, '254')).toBeNull();
  });
});

describe('phonesMatch', () => {
  it('matches equal full numbers exactly', () => {
    expect(phonesMatch('+254712345678', '+254712345678')).toBe('exact');
    expect(phonesMatch('+254712345678', '+254712345679')).toBe('no');
  });

  it('matches a masked number only when every visible digit agrees', () => {
    expect(phonesMatch('+254715***897', '+254715123897')).toBe('masked');
    expect(phonesMatch('+254715***897', '+254715123898')).toBe('no');
    expect(phonesMatch('+254716***897', '+254715123897')).toBe('no');
    expect(phonesMatch('+254715***897', '+25471512389')).toBe('no');
  });

  it('does not treat a nearly fully masked number as evidence', () => {
    expect(phonesMatch('+*********013', '+250791666013')).toBe('no');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { learnProvider } from '../../../src/core/learn/learn.js';
import { parseAmount } from '../../../src/core/money.js';

/**
 * Random providers: fixed wording in one of four languages around a code, an amount written in one of the
 * notations SMS use, a payer of one to four words with a number, a date and a balance. Whatever the learner
 * makes of three such samples, it never returns a template that misreads one of them: either it reads every
 * sample exactly, or it asks / fails.
 */
const WORDINGS = [
  { lead: 'Confirmed. You have received', from: 'from', on: 'on', bal: 'New balance is', ref: 'Transaction ID:' },
  { lead: 'Vous avez reçu', from: 'de', on: 'le', bal: 'Nouveau solde', ref: 'Trans ID:' },
  { lead: 'Recebeste', from: 'de', on: 'aos', bal: 'O novo saldo é', ref: 'Referência:' },
  { lead: 'Umepokea', from: 'kutoka', on: 'tarehe', bal: 'Salio jipya ni', ref: 'Kumbukumbu:' },
];
const CURRENCIES: Array<{ iso: string; before?: string; after?: string }> = [
  { iso: 'KES', before: 'Ksh' }, { iso: 'TZS', before: 'TSh ' }, { iso: 'MGA', after: ' Ar' }, { iso: 'MZN', after: ' MT' },
  { iso: 'XAF', after: 'F CFA' }, { iso: 'XAF', before: 'XAF ' }, { iso: 'USD', before: '$' },
];
const SEPARATORS: Array<[string, string]> = [[',', '.'], ['.', ','], [' ', ','], ["'", '.'], ['', '.'], ['', '']];
const WORD = fc.stringMatching(/^[A-Z][a-z]{2,8}$/);

function format(minor: number, thousands: string, decimal: string): string {
  const whole = String(Math.floor(minor / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return decimal === '' ? whole : `${whole}${decimal}${String(minor % 100).padStart(2, '0')}`;
}

const sampleArb = fc.record({
  code: fc.stringMatching(/^[A-Z]{2}\d[A-Z0-9]{5,8}$/),
  amount: fc.integer({ min: 100, max: 50_000_000 }).map((n) => n - (n % 100) + 0),
  balance: fc.integer({ min: 100, max: 90_000_000 }),
  name: fc.array(WORD, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
  phone: fc.stringMatching(/^7\d{8}$/),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
});

describe('a template learnt from samples reads every sample it was learnt from', () => {
  it('for random providers in English, French, Portuguese and Swahili', () => {
    fc.assert(fc.property(
      fc.constantFrom(...WORDINGS), fc.constantFrom(...CURRENCIES), fc.constantFrom(...SEPARATORS), fc.array(sampleArb, { minLength: 3, maxLength: 3 }),
      (words, currency, [thousands, decimal], samples) => {
        const money = (minor: number): string => `${currency.before ?? ''}${format(minor, thousands, decimal)}${currency.after ?? ''}`;
        // A day above 12 in one sample tells the date order, as a real batch usually does.
        const texts = samples.map((s, i) => `${s.code} ${words.lead} ${money(s.amount)} ${words.from} ${s.name} 261${s.phone} ${words.on} ${i === 0 ? 25 : s.day}/${s.month}/2026 10:0${i}. ${words.bal} ${money(s.balance)}.`);
        const outcome = learnProvider({ samples: texts, id: 'random', name: 'Random', senderIds: ['RANDOM'], currency: currency.iso, callingCode: '261', country: 'MG', timeZone: '+03:00' });
        if (!outcome.ok) return;
        outcome.readings.forEach((reading, i) => {
          const s = samples[i]!;
          const exponentMinor = (minor: number): number => parseAmount(format(minor, '', decimal === '' ? '' : '.'), currency.iso)!.minor;
          expect(reading.code).toBe(s.code);
          expect(parseAmount(reading.amount!, currency.iso)!.minor).toBe(exponentMinor(s.amount));
          expect(reading.name).toBe(s.name);
          expect(reading.phone).toBe(`+261${s.phone}`);
        });
      },
    ), { numRuns: 150 });
  });

  it('learns most of them without a question (the cue words are enough)', () => {
    let learnt = 0;
    const runs = 60;
    fc.assert(fc.property(fc.constantFrom(...WORDINGS), fc.array(sampleArb, { minLength: 3, maxLength: 3 }), (words, samples) => {
      const texts = samples.map((s) => `${words.lead} Ksh${format(s.amount, ',', '.')} ${words.from} ${s.name} 261${s.phone} ${words.on} 25/${s.month}/2026 10:00. ${words.bal} Ksh${format(s.balance, ',', '.')}. ${words.ref} ${s.code}.`);
      if (learnProvider({ samples: texts, id: 'random', name: 'Random', senderIds: ['RANDOM'], currency: 'KES', callingCode: '261', country: 'MG', timeZone: '+03:00' }).ok) learnt++;
    }), { numRuns: runs });
    expect(learnt / runs).toBeGreaterThan(0.8);
  });
});

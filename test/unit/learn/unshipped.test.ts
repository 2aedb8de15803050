import { describe, expect, it } from 'vitest';
import { learnProvider, toProviderDef } from '../../../src/core/learn/learn.js';
import { parseSms } from '../../../src/core/sms/parse.js';

/**
 * A provider smsmatch does not ship, learnt the way a shop would: Airtel Money in DR Congo (French, CDF and USD,
 * four decimals, the transaction ID first). The wording follows the receipts published in the public repository
 * doctarhyf/sms-parser-node-server (sms_models.js); names, numbers and IDs here are our own.
 */
const receipt = (id: string, amount: string, currency: string, phone: string, name: string, balance: string): string =>
  `Trans. ID: ${id}. Vous avez recu ${amount} ${currency}. Venant de ${phone} ${name}. Votre solde disponible est de:  ${balance} ${currency}.`;

const LEARN = [
  receipt('CO261104.0915.A10001', '2500.0000', 'CDF', '991000111', 'JEAN MUKENDI', '7500.0000'),
  receipt('CO261104.1120.B20002', '12.5000', 'USD', '972000222', 'MARIE', '40.2500'),
  receipt('CO261105.1705.C30003', '150000.0000', 'CDF', '853000333', 'ALBERT KABILA NGOY', '157500.0000'),
];

const LATER = [
  { text: receipt('CO261106.0801.D40004', '3000.0000', 'CDF', '994000444', 'GRACE MBUYI', '160500.0000'), code: 'CO261106.0801.D40004', amount: '3000.00', currency: 'CDF', name: 'GRACE MBUYI', phone: '+243994000444' },
  { text: receipt('CO261107.2230.E50005', '5.0000', 'USD', '975000555', 'PAUL', '45.2500'), code: 'CO261107.2230.E50005', amount: '5.00', currency: 'USD', name: 'PAUL', phone: '+243975000555' },
];

// Same sender, not payments: money sent, a balance enquiry, a failure (shapes from the same public source).
const NOT_PAYMENTS = [
  'Trans. ID: CI261104.1831.D47100 vous avez envoye de 1.0000 USD a 995000666.Votre solde disponible est de 9.0000USD.Cout:0.0000USD',
  'Txn. ID : ES261102.1645.C30377. Vous avez actuellement 10.0000 USD disponible sur votre compte courant.',
  'Votre solde disponible est de 541.3000 CDF.',
  'Trans. ID: CO261104.0915.A10009. Transaction echouee. Vous avez recu 0.0000 CDF.',
  'Trans. ID: CO261104.0915.A10010. Vous avez envoye 2500.0000 CDF. A 991000111 JEAN MUKENDI. Votre solde disponible est de:  5000.0000 CDF.',
];

describe('a provider that ships nowhere in smsmatch: Airtel Money DR Congo', () => {
  const outcome = learnProvider({ samples: LEARN, id: 'airtel-cd', name: 'Airtel Money RDC', senderIds: ['AirtelMoney'], currency: 'CDF', callingCode: '243', country: 'CD', timeZone: '+01:00' });

  it('is learnt from three receipts without a question, reading both currencies', () => {
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.readings.map((r) => [r.code, r.amount, r.currency, r.name, r.phone, r.balance])).toEqual([
      ['CO261104.0915.A10001', '2500.00', 'CDF', 'JEAN MUKENDI', '+243991000111', '7500.0000'],
      ['CO261104.1120.B20002', '12.50', 'USD', 'MARIE', '+243972000222', '40.2500'],
      ['CO261105.1705.C30003', '150000.00', 'CDF', 'ALBERT KABILA NGOY', '+243853000333', '157500.0000'],
    ]);
    expect(outcome.lookAlikes.accepted).toEqual([]);
  });

  it('reads later receipts and no non-payment of the same sender', () => {
    if (!outcome.ok) throw new Error('not learnt');
    const def = toProviderDef(outcome.provider, '+01:00');
    for (const later of LATER) {
      const parsed = parseSms({ from: 'AirtelMoney', text: later.text }, { providers: [def] });
      expect(parsed).toMatchObject({ kind: 'payment', trusted: true, provider: 'airtel-cd', code: later.code, amount: later.amount, currency: later.currency, payerName: later.name, payerPhone: later.phone });
    }
    for (const text of NOT_PAYMENTS) {
      const parsed = parseSms({ from: 'AirtelMoney', text }, { providers: [def] });
      expect(parsed.kind === 'payment' && parsed.provider === 'airtel-cd', text).toBe(false);
    }
  });
});

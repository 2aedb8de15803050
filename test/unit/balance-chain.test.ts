import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBalanceChain, type ChainMessage } from '../../src/core/balance-chain.js';
import { directionOf, walletOf } from '../../src/core/balance-wallet.js';
import { parseSms } from '../../src/core/sms/parse.js';

// Real M-PESA wordings; `min` is the printed minute after 10:00 on 1/3/25 (Nairobi), arrival a few seconds later.
const at = (min: number): string => `1/3/25 at 10:${String(min).padStart(2, '0')} AM`;
const arrival = (min: number, sec = 5): string => new Date(Date.UTC(2025, 2, 1, 7, min, sec)).toISOString();

let n = 0;
// Receipt codes are 10 characters; tests name them by a short prefix.
const full = (code: string): string => `${code}XXXXXXXXXX`.slice(0, 10);
const short = (code: string | null): string | null => (code ? code.replace(/X+$/, '') : null);
function msg(text: string, min: number, opts: { from?: string; device?: string; sec?: number; id?: string } = {}): ChainMessage {
  n++;
  return { messageId: opts.id ?? `m${n}`, parsed: parseSms({ from: opts.from ?? 'MPESA', text }), receivedAt: arrival(min, opts.sec), device: opts.device ?? 'phone-1' };
}
const p2p = (code: string, amount: string, balance: string, min: number, opts = {}): ChainMessage =>
  msg(`${full(code)} Confirmed.You have received Ksh${amount} from JANE DOE 0712345678 on ${at(min)} New M-PESA balance is Ksh${balance}.`, min, opts);
const p2pNoBalance = (code: string, amount: string, min: number): ChainMessage =>
  msg(`${full(code)} Confirmed.You have received Ksh${amount} from JANE DOE 0712345678 on ${at(min)}`, min);
const till = (code: string, amount: string, balance: string, min: number): ChainMessage =>
  msg(`${full(code)} Confirmed.on ${at(min)} Ksh${amount} received from 254700000000 JOHN DOE. New Account balance is Ksh${balance}.`, min);
const withdraw = (code: string, amount: string, balance: string, min: number): ChainMessage =>
  msg(`${full(code)} Confirmed.on ${at(min)}Withdraw Ksh${amount} from 123456 - AGENT SHOP New M-PESA balance is Ksh${balance}. Transaction cost, Ksh29.00.`, min);
const sent = (code: string, amount: string, balance: string | null, min: number): ChainMessage =>
  msg(`${full(code)} Confirmed. Ksh${amount} sent to JOHN DOE 0711111111 on ${at(min)}.${balance === null ? '' : ` New M-PESA balance is Ksh${balance}.`} Transaction cost, Ksh13.00.`, min);
const airtime = (code: string, amount: string, balance: string, min: number): ChainMessage =>
  msg(`${full(code)} confirmed.You bought Ksh${amount} of airtime on ${at(min)}.New M-PESA balance is Ksh${balance}. Transaction cost, Ksh0.00.`, min);
const reversal = (code: string, original: string, balance: string, min: number): ChainMessage =>
  msg(`${full(code)} Confirmed. Transaction ${full(original)} has been reversed. Your account balance is now Ksh${balance}.`, min);
const reversalDebit = (code: string, original: string, amount: string, balance: string, min: number): ChainMessage =>
  msg(`${full(code)} Confirmed. Reversal of transaction ${full(original)} of Ksh${amount} is debited from your M-PESA account on ${at(min)}. New M-PESA balance is Ksh${balance}.`, min);
// Moves money between the personal and the Pochi wallet: no sure wallet.
const pochiMove = (code: string, amount: string, min: number): ChainMessage =>
  msg(`${full(code)} Confirmed, Ksh${amount} has been moved from your business account to your M-PESA account on ${at(min)}.. New business balance is Ksh0.00. New M-PESA balance is Ksh1,168.18.`, min);

function statuses(messages: ChainMessage[], toleranceMinor = 0): Record<string, string> {
  const { verdicts } = checkBalanceChain(messages, { toleranceMinor });
  return Object.fromEntries(messages.map((m) => [short(m.parsed.code) ?? m.messageId, verdicts.get(m.messageId)?.status ?? 'none']));
}

describe('wallets', () => {
  it.each([
    ['p2p', 'personal'], ['pochi', 'pochi'], ['till', 'till'], ['paybill', 'paybill'], ['withdrawal', 'personal'],
    ['sent', 'personal'], ['sent-any', 'personal'], ['airtime', 'personal'], ['reversal', 'personal'], ['reversal-old', 'personal'],
    ['refund', 'personal'], ['business-received', null], ['reversal-other', null], ['savings-transfer', null],
  ])('mpesa-ke %s → %s', (template, wallet) => {
    expect(walletOf({ provider: 'mpesa-ke', template })?.wallet ?? null).toBe(wallet);
  });

  it('knows single-wallet providers, but not unknown ones or templates', () => {
    expect(walletOf({ provider: 'mtn-gh', template: 'received' })?.wallet).toBe('main');
    expect(walletOf({ provider: 'halopesa-tz', template: 'received' })).toBeNull();
    expect(walletOf({ provider: 'mpesa-ke', template: 'no-such-template' })).toBeNull();
    expect(walletOf({ provider: null, template: null })).toBeNull();
  });

  it('maps kinds to directions; non-money kinds are out of the chain', () => {
    expect(['payment', 'sent', 'deposit', 'reversal', 'failed', 'otp'].map((k) => directionOf(k as never))).toEqual(['in', 'out', 'credit', 'move', null, null]);
  });
});

describe('checkBalanceChain', () => {
  it('accepts consecutive payments whose balances add up', () => {
    const chain = [p2p('QA1', '1,000.00', '5,000.00', 1), p2p('QA2', '500.00', '5,500.00', 2), p2p('QA3', '250.50', '5,750.50', 3)];

    const result = checkBalanceChain(chain, { toleranceMinor: 0 });

    expect(statuses(chain)).toEqual({ QA1: 'start', QA2: 'ok', QA3: 'ok' });
    expect(result.verdicts.get(chain[2]!.messageId)).toMatchObject({ expectedMinor: 575050, previousId: chain[1]!.messageId });
    expect(result.events).toEqual([]);
  });

  it('flags a forged balance as a break, and as forged once the next SMS continues from before it', () => {
    const chain = [p2p('QB1', '1,000.00', '5,000.00', 1), p2p('QB2', '9,000.00', '20,000.00', 2), p2p('QB3', '100.00', '5,100.00', 3)];

    const result = checkBalanceChain(chain, { toleranceMinor: 0 });

    expect(statuses(chain)).toEqual({ QB1: 'start', QB2: 'break', QB3: 'ok' });
    expect(result.verdicts.get(chain[1]!.messageId)).toMatchObject({ expectedMinor: 1_400_000, bypassedBy: chain[2]!.messageId });
    expect(result.events.map((e) => [e.type, e.messageId, e.causeId])).toEqual([
      ['break', chain[1]!.messageId, chain[1]!.messageId],
      ['forged', chain[1]!.messageId, chain[2]!.messageId],
    ]);
    expect(result.events[0]!.text).toContain('KES 20,000.00');
    expect(result.events[0]!.text).toContain('KES 14,000.00');
  });

  it('calls a break that later SMS continue from a gap: an SMS is missing', () => {
    // A KES 2,000 payment between QC1 and QC2 never reached smsmatch.
    const chain = [p2p('QC1', '1,000.00', '5,000.00', 1), p2p('QC2', '500.00', '7,500.00', 3), p2p('QC3', '100.00', '7,600.00', 4)];

    const result = checkBalanceChain(chain, { toleranceMinor: 0 });

    expect(statuses(chain)).toEqual({ QC1: 'start', QC2: 'gap', QC3: 'ok' });
    expect(result.verdicts.get(chain[1]!.messageId)).toMatchObject({ healedBy: chain[2]!.messageId });
    const gap = result.events.find((e) => e.type === 'gap');
    expect(gap).toMatchObject({ messageId: chain[1]!.messageId, causeId: chain[2]!.messageId });
    expect(gap?.text).toContain('SMS may be missing');
    expect(gap?.text).toContain('KES 2,000.00 more');
  });

  it('is carried through an outgoing SMS with a balance (its charge need not be printed)', () => {
    const chain = [p2p('QD1', '1,000.00', '5,000.00', 1), withdraw('QD2', '2,000.00', '2,971.00', 2), p2p('QD3', '29.00', '3,000.00', 3)];

    const result = checkBalanceChain(chain, { toleranceMinor: 0 });

    expect(statuses(chain)).toEqual({ QD1: 'start', QD2: 'moved', QD3: 'ok' });
    expect(result.events).toEqual([]);
  });

  it('sees a balance jump on an outgoing SMS as money that arrived unseen', () => {
    const chain = [p2p('QE1', '1,000.00', '5,000.00', 1), withdraw('QE2', '1,000.00', '9,000.00', 2)];

    const result = checkBalanceChain(chain, { toleranceMinor: 0 });

    expect(result.events).toEqual([expect.objectContaining({ type: 'jump', messageId: chain[1]!.messageId, causeId: chain[1]!.messageId })]);
    expect(result.events[0]!.text).toContain('at most KES 4,000.00');
  });

  it('is carried through sent, airtime and reversal SMS, whose balances are read', () => {
    const chain = [
      p2p('QN1', '1,000.00', '5,000.00', 1), sent('QN2', '1,000.00', '3,987.00', 2), p2p('QN3', '500.00', '4,487.00', 3),
      airtime('QN4', '87.00', '4,400.00', 4), reversalDebit('QN5', 'QN3', '500.00', '3,900.00', 5), p2p('QN6', '100.00', '4,000.00', 6),
      reversal('QN7', 'QN2', '5,000.00', 7), p2p('QN8', '1.50', '5,001.50', 8),
    ];

    const result = checkBalanceChain(chain, { toleranceMinor: 0 });

    expect(statuses(chain)).toEqual({ QN1: 'start', QN2: 'moved', QN3: 'ok', QN4: 'moved', QN5: 'moved', QN6: 'ok', QN7: 'moved', QN8: 'ok' });
    expect(result.verdicts.get(chain[2]!.messageId)).toMatchObject({ expectedMinor: 448_700, previousId: chain[1]!.messageId });
    expect(result.events).toEqual([]);
  });

  it('still catches a forged payment after a withdrawal or a sent SMS', () => {
    const afterWithdrawal = [
      p2p('QO1', '1,000.00', '5,000.00', 1), withdraw('QO2', '2,000.00', '2,971.00', 2),
      p2p('QO3', '10,000.00', '50,000.00', 3), p2p('QO4', '29.00', '3,000.00', 4),
    ];
    const afterSent = [p2p('QP1', '1,000.00', '5,000.00', 1), sent('QP2', '1,000.00', '3,987.00', 2), p2p('QP3', '1,000.00', '6,000.00', 3)];

    const result = checkBalanceChain(afterWithdrawal, { toleranceMinor: 0 });

    expect(statuses(afterWithdrawal)).toEqual({ QO1: 'start', QO2: 'moved', QO3: 'break', QO4: 'ok' });
    expect(result.verdicts.get(afterWithdrawal[2]!.messageId)).toMatchObject({ expectedMinor: 1_297_100, previousId: afterWithdrawal[1]!.messageId });
    expect(result.events.map((e) => [e.type, e.messageId])).toEqual([
      ['break', afterWithdrawal[2]!.messageId], ['forged', afterWithdrawal[2]!.messageId],
    ]);
    expect(statuses(afterSent)).toEqual({ QP1: 'start', QP2: 'moved', QP3: 'break' });
  });

  it('is carried through Tanzanian M-Pesa sent and withdrawal SMS too', () => {
    const tz = (text: string, min: number): ChainMessage => msg(text, min, { from: 'M-PESA' });
    const received = (code: string, amount: string, balance: string, min: number): ChainMessage =>
      tz(`${full(code)} Confirmed. You have received Tsh${amount} from JOHN DOE on ${at(min)} New M-PESA balance is Tsh${balance}`, min);
    const chain = [
      received('TA1', '50,000', '214,676', 1),
      tz(`${full('TA2')} Confirmed. Tsh12,000.00 sent to business VODACOM-BUNDLES 2 on ${at(2)}. New M-Pesa balance is Tsh202,000.36.`, 2),
      received('TA3', '1,000', '203,000.36', 3),
      tz(`${full('TA4')} Confirmed.\non ${at(4)}\nWithdraw Tsh100,000 from\n128137 - SOME AGENT\nNew M-PESA balance is Tsh101,500`, 4),
      received('TA5', '900,000', '1,900,000', 5), received('TA6', '500', '102,000', 6),
    ];

    expect(statuses(chain)).toEqual({ TA1: 'start', TA2: 'moved', TA3: 'ok', TA4: 'moved', TA5: 'break', TA6: 'ok' });
  });

  it('restarts after an outgoing SMS without a balance, a payment without one, or a message of no sure wallet', () => {
    const chain = [
      p2p('QF1', '1,000.00', '5,000.00', 1), sent('QF2', '100.00', null, 2), p2p('QF3', '100.00', '9,999.00', 3),
      p2pNoBalance('QF4', '50.00', 4), p2p('QF5', '100.00', '1,234.00', 5),
      pochiMove('QF6', '500.00', 6), p2p('QF7', '100.00', '777.00', 7), p2p('QF8', '23.00', '800.00', 8),
    ];

    expect(statuses(chain)).toEqual({ QF1: 'start', QF2: 'moved', QF3: 'start', QF4: 'unchecked', QF5: 'start', QF6: 'unchained', QF7: 'start', QF8: 'ok' });
    expect(checkBalanceChain(chain, { toleranceMinor: 0 }).events).toEqual([]);
  });

  it('keeps wallets apart: Till and personal SMS on one phone interleave without breaking', () => {
    const chain = [p2p('QG1', '1,000.00', '5,000.00', 1), till('QG2', '300.00', '800.00', 2), p2p('QG3', '200.00', '5,200.00', 3), till('QG4', '100.00', '900.00', 4)];

    expect(statuses(chain)).toEqual({ QG1: 'start', QG2: 'start', QG3: 'ok', QG4: 'ok' });
  });

  it('allows a Till balance net of a merchant charge up to 1%, never more money than paid', () => {
    const charged = [till('QH1', '100.00', '1,000.00', 1), till('QH2', '1,000.00', '1,990.00', 2)];
    const tooLow = [till('QH3', '100.00', '1,000.00', 1), till('QH4', '1,000.00', '1,989.00', 2)];
    const surplus = [till('QH5', '100.00', '1,000.00', 1), till('QH6', '1,000.00', '2,000.01', 2)];

    expect(statuses(charged)).toEqual({ QH1: 'start', QH2: 'ok' });
    expect(statuses(tooLow)).toEqual({ QH3: 'start', QH4: 'break' });
    expect(statuses(surplus)).toEqual({ QH5: 'start', QH6: 'break' });
  });

  it('keeps phones apart, and leaves untrusted senders out of the chain', () => {
    const chain = [
      p2p('QI1', '1,000.00', '5,000.00', 1), p2p('QI2', '10.00', '10.00', 2, { device: 'phone-2' }),
      p2p('QI3', '999.00', '99,999.00', 3, { from: '+254700000001' }), p2p('QI4', '500.00', '5,500.00', 4),
    ];

    expect(statuses(chain)).toEqual({ QI1: 'start', QI2: 'start', QI3: 'none', QI4: 'ok' });
  });

  it('counts twins (same code again, under a new message id) once', () => {
    const first = p2p('QJ2', '500.00', '5,500.00', 2);
    const twin = { ...first, messageId: 'replayed', receivedAt: arrival(2, 40) };
    const chain = [p2p('QJ1', '1,000.00', '5,000.00', 1), first, twin, p2p('QJ3', '500.00', '6,000.00', 3)];

    const { verdicts, events } = checkBalanceChain(chain, { toleranceMinor: 0 });

    expect(chain.map((m) => verdicts.get(m.messageId)?.status)).toEqual(['start', 'ok', 'twin', 'ok']);
    expect(events).toEqual([]);
  });

  it('orders by the printed time, and within one minute by what follows from the balance', () => {
    const a = p2p('QK1', '1,000.00', '5,000.00', 1, { sec: 50 });
    const b = p2p('QK2', '100.00', '5,100.00', 2, { sec: 30 });
    const c = p2p('QK3', '200.00', '5,300.00', 2, { sec: 10 });
    const d = p2p('QK4', '50.00', '5,350.00', 3, { sec: 1 });

    expect(statuses([d, c, b, a])).toEqual({ QK4: 'ok', QK3: 'ok', QK2: 'ok', QK1: 'start' });
  });

  it('accepts differences within toleranceMinor', () => {
    const chain = [p2p('QL1', '1,000.00', '5,000.00', 1), p2p('QL2', '500.00', '5,500.05', 2)];

    expect(statuses(chain, 5)).toEqual({ QL1: 'start', QL2: 'ok' });
    expect(statuses(chain, 4)).toEqual({ QL1: 'start', QL2: 'break' });
  });

  it('gives the same verdicts whatever order the messages come in', () => {
    const chain = [
      p2p('QM1', '1,000.00', '5,000.00', 1), p2p('QM2', '500.00', '5,500.00', 2), withdraw('QM3', '1,000.00', '4,470.00', 3),
      p2p('QM4', '30.00', '4,500.00', 4), p2p('QM5', '1.00', '9,999.00', 5), p2p('QM6', '100.00', '4,600.00', 6), till('QM7', '10.00', '10.00', 6),
    ];
    const expected = checkBalanceChain(chain, { toleranceMinor: 0 });

    fc.assert(fc.property(fc.shuffledSubarray(chain, { minLength: chain.length, maxLength: chain.length }), (shuffled) => {
      const got = checkBalanceChain(shuffled, { toleranceMinor: 0 });
      expect(got.verdicts).toEqual(expected.verdicts);
      expect(new Set(got.events.map((e) => `${e.type}:${e.messageId}`))).toEqual(new Set(expected.events.map((e) => `${e.type}:${e.messageId}`)));
    }), { numRuns: 50 });
    expect(expected.verdicts.get(chain[4]!.messageId)?.status).toBe('break');
  });
});

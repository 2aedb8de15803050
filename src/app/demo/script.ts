import type { DecisionKind } from '../../core/match/index.js';

/**
 * The demo's story: what the shop's phone receives, in order, and what a careful person would decide.
 * Texts follow Safaricom's real receipt shapes (masked numbers since March 2026, Paybill account lines); the
 * balances form a consistent chain per wallet (M-PESA, Paybill), as a real phone's do. The orders are the
 * sandbox's demoOrders().
 */
export interface DemoCase {
  name: string;
  /** What the reader should take from it. */
  story: string;
  from: string;
  text: string;
  /** `dropped`: the drop-box's privacy filter keeps only SMS from payment sender IDs, so it never reaches smsmatch. */
  expect: DecisionKind | 'dropped';
  expectOrder: number | null;
  /** Posted after the first pass (a second tick), e.g. the rest of an underpayment. */
  later?: boolean;
  /** When the phone received it. */
  minutesAgo: number;
  /** After the first tick the customer types this SMS's code on this order's page ("Paid already?"). */
  codeEnteredOn?: number;
}

/** `d/m/yy at h:mm AM` in Nairobi time, as M-PESA prints it. */
export function mpesaTime(date: Date): string {
  const local = new Date(date.getTime() + 3 * 3_600_000);
  const h = local.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()}/${local.getUTCMonth() + 1}/${String(local.getUTCFullYear()).slice(2)} at ${h12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}

export function demoCases(now: Date): DemoCase[] {
  const at = (minAgo: number): string => mpesaTime(new Date(now.getTime() - minAgo * 60_000));
  const receipt = (code: string, amount: string, who: string, minAgo: number, balance: string): string =>
    `${code} Confirmed.You have received Ksh${amount} from ${who} on ${at(minAgo)} New M-PESA balance is Ksh${balance}. Separate personal and business funds through Pochi la Biashara on *334#.`;
  return [
    {
      name: 'masked number',
      minutesAgo: 30,
      story: 'Wanjiku pays for order #1041. Since March 2026 M-PESA hides the middle digits of her number, so smsmatch needs the visible digits AND her name to agree.',
      from: 'MPESA',
      text: receipt('UKR1A2B3C4', '1,250.00', 'WANJIKU KAMAU 0712***678', 30, '8,750.00'),
      expect: 'confirm', expectOrder: 1041,
    },
    {
      name: 'relative paying',
      minutesAgo: 26,
      story: 'Brian\'s sister pays for his order #1044 from her own phone. Nothing about her matches Brian, but he typed the M-PESA code into his order note.',
      from: 'MPESA',
      text: receipt('UHSNH45W4A', '2,100.00', 'ESTHER MUTUA 0723***904', 26, '10,850.00'),
      expect: 'confirm', expectOrder: 1044,
    },
    {
      name: 'checkout declaration',
      minutesAgo: 24,
      story: 'Daniel chose "Pay with M-PESA" for order #1049 and told the checkout his uncle Samuel Ochieng pays from 0745 111 999. M-PESA shows only SAMUEL OCHIENG 0745***999: the visible digits fit the declared number and the name fits the declared payer.',
      from: 'MPESA',
      text: receipt('UKR2C3D4E5', '2,750.00', 'SAMUEL OCHIENG 0745***999', 24, '13,600.00'),
      expect: 'confirm', expectOrder: 1049,
    },
    {
      name: 'code entry',
      minutesAgo: 20,
      story: 'A colleague pays Mercy\'s order #1050 from his phone. Nothing in the SMS points at her and the amount alone is no proof, so it waits for a person, until Mercy types the code on her order page.',
      from: 'MPESA',
      text: receipt('UKR6E7F8G9', '1,800.00', 'TOM KIBET 0790***123', 20, '15,400.00'),
      expect: 'confirm', expectOrder: 1050, codeEnteredOn: 1050,
    },
    {
      name: 'paybill account',
      minutesAgo: 22,
      story: 'Kevin pays order NB-2026-0046 through the shop\'s Paybill and types the order number as the account.',
      from: 'MPESA',
      text: `UKR7H8J9K0 Confirmed. on ${at(22)} Ksh499.00 received from KEVIN KIPROP 254110234567. Account Number NB-2026-0046 New Utility balance is Ksh11,349.00`,
      expect: 'confirm', expectOrder: 1046,
    },
    {
      name: 'underpayment',
      minutesAgo: 18,
      story: 'Achieng sends KES 500 for her KES 850 order #1043. Not enough: the order waits, and smsmatch remembers what was paid.',
      from: 'MPESA',
      text: receipt('UKR3D4E5F6', '500.00', 'ACHIENG NJERI 0733***456', 18, '15,900.00'),
      expect: 'partial', expectOrder: 1043,
    },
    {
      name: 'spoof',
      minutesAgo: 15,
      story: 'A fraudster sends a perfect copy of an M-PESA receipt from an ordinary phone number, hoping Grace\'s order #1045 gets shipped. The drop-box keeps only SMS from payment sender IDs (and smsmatch would not trust it anyway).',
      from: '+254798765432',
      text: receipt('UKR9Z9Z9Z9', '1,250.00', 'GRACE WAMBUI 0798***432', 15, '12,600.00'),
      expect: 'dropped', expectOrder: null,
    },
    {
      name: 'duplicate',
      minutesAgo: 12,
      story: 'The phone forwards Wanjiku\'s receipt a second time (a retry with a new message id). One code never pays twice.',
      from: 'MPESA',
      text: receipt('UKR1A2B3C4', '1,250.00', 'WANJIKU KAMAU 0712***678', 30, '8,750.00'),
      expect: 'duplicate', expectOrder: null,
    },
    {
      name: 'amount only',
      minutesAgo: 10,
      story: 'Someone unknown pays KES 1,250 with no name, number or code that matches an order. Order #1045 has that total, but amount alone is not proof.',
      from: 'MPESA',
      text: receipt('UKR5M6N7P8', '1,250.00', 'JOHN DOE 0700***111', 10, '17,150.00'),
      expect: 'review', expectOrder: null,
    },
    {
      name: 'rest of the underpayment',
      minutesAgo: 2,
      story: 'Achieng sends the missing KES 350. Together with the first KES 500 it covers order #1043, which is now paid.',
      from: 'MPESA',
      text: receipt('UKR4G5H6J7', '350.00', 'ACHIENG NJERI 0733***456', 2, '17,500.00'),
      expect: 'confirm', expectOrder: 1043, later: true,
    },
  ];
}

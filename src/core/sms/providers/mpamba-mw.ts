import type { ProviderDef } from '../provider.js';
import { AMT, NUM_DT, rx } from './other-parts.js';

/**
 * TNM Mpamba (Malawi), label lines. Shapes (anonymised):
 * - P2P: `Money Received from 265880000001 jane phiri on \n26/05/2019 14:29:36. \nAmount: 6,000.00MWK \nRef:
 *   6EQ60000KW\nBal: 6,002.00MWK`
 * - other network: `You have recieved 840.00MWK\nfrom AIRTEL MONEY\non 02/06/2020 20:16:04. \nRef: 7F250000HD\nBalance:
 *   840.01MWK` (payment from an institution)
 * - bank: `Deposit from STANDARD BANK on 20/06/2020 18:11:10. Amount: 3,500.00MWK Fee: 0.00MWK Ref: 7FK40000IQ
 *   Available Balance: 3,500.01MWK.`
 * - agent cash-in (not a payment): `Cash In from 263500-JOHN BANDA on\n09/08/2020 09:43:32.\nAmt: 5,500.00MWK ...`
 */
const MWK = String.raw`(?<amount>${AMT}) ?(?:MWK|MK)`;
const BAL = String.raw`(?:.{0,30}?\bBal(?:ance)?: ?(?<balance>${AMT}) ?(?:MWK|MK))?`;

export const MPAMBA_MW: ProviderDef = {
  id: 'mpamba-mw',
  name: 'TNM Mpamba',
  country: 'MW',
  callingCode: '265',
  currency: 'MWK',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['TNM Mpamba', 'Mpamba'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|AIRTEL MONEY|AIRTEL)\b/i,
  requires: /MWK|\bMK|\dMK/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient)\b`) },
    { name: 'cash-in', kind: 'deposit', pattern: rx(String.raw`\bCash In from (?<name>.{1,60}?) on (?<date>${NUM_DT})\.? ?Amt: ?${MWK}(?:.{0,30}?Ref: ?(?<code>\w{6,14}))?${BAL}`) },
    { name: 'cash-out', kind: 'withdrawal', pattern: rx(String.raw`\bCash Out\b.{0,80}?(?:Amt|Amount): ?${MWK}`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`\b(?:Money Sent to|You have sent|Payment to)\b.{0,80}?(?:Amt|Amount)?:? ?${MWK}`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`Money Received from (?<phone>\+?\d{9,12}) (?<name>.{1,60}?) on (?<date>${NUM_DT})\.? ?Amount: ?${MWK} ?Ref: ?(?<code>\w{6,14})${BAL}`),
    },
    {
      name: 'received-network',
      kind: 'payment',
      pattern: rx(String.raw`You have rec(?:ie|ei)ved ${MWK} from (?<name>.{1,60}?) on (?<date>${NUM_DT})\.? ?Ref: ?(?<code>\w{6,14})${BAL}`),
    },
    {
      name: 'received-bank',
      kind: 'payment',
      organisation: true,
      pattern: rx(String.raw`\bDeposit from (?<name>[^.]{1,40}?\bBANK\b[^.]{0,20}?) on (?<date>${NUM_DT})\.? ?Amount: ?${MWK}(?:.{0,30}?Ref: ?(?<code>\w{6,14}))?${BAL}`),
    },
  ],
};

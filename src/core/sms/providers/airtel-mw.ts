import type { ProviderDef } from '../provider.js';
import { AMT, CODE_DOTTED, rx } from './other-parts.js';

/**
 * Airtel Money Malawi. Shapes (anonymised):
 * - P2P: `Trans.ID :  PP200602.1133.H20001. Dear customer, you have received MK 3000.00 from 990000001,JANE
 *   PHIRI . Your available balance is MK 4022.69.`
 * - bank: `Trans. ID: BW200602.1151.D30001 You have received MK 5000.00 from Bank Account. Your available balance
 *   is 9022.69MK.` (payment from an institution)
 * - from an agent account the payer is blank: `Txn Id:ER200605.1800.H10001. Dear Customer, you have recieved
 *   MK 68750.00 from  . ...` (not a customer payment)
 * - sent: `Dear Customer, money transfer to 990000002, JOHN BANDA is successful, Trans Id: PP200815.0822.G60001,
 *   Trans Amt: MK2000.00. ...`
 */
const MK = String.raw`(?:MK|MWK) ?(?<amount>${AMT})(?: ?MWK)?`;
const ID = String.raw`(?:(?:Trans\.? ?ID|Txn ?Id) ?: ?(?<code>${CODE_DOTTED})\.? )?`;
const BAL = String.raw`Your available balance is ?(?:MK|MWK)? ?(?<balance>${AMT}) ?(?:MK|MWK)?`;
const RECEIVED = String.raw`(?:Dear customer, )?you have rec(?:ie|ei)ved`;

export const AIRTEL_MW: ProviderDef = {
  id: 'airtel-mw',
  name: 'Airtel Money Malawi',
  country: 'MW',
  callingCode: '265',
  currency: 'MWK',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['AirtelMoney', 'AIRTEL'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|TNM|MPAMBA|ACCOUNT)\b/i,
  requires: /MWK|\bMK|\dMK/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`money transfer to (?<phone>\d{9,12}), ?(?<name>.{1,60}?) is successful, ?Trans Id: ?(?<code>${CODE_DOTTED}), ?Trans Amt: ?${MK}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`\b(?:withdrawn|cash ?out|withdrawal)\b.{0,40}?${MK}`) },
    { name: 'agent-account', kind: 'deposit', pattern: rx(String.raw`${ID}${RECEIVED} ${MK} from ?\.`) },
    {
      name: 'received-bank',
      kind: 'payment',
      organisation: true,
      pattern: rx(String.raw`${ID}${RECEIVED} ${MK} from (?<name>Bank Account|[^.\d]{1,40}?\bBank\b[^.]{0,30}?)\. ${BAL}`),
    },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`${ID}${RECEIVED} ${MK} from (?<phone>\+?\d{9,12}) ?, ?(?<name>[^.]{1,60}?) ?\. ${BAL}`),
    },
  ],
};

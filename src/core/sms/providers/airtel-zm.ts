import type { ProviderDef } from '../provider.js';
import { AMT, CODE_DOTTED, PHONE, rx } from './other-parts.js';

/**
 * Airtel Money Zambia (`AIRTEL`). No date in the body (only inside the TID, `PPyymmdd.hhmm.X00000`), so
 * occurredAt stays null. Shapes (anonymised):
 * - received: `You have received ZMW 50.00 from 970000001 Jane Banda.Dial *115# to check your new Bal.
 *   TID: PP260916.1603.N90001.`
 * - `You have withdrawn ZMW 48.00 from 1800001 John Phiri. Bal is ZMW 0.06. TID: CO260916.1609.H10001.`
 * - `Money sent to Jane ngala on 970000002.Amount ZMW 17.00. Your bal is ZMW 5.56.TID: PP260915.1930.D00001.`
 * - `Your ZMW 2.00 airtime top-up is successful. ...`, `Payment of ZMW 3.00 Till Number ...`,
 *   `You have repaid  13.75 ZMW towards your FIKILIZA loan. ...`, `FAILED.TID: LP260908.2107.L50001, ...`
 */
const ZMW = String.raw`(?:ZMW|ZMK|K) ?(?<amount>${AMT})\.?`;
const TID = String.raw`(?:.{0,80}?\b(?:TID|Txn ID)\s?[:.]? ?(?<code>${CODE_DOTTED}))?`;

export const AIRTEL_ZM: ProviderDef = {
  id: 'airtel-zm',
  name: 'Airtel Money Zambia',
  country: 'ZM',
  callingCode: '260',
  currency: 'ZMW',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['AIRTEL', 'AirtelMoney'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|MTN|ZAMTEL|FUND)\b/i,
  requires: /ZMW|ZMK/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`^FAILED\b${TID}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`You have withdrawn ${ZMW} from (?<account>\d{1,12}) (?<name>.{1,60}?)\. ?Bal is ZMW ?(?<balance>${AMT})${TID}`) },
    { name: 'airtime', kind: 'airtime', pattern: rx(String.raw`Your ${ZMW} airtime top-?up\b.{0,60}?(?:balance is ZMW ?(?<balance>${AMT}))?${TID}`) },
    { name: 'till-payment', kind: 'sent', pattern: rx(String.raw`Payment of ${ZMW} (?:Till Number|to)\b.{0,80}?(?:bal is ZMW ?(?<balance>${AMT}))?${TID}`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`Money sent to (?<name>.{1,60}?) on (?<phone>${PHONE})\. ?Amount ${ZMW}(?:.{0,20}?bal is ZMW ?(?<balance>${AMT}))?${TID}`) },
    { name: 'loan-repayment', kind: 'loan_repayment', pattern: rx(String.raw`You have repaid (?<amount>${AMT}) ?ZMW towards your (?<name>\w{1,30}) loan`) },
    { name: 'loan', kind: 'loan', pattern: rx(String.raw`\bloan\b.{0,80}?(?:ZMW ?(?<amount>${AMT}))?`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`You have received ${ZMW} from (?<phone>\+?\d{9,12}) (?<name>.{1,60}?)\.? ?(?:Dial \*\d{2,4}#.{0,50}?|Your (?:new )?(?:available )?bal(?:ance)? is ZMW ?(?<balance>${AMT})\.? ?)?(?:TID|Txn ID)\s?[:.]? ?(?<code>${CODE_DOTTED})`),
    },
  ],
};

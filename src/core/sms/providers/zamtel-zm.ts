import type { ProviderDef } from '../provider.js';
import { AMT, NUM_DT, PHONE, rx } from './other-parts.js';

/**
 * Zamtel Money (Zambia). Shape (anonymised): `Dear Customer, you have received ZMW 1,500.00 from Jane Banda -
 * 0970000001 on 03-10-2026 16:59:01 under Txn ID: 9ABC0001. Your account balance is now ZMW 4,722.93. ...`
 */
const ZMW = String.raw`(?:ZMW|ZMK|K) ?(?<amount>${AMT})`;

export const ZAMTEL_ZM: ProviderDef = {
  id: 'zamtel-zm',
  name: 'Zamtel Money',
  country: 'ZM',
  callingCode: '260',
  currency: 'ZMW',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['Zamtel', 'ZamtelMoney'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|AIRTEL|MTN|FUND)\b/i,
  requires: /ZMW|ZMK/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`you have (?:sent|paid|transferred) ${ZMW} to`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`you have (?:withdrawn|cashed out) ${ZMW}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`you have received ${ZMW} from (?:agent|an agent)\b`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`you have received ${ZMW} from (?<name>.{1,60}?) ?- ?(?<phone>${PHONE}) on (?<date>${NUM_DT}) under Txn ID: ?(?<code>\w{4,20})\.?(?:.{0,30}?balance is now ZMW ?(?<balance>${AMT}))?`),
    },
  ],
};

import type { ProviderDef } from '../provider.js';
import { AMT, PHONE, rx } from './other-parts.js';

/**
 * Airtel Money Uganda: terse, no date, 9-digit numbers without prefix. Shapes (anonymised):
 * - received: `RECEIVED. TID 150000000001. UGX 12,325 from 750000001, JANE DOE. Bal UGX 122,061.`
 * - sent: `SENT UGX 500 to JOHN DOE on 256770000001. Fee UGX 100.0 Bal UGX 3,149. TID 150000000002.`
 */
export const AIRTEL_UG: ProviderDef = {
  id: 'airtel-ug',
  name: 'Airtel Money Uganda',
  country: 'UG',
  callingCode: '256',
  currency: 'UGX',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  senderIds: ['AirtelMoney'],
  organisationNames: /\b(?:LIMITED|LTD|BANK|SACCO|MTN MOBILE MONEY|MTN MOMO)\b/i,
  requires: /UGX|USHS?\b/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`^(?:FAILED|Transaction failed)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`^SENT\.?(?: TID:? ?(?<code>\d{6,20})\.?)? UGX ?(?<amount>${AMT}) to (?<name>.{1,60}?) on (?<phone>${PHONE})\b(?:.{0,40}?Bal UGX ?(?<balance>${AMT}))?`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`^(?:WITHDRAWN|CASH ?OUT|Withdrawal)\b.{0,40}?UGX ?(?<amount>${AMT})`) },
    { name: 'paid', kind: 'sent', pattern: rx(String.raw`^PAID\b.{0,40}?UGX ?(?<amount>${AMT})`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`^(?:DEPOSIT|CASH ?IN)\b.{0,40}?UGX ?(?<amount>${AMT})`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`^RECEIVED\.? TID:? ?(?<code>\d{6,20})\.? UGX ?(?<amount>${AMT}) from (?<phone>${PHONE}) ?, ?(?<name>.{1,60}?)\.? Bal(?:ance)?:? UGX ?(?<balance>${AMT})`),
    },
    {
      name: 'received-no-balance',
      kind: 'payment',
      pattern: rx(String.raw`^RECEIVED\.? TID:? ?(?<code>\d{6,20})\.? UGX ?(?<amount>${AMT}) from (?<phone>${PHONE}) ?, ?(?<name>[^.]{1,60}?)\.?$`),
    },
  ],
};

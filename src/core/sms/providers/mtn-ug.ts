import type { ProviderDef } from '../provider.js';
import { AMT, ISO_DT, PHONE, rx } from './other-parts.js';

/**
 * MTN MoMo Uganda. Shapes (anonymised):
 * - 2026 P2P: `You have received UGX 3400 from JANE DOE, 256770000001 on 2026-08-30 16:45:11. fee:0.
 *   Reason: 2094... New balance: UGX 35922. ID: 43140000001. Download MoMo App ...`
 * - cross-network: `You have received UGX 500 from Airtel Money on 2026-... Reason: JOHN DOE , 0700000001.
 *   New balance: UGX 900. ID: 41450000001.` (the payer is the person in Reason)
 * - 2015 multi-line, no ID: `Y'ello. You have received\nUGX 1000000.00 from \nACME\nLIMITED\n(256770000002) on your
 *   \nmobile money account at\n2015-05-10\n13:35:12.Your new\nbalance:UGX\n1068816.00.`
 * - sent: `You have sent UGX 30,000 to JOHN DOE, 256770000003 on 2026-08-30 17:04:02. fee:330. ... ID: 43140000002.`
 */
const TAIL = String.raw`(?:.{0,120}?New balance: ?UGX ?(?<balance>${AMT}))?(?:.{0,60}?\bID: ?(?<code>\d{6,20}))?`;

export const MTN_UG: ProviderDef = {
  id: 'mtn-ug',
  name: 'MTN MoMo Uganda',
  country: 'UG',
  callingCode: '256',
  currency: 'UGX',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  senderIds: ['MTNMobMoney', 'MTN MoMo'],
  organisationNames: /\b(?:LIMITED|LTD|BANK|SACCO|INVESTMENTS?|COMPANY|UGANDA|FUND)\b/i,
  requires: /UGX|USHS?\b/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful)\b(?:.{0,80}?UGX ?(?<amount>${AMT}))?`) },
    { name: 'reversal', kind: 'reversal', pattern: rx(String.raw`\brevers(?:al|ed)\b.{0,120}?UGX ?(?<amount>${AMT})`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`You have (?:sent|paid|transferred) UGX ?(?<amount>${AMT}) to (?<name>.{1,60}?)(?:, ?(?<phone>${PHONE}))?(?: on (?<date>${ISO_DT}))?\.${TAIL}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`You have withdrawn UGX ?(?<amount>${AMT})`) },
    { name: 'airtime', kind: 'airtime', pattern: rx(String.raw`You have bought (?:airtime|a data bundle|bundle)\b.{0,20}?UGX ?(?<amount>${AMT})`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`You have (?:received|deposited) UGX ?(?<amount>${AMT}) from (?:agent|an agent)\b`) },
    {
      name: 'received-cross-network',
      kind: 'payment',
      organisation: true,
      pattern: rx(String.raw`You have received UGX ?(?<amount>${AMT}) from (?:Airtel Money|AIRTEL|Other Networks?)(?: on (?<date>${ISO_DT}))?.{0,60}?\bReason: ?(?<name>[^,\d]{1,60}?) ?, ?(?<phone>\+?\d{9,12})\b${TAIL}`),
    },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`You have received UGX ?(?<amount>${AMT}) from (?<name>[^,]{1,60}?), ?(?<phone>${PHONE}) on (?<date>${ISO_DT})\.${TAIL}`),
    },
    {
      name: 'received-2015',
      kind: 'payment',
      pattern: rx(String.raw`You have received UGX ?(?<amount>${AMT}) from (?<name>[^()]{1,80}?) ?\((?<phone>${PHONE})\) on your mobile money account at (?<date>${ISO_DT})\.?${TAIL}`),
    },
  ],
};

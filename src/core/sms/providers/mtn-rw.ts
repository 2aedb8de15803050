import type { ProviderDef } from '../provider.js';
import { AMT, ISO_DT, PHONE, rx } from './other-parts.js';

/**
 * MTN MoMo Rwanda (`M-Money`). Outgoing shapes carry USSD tags (`*165*S*`, `*162*TxId:…*S*`, `*113*R*`,
 * `*143*R*`, `*EN#`). Shapes (anonymised):
 * - received: `You have received 2000 RWF from Jane Doe (*********013) on your mobile money account at
 *   2024-05-10 16:30:51. Message from sender: . Your new balance:2000 RWF. Financial Transaction Id: 76600000001.`
 * - received 2026: `You have received 7500 RWF from JOHN DOE (*********901) at 2026-08-18 10:37:10 . Balance:7675 RWF.
 *   FT Id: 29900000001`
 * - `*165*S*10000 RWF transferred to John Doe (250790000001) from 36500000 at 2024-05-11 20:34:47 . Fee was: 100 RWF.`
 * - `*113*R*A bank deposit of 40000 RWF has been added to your mobile money account at 2024-05-11 18:43:49. ...`
 * - `*143*R*Y'ello, the transaction with amount 200 RWF for ACME LTD with message: failed at 2026-08-16 16:22:21 .`
 * - Kinyarwanda bundle purchase: `Yello!Umaze kugura 2000Rwf(1GB)/30days ...`
 */
const RWF = String.raw`(?<amount>${AMT}) ?(?:RWF|Frw)`;

export const MTN_RW: ProviderDef = {
  id: 'mtn-rw',
  name: 'MTN MoMo Rwanda',
  country: 'RW',
  callingCode: '250',
  currency: 'RWF',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['M-Money', 'MTN MoMo'],
  organisationNames: /\b(?:LTD|LIMITED|BANK|PLC|COMPANY|S\.?A\.?)\b/i,
  requires: /RWF|Frw/i,
  templates: [
    { name: 'failed-ussd', kind: 'failed', pattern: rx(String.raw`\btransaction with amount ${RWF} for (?<name>.{1,60}?) with message:.{0,80}?\bfailed at (?<date>${ISO_DT})`) },
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`(?:\*143\*TxId: ?(?<code>\d{6,20})\*S\*)?Your payment of ${RWF} to (?<name>.{1,60}?) (?:with token )?has failed\b`) },
    { name: 'reversal', kind: 'reversal', pattern: rx(String.raw`(?:Your transaction to|A reversal has been initiated for your transaction to) (?<name>.{1,60}?) \((?<phone>${PHONE})\) with ${RWF}(?: has been reversed)?`) },
    { name: 'bank-deposit', kind: 'deposit', pattern: rx(String.raw`A (?:bank )?deposit of ${RWF} has been added to your mobile money account(?: at (?<date>${ISO_DT}))?(?:.{0,20}?BALANCE ?: ?(?<balance>${AMT}) ?RWF)?`) },
    { name: 'transferred-ussd', kind: 'sent', pattern: rx(String.raw`\*165\*S\*${RWF} transferred to (?<name>.{1,60}?) \((?<phone>${PHONE})\)(?: from \d{1,20})? at (?<date>${ISO_DT})(?:.{0,60}?New balance: ?(?<balance>${AMT}) ?RWF)?`) },
    { name: 'transferred', kind: 'sent', pattern: rx(String.raw`(?:You have transferred |\*16\d\*S\*)${RWF} (?:to|transferred to)\b`) },
    { name: 'airtime', kind: 'airtime', pattern: rx(String.raw`(?:\*162\*TxId: ?(?<code>\d{6,20})\*S\*)?Your payment of ${RWF} to (?:Airtime|Bundles ?and ?Packs)\b`) },
    { name: 'bundle-rw', kind: 'airtime', pattern: rx(String.raw`\bUmaze kugura ${RWF}`) },
    { name: 'payment-made', kind: 'sent', pattern: rx(String.raw`(?:TxId: ?(?<code>\d{6,20})\.?\*?(?:S\*)? ?)?Your payment of ${RWF} to (?<name>.{1,60}?) (?:has been|was) completed at (?<date>${ISO_DT})`) },
    { name: 'merchant-debit', kind: 'sent', pattern: rx(String.raw`\bA transaction of ${RWF} by (?<name>.{1,60}?) (?:on your MOMO account )?was (?:successfully )?completed`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`\bwithdrawn ${RWF} from your mobile money account`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`You have received ${RWF} from (?<name>[^()]{1,60}?) ?\((?<phone>${PHONE})\)(?: on your mobile money account)? at (?<date>${ISO_DT}) ?\.(?: Message from sender: (?<account>[^.]{0,60})\.)?(?:.{0,100}?(?:new balance|Balance) ?: ?(?<balance>${AMT}) ?RWF)?(?:.{0,60}?(?:Financial Transaction Id|FT Id|TxId): ?(?<code>\d{6,20}))?`),
    },
  ],
};

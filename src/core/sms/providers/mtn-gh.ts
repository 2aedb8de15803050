import type { ProviderDef } from '../provider.js';
import { AMT, ISO_DT, rx } from './other-parts.js';

/**
 * MTN MoMo Ghana (`MobileMoney`). No date and no payer number in receipts; `Reference` is the payer's note.
 * Shapes (anonymised):
 * - `Payment received for GHS 100.00 from Jane Doe  Current Balance: GHS 179.29 . Available Balance: GHS 179.29.
 *   Reference: order 12. Transaction ID: 88100000001. TRANSACTION FEE: 0.00`
 * - legacy: `Payment received for GHS 101.00 from JOHN DOE. Reference: x. Transaction ID: 83700000001.`
 * - look-alikes: `Cash In received for GHS 100.00 from AGENT ...` (deposit), `... INTEROPERABILITY PULL OVA failed to
 *   send GHS 990.00 to your account ...` (failed), `Your payment of GHS 5.00 to MTN AIRTIME has failed at ...`,
 *   `Y'ello. You have Paid GHS 40 to Merchant 104901 ...` (MoMoPay, sent), overdraft adverts quoting `GHS 1,800`.
 */
const GHS = String.raw`GH(?:S|¢|C|₵) ?(?<amount>${AMT})`;
const TXID = String.raw`(?:Financial )?Transaction I[dD]: ?(?<code>\d{6,20})`;

export const MTN_GH: ProviderDef = {
  id: 'mtn-gh',
  name: 'MTN MoMo Ghana',
  country: 'GH',
  callingCode: '233',
  currency: 'GHS',
  utcOffset: '+00:00',
  dateOrder: 'DMY',
  senderIds: ['MobileMoney', 'MTN MoMo'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|PLC|COMPANY|ENTERPRISE|VENTURES|INTEROPERABILITY|OVA)\b/i,
  requires: /GH(?:S|¢|C|₵)/i,
  templates: [
    { name: 'otp', kind: 'otp', pattern: rx(String.raw`\b(?:OTP|one[- ]time (?:pin|password)|verification code)\b`) },
    { name: 'overdraft-advert', kind: 'promo', pattern: rx(String.raw`\b(?:overdraft|MoMo Boost|qualify for a loan)\b.{0,60}?(?:${GHS})?`) },
    { name: 'failed-to-send', kind: 'failed', pattern: rx(String.raw`\bfailed to send ${GHS}`) },
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`Your payment of ${GHS} to (?<name>.{1,60}?) has failed(?: at (?<date>${ISO_DT}))?(?:.{0,60}?${TXID})?`) },
    { name: 'failed-other', kind: 'failed', pattern: rx(String.raw`\b(?:failed|insufficient (?:funds|balance)|exceeded your daily)\b`) },
    { name: 'reversal', kind: 'reversal', pattern: rx(String.raw`\bRevers(?:al|ed)\b.{0,40}?(?:${GHS})?`) },
    { name: 'cash-in', kind: 'deposit', pattern: rx(String.raw`Cash In received for ${GHS} from (?<name>.{1,60}?)\.? ?Current Balance:? ?GHS ?(?<balance>${AMT})(?:.{0,80}?${TXID})?`) },
    { name: 'cash-out', kind: 'withdrawal', pattern: rx(String.raw`Cash Out made for ${GHS} to (?<name>.{1,40}?)\.? ?Current Balance:? ?GHS ?(?<balance>${AMT})(?:.{0,40}?${TXID})?`) },
    { name: 'airtime', kind: 'airtime', pattern: rx(String.raw`Your payment of ${GHS} to (?<name>MTN AIRTIME|MTN DATA|Airtime)\b.{0,20}?has been completed`) },
    { name: 'payment-completed', kind: 'sent', pattern: rx(String.raw`Your payment of ${GHS} to (?<name>.{1,60}?) has been completed(?: at (?<date>${ISO_DT}))?`) },
    { name: 'payment-made', kind: 'sent', pattern: rx(String.raw`Payment (?:made )?for ${GHS} to (?<name>.{1,60}?) ?\.?Current Balance:? ?GHS ?(?<balance>${AMT})(?:.{0,80}?${TXID})?`) },
    { name: 'transferred', kind: 'sent', pattern: rx(String.raw`You have transferred ${GHS} to (?<name>.{1,60}?) from your mobile money account`) },
    { name: 'momopay', kind: 'sent', pattern: rx(String.raw`You have Paid ${GHS} to (?<name>.{1,60}?) on your mobile money account(?:.{0,160}?${TXID})?`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`Payment received for ${GHS} from (?<name>.{1,80}?)\.? ?Current Balance:? ?GHS ?(?<balance>${AMT})(?:.{0,80}?Reference: ?(?<account>.{0,60}?)\.? Transaction ID|.{0,120}?Transaction ID): ?(?<code>\d{6,20})`),
    },
    {
      name: 'received-legacy',
      kind: 'payment',
      pattern: rx(String.raw`Payment received for ${GHS} from (?<name>.{1,80}?)\. Reference: ?(?<account>.{0,60}?)\.? Transaction ID: ?(?<code>\d{6,20})`),
    },
    { name: 'advert', kind: 'promo', pattern: rx(String.raw`\b(?:Go cashless|Just4U|bundle|get \d+ ?MB|Dial \*\d+#|enjoy)\b`) },
  ],
};

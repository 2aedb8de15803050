import type { ProviderDef } from '../provider.js';
import { AMT, PHONE, rx } from './other-parts.js';

/**
 * AirtelTigo Money Ghana (ex Airtel Money Ghana, `AIRTELMONEY`). Amount before the currency. Shapes (anonymised):
 * - sent: `Trans. ID: 310000000001\nYou have sent 20GHS to 233260000001.  Your available balance is 250.67GHS.`
 * - bill: `TransID: 3130000000001\nTransaction successful, you have paid 50.00GHS to reference code 0260000001`
 * - received: `Trans. ID: 310000000002 You have received 20GHS from 233260000002 JANE DOE. Your available balance is
 *   270.67GHS.`
 */
const GHS_AFTER = String.raw`(?:GHS ?)?(?<amount>${AMT}) ?(?:GHS)?`;
const ID = String.raw`(?:Trans\.? ?ID:? ?(?<code>[A-Z0-9.]{6,24}?)\.? )?`;

export const AIRTELTIGO_GH: ProviderDef = {
  id: 'airteltigo-gh',
  name: 'AirtelTigo Money Ghana',
  country: 'GH',
  callingCode: '233',
  currency: 'GHS',
  utcOffset: '+00:00',
  dateOrder: 'DMY',
  senderIds: ['AIRTELMONEY', 'AirtelTigo'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|MOBILE MONEY|MTN|VODAFONE|TELECEL)\b/i,
  requires: /GH(?:S|¢|C|₵)/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`${ID}You have sent ${GHS_AFTER} to (?<phone>${PHONE})\.?(?: ?Your available balance is (?<balance>${AMT}) ?GHS)?`) },
    { name: 'bill', kind: 'bill_payment', pattern: rx(String.raw`(?:TransID:? ?(?<code>\w{6,24}) )?Transaction successful, you have paid ${GHS_AFTER} to reference code (?<account>\w{1,30})`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`${ID}You have (?:withdrawn|cashed out) ${GHS_AFTER}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`${ID}You have received ${GHS_AFTER} from (?:agent|an agent)\b`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`${ID}You have received ${GHS_AFTER} from (?:(?<phone>\+?\d{9,12})\b[ ,-]{0,3})?(?<name>[^.]{0,60}?)\.? ?Your (?:available |new )?balance is (?:GHS ?)?(?<balance>${AMT}) ?(?:GHS)?`),
    },
  ],
};

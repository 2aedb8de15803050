import type { ProviderDef } from '../provider.js';
import { AMT, rx } from './other-parts.js';

/**
 * Golis Sahal (Somalia, USD, month-first dates; balances with three decimals). Shapes (anonymised):
 * - `[SAHAL] Ref:302200001 confirmed. $100 Received from c/risaaq axmed(7760001) on 10/23/2014 12:07:57 PM. New
 *   A/c balance is $101.780.`
 * - Somali twin: `[SAHAL] Tix:307000001 waxaad $1 ka heshay CABDI AXMED(252630000001) tar:11/6/2014 10:32:40 AM.
 *   Haraagaagu waa $55.980.`
 */
const USD = String.raw`(?:\$|USD) ?(?<amount>${AMT})`;
const DATE = String.raw`\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?`;

export const SAHAL_SO: ProviderDef = {
  id: 'sahal-so',
  name: 'Golis Sahal',
  country: 'SO',
  callingCode: '252',
  currency: 'USD',
  utcOffset: '+03:00',
  dateOrder: 'MDY',
  senderIds: ['SAHAL', 'Golis'],
  organisationNames: /\b(?:BANK|LTD|COMPANY|SHIRKADDA|HORMUUD|TELESOM)\b/i,
  requires: /\$|USD/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient|ku guul daraystay)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`(?:confirmed\.|waxaad) ${USD} (?:sent|transferred|paid) to|waxaad (?:\$|USD) ?\d[\d,.]{0,18} u (?:dirtay|wareejisay)`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`Ref:? ?(?<code>\d{4,20}) confirmed\. ${USD} Received from (?<name>[^()]{1,60}?) ?\((?<phone>\+?\d{6,12})\) on (?<date>${DATE})\.?(?: New A/c balance is \$ ?(?<balance>${AMT}))?`),
    },
    {
      name: 'received-so',
      kind: 'payment',
      pattern: rx(String.raw`Tix:? ?(?<code>\d{4,20}) waxaad ${USD} ka heshay (?<name>[^()]{1,60}?) ?\((?<phone>\+?\d{6,12})\) tar:? ?(?<date>${DATE})\.?(?: Haraagaagu waa \$ ?(?<balance>${AMT}))?`),
    },
  ],
};

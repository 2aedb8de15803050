import type { ProviderDef } from '../provider.js';
import { AMT, CODE_DOTTED, rx } from './other-parts.js';

/**
 * EcoCash Zimbabwe (USD wallets). No date in the body. Shapes (anonymised):
 * - merchant line: `You have received $5.00 from 770000001 -JANE DOE. Approval Code: MP123456.7890.100001.
 *   New wallet balance: $134.28`
 * - personal line, no phone: `EcoCash: Transfer Confirmation. $27.00 from JOHN DOE Approval Code:
 *   PP123456.2132.B00001. New wallet balance: $ 27.15.`
 */
const USD = String.raw`(?:\$|US\$|USD) ?(?<amount>${AMT})`;
const TAIL = String.raw`Approval Code: ?(?<code>${CODE_DOTTED})\.?(?: ?New wallet balance: ?(?:\$|US\$|USD) ?(?<balance>${AMT}))?`;

export const ECOCASH_ZW: ProviderDef = {
  id: 'ecocash-zw',
  name: 'EcoCash Zimbabwe',
  country: 'ZW',
  callingCode: '263',
  currency: 'USD',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['EcoCash', '+263164'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|PVT|ONEMONEY|INNBUCKS)\b/i,
  requires: /\$|USD/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`(?:Transfer Confirmation\.|You have (?:sent|paid)) ${USD} to\b`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`\b(?:Cash-?out|withdrawn|withdrawal)\b.{0,40}?${USD}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`\b(?:Cash-?in|deposited)\b.{0,40}?${USD}`) },
    {
      name: 'received-merchant',
      kind: 'payment',
      pattern: rx(String.raw`You have received ${USD} from (?<phone>\+?\d{9,12}) ?-? ?(?<name>.{1,60}?)\.? ${TAIL}`),
    },
    {
      name: 'received-personal',
      kind: 'payment',
      pattern: rx(String.raw`EcoCash: Transfer Confirmation\. ${USD} from (?<name>[^\d].{0,59}?)(?: ?\(?(?<phone>\+?\d{9,12})\)?)?\.? ${TAIL}`),
    },
  ],
};

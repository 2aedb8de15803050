import type { ProviderDef } from '../provider.js';
import { AMT, CODE_DOTTED, rx } from './other-parts.js';

/**
 * eMola (Movitel, Mozambique), English wording, time BEFORE date, payer note in `Content:`. Shape (anonymised):
 * `Transaction ID: PP260603.0854.K00001. You received 123.45MT from 870000001, name: JANE DOE at 08:54:09 on
 * 03/06/2026. Content: order 5. Your account balance is 1,234.56MT. In case of doubt, please call 100. Thank you!`
 */
const MT = String.raw`(?<amount>${AMT}) ?(?:MT|MZN)`;
const ID = String.raw`Transaction ID:? ?(?<code>${CODE_DOTTED})\.?`;
const DATE = String.raw`\d{1,2}:\d{2}(?::\d{2})? on \d{1,2}/\d{1,2}/\d{4}`;

export const EMOLA_MZ: ProviderDef = {
  id: 'emola-mz',
  name: 'eMola',
  country: 'MZ',
  callingCode: '258',
  currency: 'MZN',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['eMola'],
  organisationNames: /\b(?:BANCO|BANK|LDA|LIMITADA|M-PESA|MKESH)\b/i,
  requires: /\d ?MT\b|MZN/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`${ID} You transfer+ed ${MT} to (?<phone>\d{6,12}), name: (?<name>.{1,60}?) at`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`${ID} You withdrew ${MT}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`${ID} You deposited ${MT}`) },
    { name: 'paid', kind: 'sent', pattern: rx(String.raw`${ID} You (?:paid|bought) ${MT}`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`${ID} You received ${MT} from (?<phone>\+?\d{9,12}), name: (?<name>.{1,60}?) at (?<date>${DATE})\.(?: Content: ?(?<account>[^.]{0,60})\.)?(?:.{0,20}?balance is (?<balance>${AMT}) ?MT)?`),
    },
  ],
};

import type { ProviderDef } from '../provider.js';
import { AMT, NUM_DT, rx } from './other-parts.js';

/**
 * telebirr (Ethio telecom, sender `127`). Masked number glued to the name. Shape (anonymised):
 * `Dear Abebe You have received ETB 1,000.00 from JANE DOE(2519****2078)  on 31/01/2026 16:51:21. Your transaction
 * number is DAV4D00001. Your current E-Money Account balance is ETB 3,594.03. Thank you for using telebirr`
 */
const ETB = String.raw`(?:ETB|Birr) ?(?<amount>${AMT})`;
const TAIL = String.raw`Your transaction number is (?<code>[A-Z0-9]{6,14})\.?(?:.{0,40}?balance is ETB ?(?<balance>${AMT}))?`;

export const TELEBIRR_ET: ProviderDef = {
  id: 'telebirr-et',
  name: 'telebirr',
  country: 'ET',
  callingCode: '251',
  currency: 'ETB',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  senderIds: ['127'],
  organisationNames: /\b(?:BANK|S\.?C\.?|PLC|SHARE COMPANY|CBE|AWASH|DASHEN|ABYSSINIA)\b/i,
  requires: /ETB|Birr/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|insufficient)\b`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`You have (?:transferred|sent|paid) ${ETB}`) },
    { name: 'airtime', kind: 'airtime', pattern: rx(String.raw`You have (?:bought|recharged|purchased)\b.{0,40}?${ETB}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`You have (?:withdrawn|cashed out) ${ETB}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`You have (?:deposited|received) ${ETB} from (?:agent|an agent)\b`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`You have received ${ETB} from (?<name>[^()]{1,60}?) ?\((?<phone>[\d*Xx]{6,15})\) ?on (?<date>${NUM_DT})\.? ${TAIL}`),
    },
    {
      name: 'received-institution',
      kind: 'payment',
      organisation: true,
      pattern: rx(String.raw`You have received ${ETB} from (?<name>[^()]{1,60}?)(?: to your telebirr account)? on (?<date>${NUM_DT})\.? ${TAIL}`),
    },
  ],
};

import type { ProviderDef } from '../provider.js';
import { template } from '../provider.js';

/**
 * Selcom Pesa, Tanzania (`Selcom Pesa`, `SELCOMPESA`); ISO dates, 8-9 character codes:
 *   `0426ABCD Confirmed. You have received TZS 175,000.00 from JANE DOE - NMB (201XXXXXXXX) on 2025-04-26 11:50. Updated balance is TZS 175,000.00. Help 0800 …`
 * " - NMB (…)" names the bank or network the money came from: a payment from an institution, payer the person named.
 */
const CUR = String.raw`(?<currency>TZS|Tshs?)\.? ?`;
const TSH = String.raw`(?:TZS|Tshs?)\.? ?`;
const AMT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const AMOUNT = `${CUR}(?<amount>${AMT})`;
const TZS_TEXT = String.raw`^(?=.{0,400}?(?:TZS|Tsh))`;
const HEAD = String.raw`^(?<code>[A-Z0-9]{6,12}) Confirmed[.,]? ?You have received ${AMOUNT} from `;
const TAIL = String.raw` \((?<phone>\+?[\d*X•]{6,15})\) on (?<date>\d{4}-\d{1,2}-\d{1,2}(?: at)? \d{1,2}:\d{2}(?::\d{2})?)(?:.{0,20}?Updated balance is ${TSH}(?<balance>${AMT}))?`;

const t = template;

export const SELCOM_TZ: ProviderDef = {
  id: 'selcom-tz',
  name: 'Selcom Pesa (Tanzania)',
  country: 'TZ',
  callingCode: '255',
  currency: 'TZS',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  requires: /Tsh|TZS/i,
  senderIds: ['Selcom Pesa', 'SELCOMPESA'],
  templates: [
    t('reversal', 'reversal', String.raw`${TZS_TEXT}.{0,300}?\brevers(?:al|ed)\b`),
    t('failed', 'failed', String.raw`${TZS_TEXT}.{0,300}?\b(?:failed|declined|insufficient)\b`),
    t('otp', 'otp', String.raw`${TZS_TEXT}.{0,300}?\b(?:OTP|one[- ]time|verification code)\b`),
    t('withdrawal', 'withdrawal', String.raw`${TZS_TEXT}.{0,300}?\bYou have withdrawn\b`),
    t('sent', 'sent', String.raw`${TZS_TEXT}.{0,300}?\b(?:You have sent|You have paid|sent to|paid to)\b`),
    t('received-via-institution', 'payment', String.raw`${HEAD}(?<name>.{1,60}?) - [^()]{1,40}?${TAIL}`, true),
    t('received', 'payment', String.raw`${HEAD}(?<name>.{1,60}?)${TAIL}`),
    t('received-no-number', 'payment', String.raw`${HEAD}(?<name>.{1,60}?) on (?<date>\d{4}-\d{1,2}-\d{1,2}(?: at)? \d{1,2}:\d{2}(?::\d{2})?)(?:.{0,20}?Updated balance is ${TSH}(?<balance>${AMT}))?`),
  ],
};

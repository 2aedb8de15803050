import type { ProviderDef } from '../provider.js';
import { template } from '../provider.js';

/**
 * Vodacom M-Pesa Tanzania (`M-PESA`, `M-Pesa`, `MPESA`), English and Swahili:
 *   2014:        `X10AB636 Confirmed.\nYou have received Tsh50,000 from\nJOHN DOE\non 27/1/14 at 1:19 PM\nNew M-PESA balance is Tsh214,676`
 *   2024-26:     `DAB1CDE2FG confirmed. You have received a payment of Tsh4,000.00 from 900000 - TIPS-SELCOM MF on 19/6/26 at 10:38 pm. New M-Pesa balance is Tsh4,000.36`
 *   with phone:  `SAB1234567 Confirmed. You have received TZS 50,000.00 from JOHN DOE (255754XXXXXX) on 2025-05-12 at 10:30 AM. New M-Pesa balance is …`
 *   Swahili:     `DAB1CDE2FG imethibitishwa. Umepokea Tshs 4,000.00 kutoka SELCOM MF, Akaunti ****1234 - JANE DOE tarehe 19/06/2026 saa 22:38:24.`
 * The Swahili twin of an interoperable transfer names the real payer after the masked bank account.
 */
const CODE = String.raw`(?<code>[A-Z0-9]{8,12})`;
const CONF = String.raw`^${CODE} ?confirmed[.,]? ?`;
const IMETH = String.raw`^${CODE} ?imethibitishwa[.,]? ?`;
const CUR = String.raw`(?<currency>Tshs?|TZS)\.? ?`;
const TSH = String.raw`(?:Tshs?|TZS)\.? ?`;
const AMT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const AMOUNT = `${CUR}(?<amount>${AMT})`;
const PHONE = String.raw`(?<phone>(?:\+?255|0)[67](?:\d{8}|(?=\d{0,7}[*X•])[\d*X•]{6,9}))(?![\dA-Z*•])`;
const DATE = String.raw`(?<date>(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}-\d{1,2})(?: at)? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)`;
const TAREHE = String.raw`tarehe (?<date>\d{1,2}/\d{1,2}/\d{2,4} saa \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)`;
const BALANCE = String.raw`(?:.{0,12}?(?:New )?(?:M-?Pesa )?balance is ${TSH}(?<balance>${AMT}))?`;
const SALIO = String.raw`(?:.{0,40}?Salio (?:lako )?(?:jipya )?(?:la M-?Pesa )?ni ${TSH}(?<balance>${AMT}))?`;
// The wallet's balance after an outgoing amount, so the balance chain carries through it.
const OUT_BALANCE = String.raw`(?:.{0,40}?\b(?:New )?(?:M-?Pesa )?balance is ${TSH}(?<balance>${AMT}))?`;
// Look-alikes without a TZS token are left to the Kenyan provider or the fallback.
const TZS_TEXT = String.raw`(?=.{0,400}?(?:Tsh|TZS))`;

const t = template;

export const MPESA_TZ: ProviderDef = {
  id: 'mpesa-tz',
  name: 'Vodacom M-Pesa (Tanzania)',
  country: 'TZ',
  callingCode: '255',
  currency: 'TZS',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  requires: /Tsh|TZS/i,
  senderIds: ['M-PESA', 'M-Pesa', 'MPESA'],
  templates: [
    t('reversal', 'reversal', String.raw`^${TZS_TEXT}(?:${CODE} ?(?:confirmed|imethibitishwa)[.,]? ?)?.{0,120}?(?:Transaction|muamala) (?<reverses>[A-Z0-9]{8,12}) .{0,60}?(?:reversed|imerudishwa|umerudishwa)`),
    t('reversal-other', 'reversal', String.raw`^${TZS_TEXT}.{0,300}?\b(?:revers(?:al|ed)|imerudishwa)\b`),
    t('failed', 'failed', String.raw`^${TZS_TEXT}(?:Failed|imeshindikana|haikufanikiwa)\b`),
    t('withdrawal', 'withdrawal', String.raw`${CONF}(?:on ?${DATE} ?)?Withdraw ${AMOUNT} from (?<name>.{1,100}?)(?: (?:New M-?Pesa )?balance is ${TSH}(?<balance>${AMT})| (?:New M-?Pesa )?balance is|$)`),
    t('withdrawal-sw', 'withdrawal', String.raw`^${TZS_TEXT}.{0,80}?\b(?:Umetoa|Toa pesa)\b`),
    t('deposit', 'deposit', String.raw`${CONF}(?:on ?${DATE} ?)?Give ${AMOUNT} cash to (?<name>.{1,100}?)(?: New M-?Pesa balance is ${TSH}(?<balance>${AMT})| New M-?Pesa balance is|$)`),
    t('deposit-sw', 'deposit', String.raw`^${TZS_TEXT}.{0,80}?\b(?:Umeweka|Weka pesa)\b`),
    t('airtime', 'airtime', String.raw`${CONF}You bought ${AMOUNT} of airtime(?: .{0,40}?\bon ${DATE})?${OUT_BALANCE}`),
    t('airtime-sw', 'airtime', String.raw`^${TZS_TEXT}.{0,80}?\b(?:muda wa maongezi|airtime|vifurushi)\b`),
    t('balance', 'balance', String.raw`${CONF}Your M-?Pesa balance was`),
    t('loan-repayment', 'loan_repayment', String.raw`${CONF}${AMOUNT} has been deducted from your M-?Pesa account.{0,60}?\brepayment\b`),
    t('loan', 'loan', String.raw`^${TZS_TEXT}.{0,300}?\b(?:Songesha|Overdraft|mkopo|loan|Nipige Tafu)\b`),
    t('sent', 'sent', String.raw`${CONF}${AMOUNT} (?:sent|paid) to (?:business )?(?<name>.{1,80}?)(?: for account (?<account>\S{1,40}))? ?on ${DATE}${OUT_BALANCE}`),
    t('sent-any', 'sent', String.raw`^${TZS_TEXT}(?:${CODE} ?(?:confirmed|imethibitishwa)[.,]? ?)?.{0,60}?\b(?:sent to|paid to|has received|You have sent|You have paid|Umetuma|Umelipa|imetumwa)\b`),
    t('received', 'payment', String.raw`${CONF}You have received (?:a payment of )?${AMOUNT} from (?<name>.{1,80}?)(?: \(?${PHONE}\)?)? ?on ?${DATE}${BALANCE}`),
    t('received-via-institution-sw', 'payment', String.raw`${IMETH}Umepokea ${AMOUNT} kutoka .{1,60}?, Akaunti [\d*X•]{2,20} - (?<name>.{1,60}?) ${TAREHE}`, true),
    t('received-sw', 'payment', String.raw`${IMETH}Umepokea ${AMOUNT} kutoka (?<name>.{1,80}?)(?:,? \(?${PHONE}\)?)? ${TAREHE}${SALIO}`),
  ],
  organisationNames: /\b(?:TIPS|SELCOM|BANK|MFB?|NMB|CRDB|NBC|AIRTEL|TIGO|MIXX|HALOPESA|AZAM|LIMITED|LTD)\b|^\d{4,7} - /i,
};

import type { ProviderDef, Template } from '../provider.js';
import { template } from '../provider.js';

/**
 * Safaricom M-PESA Kenya (sender `MPESA`). Anonymised shapes, one per receipt template:
 *   P2P 2011-14:  `AB12CD345 Confirmed.\nYou have received Ksh50.00 from\nJOHN DOE 254712000000\non 1/2/13 at 9:05 AM\nNew M-PESA balance is Ksh90.00`
 *   P2P 2024-26:  `TAB1CDE2FG Confirmed.You have received Ksh1,600.00 from JANE  DOE 0712000000 on 3/3/25 at 10:28 PM  New M-PESA balance is …`
 *   masked 2026:  `UAB1CDE2FG Confirmed.You have received Ksh5.00 from JANE DOE 0712***345 on 8/8/26 at 1:04 PM New M-PESA balance is …`
 *   Pochi:        `TAB1CDE2FG Confirmed.You have received Ksh10.00 from JANE  DOE on 1/3/25 at 12:03 PM  New business balance is Ksh10.00.`
 *   org / bank:   `TAB1CDE2FG Confirmed.You have received Ksh600.00 from KCB 1 501901 on 1/4/25 at 3:52 PM New M-PESA balance is …`
 *   Till:         `UAB1CDE2FG Confirmed.on 2/10/26 at 7:37 PMKSH40.00 received from 254700000000 Jane Doe. New Account balance is KSH1,090.05.`
 *   Till 24h:     `TAB1CDE2FG Confirmed on 9/6/25 at 18:49 Ksh 90.00 received from 254700000000 JOHN. Account balance is Ksh 4,650.89`
 *   Paybill:      `CAB12CD34 Confirmed. \non 2/6/12 at 3:41 PM \nKsh50.00 received from JOHN DOE 254700000000. \nAccount Number 12345 \nNew Utility balance is …`
 * Look-alikes (reversal credits, M-Shwari/Pochi moves, Fuliza, withdrawals "from <agent>") come first.
 */
const CODE = String.raw`(?<code>[A-Z0-9]{7,12})`;
const CONF = String.raw`^(?:Congratulations!? ?)?${CODE} ?confirmed[.,]? ?`;
const CUR = String.raw`(?<currency>Kshs?|KES)\.? ?`;
const KSH = String.raw`(?:Kshs?|KES)\.? ?`;
const AMT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const AMOUNT = `${CUR}(?<amount>${AMT})`;
// 0712345678, 254712345678, 0711 111 111, and the 2026 masks 0715***897 / 0722XXXX89 / 254715***897.
const PHONE = String.raw`(?<phone>(?:\+?254|0)[17](?:\d{8}|\d{2} \d{3} \d{3}|(?=\d{0,6}[*X•])[\d*X•]{6,9}))(?![\dA-Z*•])`;
const DATE = String.raw`(?<date>\d{1,2}/\d{1,2}/\d{2,4}(?: at)? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)`;
const BALANCE = String.raw`(?:.{0,12}?(?:New )?(?:M-?PESA |business |Account |Utility )?(?:account )?balance is ${KSH}(?<balance>${AMT}))?`;
// The personal wallet's balance after an outgoing or moved amount ("New M-PESA balance is", "New MPESA account balance is",
// "M-PESA balance is"): only this wording, so a business wallet's balance is never read as the personal one.
const MPESA_BAL = String.raw`\bM-?PESA (?:account )?balance is ${KSH}(?<balance>${AMT})`;
const PERSONAL_BALANCE = String.raw`(?:.{0,160}?${MPESA_BAL})?`;
// The date printed anywhere in the first part of the text (reversals print it before or after the amount).
// (An optional group around a lookahead would match empty and lose its captures: the option sits inside.)
const DATE_AHEAD = String.raw`(?=(?:.{0,200}?\bon ?${DATE})?)`;
// Generic look-alike templates must not claim a Tanzanian M-Pesa text (same sender IDs): require a KES token.
const KES_TEXT = String.raw`(?=.{0,400}?(?:Ksh|KES))`;

const t = template;

const LOOK_ALIKES: Template[] = [
  t('reversal', 'reversal', String.raw`^(?:${CODE} ?confirmed[.,]? ?)?Reversal of transaction (?<reverses>[A-Z0-9]{7,12})${DATE_AHEAD}(?:.{0,120}?${AMOUNT} is (?:credited|debited))?${PERSONAL_BALANCE}`),
  t('reversal-old', 'reversal', String.raw`^(?:${CODE} ?confirmed[.,]? ?)?Transaction (?<reverses>[A-Z0-9]{7,12}) has been reversed(?:.{0,40}?balance (?:is )?now (?:${KSH})?(?<balance>${AMT}))?`),
  t('reversal-other', 'reversal', String.raw`^${KES_TEXT}.{0,300}?\brevers(?:al|ed)\b`),
  t('refund', 'refund', String.raw`^(?:${CODE} ?confirmed[.,]? ?)?${KES_TEXT}.{0,80}?transaction (?<reverses>[A-Z0-9]{7,12}) of .{0,40}?has been refunded(?:.{0,80}?\baccount balance is now (?:${KSH})?(?<balance>${AMT}))?`),
  t('failed', 'failed', String.raw`^${KES_TEXT}Failed\b(?:.{0,200}?${AMOUNT})?`),
  t('withdrawal', 'withdrawal', String.raw`${CONF}(?:on ?${DATE} ?)?Withdraw ${AMOUNT} from (?<name>.{1,100}?)(?: New M-?PESA balance is ${KSH}(?<balance>${AMT})|$)`),
  t('deposit', 'deposit', String.raw`${CONF}(?:on ?${DATE} ?)?Give ${AMOUNT} cash to (?<name>.{1,100}?)(?: New M-?PESA balance is ${KSH}(?<balance>${AMT})|$)`),
  t('airtime', 'airtime', String.raw`${CONF}You bought ${AMOUNT} of airtime${DATE_AHEAD}(?:.{0,80}?\b(?:New )?(?:M-?PESA )?balance is ${KSH}(?<balance>${AMT}))?`),
  t('airtime-received', 'airtime', String.raw`^${KES_TEXT}.{0,120}?\breceived\b.{0,30}?\bairtime\b`),
  t('balance', 'balance', String.raw`${CONF}Your (?:M-PESA )?(?:account )?balance was`),
  t('savings-transfer', 'transfer', String.raw`${CONF}(?:You have transferred )?${AMOUNT} (?:transferred|has been moved) (?:to|from) (?:your )?(?:M-?Shwari|Lock Savings|KCB M-?PESA|Ziidi|business account|M-PESA account)`),
  t('savings-transfer-from', 'transfer', String.raw`${CONF}You have transferred ${AMOUNT} (?:to|from) your `),
  t('mshwari-received', 'transfer', String.raw`${CONF}You have received ${AMOUNT} from (?:your )?(?:M-?Shwari|Lock Savings|KCB M-?PESA)\b${DATE_AHEAD}${PERSONAL_BALANCE}`),
  t('fuliza', 'loan', String.raw`${CONF}Fuliza M-PESA amount is ${AMOUNT}`),
  t('fuliza-repayment', 'loan_repayment', String.raw`^(?:${CODE} )?Confirmed[.,]? ?${AMOUNT} from your M-PESA has been used to (?:fully |partially )?pay your outstanding Fuliza${PERSONAL_BALANCE}`),
  t('loan-repayment', 'loan_repayment', String.raw`${CONF}(?:You have sent )?${AMOUNT} (?:sent )?to (?:Hustler Fund|M-?Shwari loan|KCB M-?PESA loan)${DATE_AHEAD}${PERSONAL_BALANCE}`),
  t('sent', 'sent', String.raw`${CONF}(?:You have sent )?${AMOUNT} (?:sent|paid) to (?<name>.{1,80}?)(?: for account (?<account>.{0,60}?))? ?on ${DATE}${PERSONAL_BALANCE}`),
  t('sent-any', 'sent', String.raw`${CONF}.{0,40}?\b(?:sent to|paid to|You have sent|You have paid)\b${DATE_AHEAD}${PERSONAL_BALANCE}`),
];

const RECEIPTS: Template[] = [
  t('p2p', 'payment', String.raw`${CONF}You have received ${AMOUNT} from (?<name>.{1,80}?) ${PHONE} ?on ?${DATE}${BALANCE}`),
  t('pochi', 'payment', String.raw`${CONF}You have received ${AMOUNT} from (?<name>.{1,80}?) ?on ?${DATE}.{0,12}?New business balance is ${KSH}(?<balance>${AMT})`),
  // Money from a bank, fund or B2C payout: no phone, maybe a shortcode after the name (`KCB 1 501901`).
  t('organisation', 'payment', String.raw`${CONF}You have received ${AMOUNT} from (?<name>.{1,80}?)(?: \d{5,7})? ?on ?${DATE}${BALANCE}`, true),
  t('till', 'payment', String.raw`${CONF}on ?${DATE} ?${AMOUNT} received from ${PHONE} (?<name>.{1,60}?(?:\b[A-Z]\.)?)\.?(?: (?:New )?Account balance is ${KSH}(?<balance>${AMT})| Transaction cost|$)`),
  t('paybill', 'payment', String.raw`${CONF}on ?${DATE} ?${AMOUNT} received from (?<name>.{1,60}?) ${PHONE}\.? ?Account (?:Number|No\.?):? ?(?<account>.{1,40}?)(?: New Utility balance is ${KSH}(?<balance>${AMT})|\.? ?$)`),
  t('business-received', 'payment', String.raw`${CONF}${AMOUNT} received from (?<name>.{1,60}?) ${PHONE}\.?(?: on ${DATE})?(?:.{0,60}?Account (?:Number|No\.?):? ?(?<account>[^\s.]{1,40}))?${BALANCE}`),
];

// OTPs and adverts are left to the shared fallback (classify.ts): a catch-all here would claim other providers' texts.
const LAST_RESORT: Template[] = [
  t('fuliza-other', 'loan', String.raw`^${KES_TEXT}.{0,300}?\b(?:Fuliza|loan)\b`),
];

export const MPESA_KE: ProviderDef = {
  id: 'mpesa-ke',
  name: 'Safaricom M-PESA (Kenya)',
  country: 'KE',
  callingCode: '254',
  currency: 'KES',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  requires: /Ksh|KES/i,
  senderIds: ['MPESA', 'M-PESA'],
  templates: [...LOOK_ALIKES, ...RECEIPTS, ...LAST_RESORT],
  organisationNames: /\b(?:BANK|KCB|EQUITY|NCBA|CO-?OPERATIVE|LOOP|B2C|ZIIDI|GLOBALPAY|HUSTLER FUND|SACCO|LIMITED|LTD|MONEY TRANSFER)\b/i,
  footer: /\b(?:New |Updated )?(?:M-?PESA |business |Account |Utility )?(?:account )?balance (?:is|was)\b/i,
};

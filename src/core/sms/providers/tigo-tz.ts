import type { ProviderDef } from '../provider.js';
import { template } from '../provider.js';

/**
 * Tigo Pesa / Mixx by Yas, Tanzania (`TIGOPESA`, `TIGOPESA(smsfp)`, `MIXX BY YAS`, `MixxByYas`). The balance comes
 * BEFORE the amount; the id is dotted (2014) or numeric (2023+) and follows "TxnId:".
 *   2014:       `New balance is Tsh 138,522.\nYou have received Tsh 50,000\nfrom JOHN DOE,\n0712000000. 31/01/2014 05:36 PM; with TxnId:\nPP140000.1843.D00000.`
 *   bank push:  `Transfer Successful. New balance is TSh 15,000. You have received TSh 15,000 from CRDB; JOHN DOE with TxnId: 26400000000000. 003_abc. 14/06/26 19:08.`
 *   TIPS:       `Transfer Successful. New balance is TSh 97,000. You have received TSh 97,000 from TIPS.Selcom_MFB.2.Tigo, with TxnId: 25600000000000. …`
 * Agent cash-in ("Cash-In of … from Agent") and wallet interest ("as your Mixx interest") are not payments.
 */
const CUR = String.raw`(?<currency>TSh|Tshs?|TZS)\.? ?`;
const TSH = String.raw`(?:TSh|Tshs?|TZS)\.? ?`;
const AMT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const AMOUNT = `${CUR}(?<amount>${AMT})`;
const PHONE = String.raw`(?<phone>(?:\+?255|0)[67](?:\d{8}|(?=\d{0,7}[*X•])[\d*X•]{6,9}))(?![\dA-Z*•])`;
const TXN = String.raw`(?:TxnId|Trnx ID|TxnID|Kumbukumbu(?: no)?|Muamala(?: No)?)\.? ?:? ?(?<code>[A-Z0-9]+(?:\.[A-Z0-9]+)*)`;
const DATE = String.raw`(?<date>\d{1,2}/\d{1,2}/\d{2,4} \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)`;
const BAL_BEFORE = String.raw`(?:(?:New balance is|Salio jipya ni) ${TSH}(?<balance>${AMT})\.? )?`;
const DATE_AFTER = String.raw`(?:.{0,60}? ${DATE})?`;
const TZS_TEXT = String.raw`(?=.{0,400}?(?:Tsh|TZS))`;

const t = template;

export const TIGO_TZ: ProviderDef = {
  id: 'tigo-tz',
  name: 'Tigo Pesa / Mixx by Yas (Tanzania)',
  country: 'TZ',
  callingCode: '255',
  currency: 'TZS',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  requires: /Tsh|TZS/i,
  senderIds: ['TIGOPESA', 'TIGOPESA(smsfp)', 'MIXX BY YAS', 'MixxByYas'],
  templates: [
    t('reversal', 'reversal', String.raw`^${TZS_TEXT}.{0,300}?\b(?:revers(?:al|ed)|imerudishwa)\b`),
    t('failed', 'failed', String.raw`^${TZS_TEXT}.{0,200}?\b(?:failed|imeshindikana|insufficient)\b`),
    t('interest', 'interest', String.raw`You have received ${AMOUNT} from .{1,40}? as your .{0,20}?interest`),
    t('cash-out', 'withdrawal', String.raw`^${TZS_TEXT}.{0,200}?\b(?:Cash-? ?Out|withdrawn|Umetoa)\b`),
    t('cash-in', 'deposit', String.raw`\bCash-? ?In of ${AMOUNT}(?: from (?:Agent )?-? ?(?<name>.{1,60}?) is successful)?`),
    t('cash-in-other', 'deposit', String.raw`^${TZS_TEXT}.{0,200}?\b(?:Cash-? ?In|from Agent|Umeweka)\b`),
    t('airtime', 'airtime', String.raw`^${TZS_TEXT}.{0,200}?\b(?:recharge request|airtime|muda wa maongezi)\b`),
    t('loan-repayment', 'loan_repayment', String.raw`^${TZS_TEXT}.{0,120}?\bpaid your .{0,30}?(?:Bustisha|Nivushe|loan)\b`),
    t('loan', 'loan', String.raw`^${TZS_TEXT}.{0,300}?\b(?:Bustisha|Nivushe|loan|mkopo)\b`),
    t('bill', 'bill_payment', String.raw`^${TZS_TEXT}.{0,80}?\b(?:Bill Transaction|Bank payment|Payment Successful|Malipo ya Serikali|Control No)\b`),
    t('sent', 'sent', String.raw`^${TZS_TEXT}.{0,120}?\b(?:Money sent|You have sent|You have paid|sent to|Umetuma|Umelipa)\b`),
    // Bank push: the institution, then the person who sent it.
    t('received-bank', 'payment', String.raw`${BAL_BEFORE}You have received ${AMOUNT} from (?<inst>[^;,]{1,40}); (?<name>.{1,60}?),? with ${TXN}${DATE_AFTER}`, true),
    // 2014 puts the date before "with TxnId", 2023+ after the id.
    t('received-p2p-2014', 'payment', String.raw`${BAL_BEFORE}You have received ${AMOUNT} from (?<name>.{1,60}?),? ${PHONE}\.? ${DATE};? ?with ${TXN}`),
    t('received-p2p', 'payment', String.raw`${BAL_BEFORE}You have received ${AMOUNT} from (?<name>.{1,60}?),? ${PHONE}[.,;]? ?with ${TXN}${DATE_AFTER}`),
    t('received-p2p-phone-first', 'payment', String.raw`${BAL_BEFORE}You have received ${AMOUNT} from ${PHONE} - (?<name>.{1,60}?)[.,;]? ?with ${TXN}${DATE_AFTER}`),
    t('received-other', 'payment', String.raw`${BAL_BEFORE}You have received ${AMOUNT} from (?<name>.{1,60}?),? with ${TXN}${DATE_AFTER}`),
    t('received-sw', 'payment', String.raw`${BAL_BEFORE}Umepokea ${AMOUNT} kutoka (?<name>.{1,60}?)(?:,? ${PHONE})?[.,] .{0,120}?${TXN}${DATE_AFTER}`),
  ],
  organisationNames: /\b(?:TIPS|SELCOM|BANK|MFB?|NMB|CRDB|NBC|AIRTEL|VODACOM|M-?PESA|HALOPESA|AZAM|LIMITED|LTD)\b/i,
};

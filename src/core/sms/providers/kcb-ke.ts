import type { ProviderDef } from '../provider.js';
import { template } from '../provider.js';

/**
 * KCB Bank Kenya (sender `KCB`): the bank's notice of an M-PESA Paybill payment into a KCB-held merchant account.
 *   `UAB1CDE2FG completed. You have received KES 110 from JOHN DOE 254712000000 for account SHOPNAME 7700000 on 01/09/2026 at 03:31 PM. KCB Go Ahead.`
 * Everything else KCB sends (debits, transfers out, OTPs, loans) is named as such first.
 */
const CUR = String.raw`(?<currency>KES|Kshs?)\.? ?`;
const AMT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const PHONE = String.raw`(?<phone>(?:\+?254|0)[17](?:\d{8}|(?=\d{0,6}[*X•])[\d*X•]{6,9}))(?![\dA-Z*•])`;
const KES_TEXT = String.raw`^(?=.{0,400}?(?:KES|Ksh))`;
const DATE = String.raw`(?<date>\d{1,2}/\d{1,2}/\d{2,4}(?: at)? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)`;

const t = template;

export const KCB_KE: ProviderDef = {
  id: 'kcb-ke',
  name: 'KCB Bank (Kenya)',
  country: 'KE',
  callingCode: '254',
  currency: 'KES',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  requires: /Ksh|KES/i,
  senderIds: ['KCB'],
  templates: [
    t('reversal', 'reversal', String.raw`${KES_TEXT}.{0,300}?\brevers(?:al|ed)\b`),
    t('failed', 'failed', String.raw`${KES_TEXT}.{0,300}?\b(?:failed|unsuccessful|declined)\b`),
    t('otp', 'otp', String.raw`${KES_TEXT}.{0,300}?\b(?:OTP|one[- ]time|verification code)\b`),
    t('loan', 'loan', String.raw`${KES_TEXT}.{0,300}?\b(?:loan|KCB M-?PESA)\b`),
    t('sent', 'sent', String.raw`${KES_TEXT}.{0,300}?\b(?:You have sent|has been debited|debited (?:from|with)|withdrawn|paid to|sent to)\b`),
    t('paybill', 'payment', String.raw`^(?<code>[A-Z0-9]{8,12}) (?:completed|confirmed)[.,]? ?You have received ${CUR}(?<amount>${AMT}) from (?<name>.{1,60}?)(?: ${PHONE})? for account (?<account>.{1,60}?) on ${DATE}`),
  ],
};

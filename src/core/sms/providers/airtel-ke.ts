import type { ProviderDef, Template } from '../provider.js';
import { template } from '../provider.js';

/**
 * Airtel Money Kenya (senders `AirtelMoney`, `AIRTELMONEY`), c. 2014; no date and no payer phone in the body:
 *   `Trans. ID: 1440000000001 You have received 50.00Ksh from\nJANE DOE. Your available\nbalance is 155.00Ksh.`
 * Agent cash-in has the same wording with the agent code as the name (`from ART111.`), airtime top-ups say
 * `received Airtime of 10.00Ksh from your OWN account`; both come before the receipt.
 */
const ID = String.raw`^(?:Trans\.? ?ID|TID) ?: ?(?<code>[A-Z0-9]+(?:\.[A-Z0-9]+)*)\.? ?`;
const AMT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const BAL = String.raw`(?:Kshs?\.? ?)?(?<balance>${AMT})(?: ?Kshs?)?`;
const PHONE = String.raw`(?<phone>(?:\+?254|0)?[17]\d{8})(?!\d)`;

const t = template;

// The amount may sit before or after "Ksh"; named groups must be unique, so each order is its own template.
const AMOUNT_AFTER = String.raw`(?<amount>${AMT}) ?(?<currency>Kshs?|KES)`;
const AMOUNT_BEFORE = String.raw`(?<currency>Kshs?|KES)\.? ?(?<amount>${AMT})`;

function receipt(name: string, amount: string): Template {
  return t(name, 'payment', String.raw`${ID}You have received ${amount} from (?<name>.{1,60}?)(?:,? ${PHONE})?\. ?Your available (?:balance|bal\.?) is ${BAL}`);
}

export const AIRTEL_KE: ProviderDef = {
  id: 'airtel-ke',
  name: 'Airtel Money (Kenya)',
  country: 'KE',
  callingCode: '254',
  currency: 'KES',
  utcOffset: '+03:00',
  dateOrder: 'DMY',
  requires: /Ksh|KES/i,
  senderIds: ['AirtelMoney', 'AIRTELMONEY'],
  templates: [
    t('airtime', 'airtime', String.raw`^(?=.{0,300}?Ksh).{0,60}?\b(?:received Airtime|recharge|airtime)\b`),
    t('agent-deposit', 'deposit', String.raw`${ID}You have received ${AMOUNT_AFTER} from (?<name>[A-Z]{2,6}\d{2,8})\.`),
    t('agent-deposit-ksh-first', 'deposit', String.raw`${ID}You have received ${AMOUNT_BEFORE} from (?<name>[A-Z]{2,6}\d{2,8})\.`),
    t('cash-in', 'deposit', String.raw`^(?=.{0,300}?Ksh).{0,200}?\b(?:cash[- ]?in|from agent|deposit(?:ed)?)\b`),
    t('sent', 'sent', String.raw`^(?=.{0,300}?Ksh).{0,80}?\b(?:You have sent|sent to|paid to|withdrawn|withdrawal)\b`),
    t('balance', 'balance', String.raw`^Your available (?:balance|bal\.?) is`),
    t('failed', 'failed', String.raw`^(?=.{0,300}?Ksh).{0,200}?\b(?:failed|less than the minimum|insufficient|declined)\b`),
    receipt('received', AMOUNT_AFTER),
    receipt('received-ksh-first', AMOUNT_BEFORE),
  ],
};

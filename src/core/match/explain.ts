import { displayMoney as formatMoney } from '../money.js';
import type { Candidate, Payment } from './evidence.js';
import { kindList } from './evidence.js';
import { phonesMatch } from '../phone.js';
import type { EvidenceKind } from './types.js';
import { EVIDENCE_ORDER } from './types.js';

// Reasons repeat the same few prices thousands of times in a big batch; formatting them once is enough.
const moneyCache = new Map<string, Map<number, string>>();
export function displayMoney(minor: number, currency: string): string {
  let byMinor = moneyCache.get(currency);
  if (!byMinor) moneyCache.set(currency, (byMinor = new Map<number, string>()));
  let text = byMinor.get(minor);
  if (text === undefined) {
    if (byMinor.size > 4096) byMinor.clear();
    text = formatMoney(minor, currency);
    byMinor.set(minor, text);
  }
  return text;
}

function billingName(c: Candidate): string {
  const b = c.prepared.order.billing;
  return `${b.firstName} ${b.lastName}`.trim();
}

/** The name the payer's name was found to fit: the declared payer's when the billing name did not fit. */
function matchedName(c: Candidate): string {
  return c.declared & NAME_BIT && c.prepared.declared ? c.prepared.declared.payerName : billingName(c);
}

const NAME_BIT = 1 << EVIDENCE_ORDER.indexOf('name');

/** Lines for evidence that rests on what the customer declared at checkout. */
function declaredLine(kind: EvidenceKind, c: Candidate, pay: Payment, label: string): string | null {
  const d = c.prepared.declared;
  switch (kind) {
    case 'code': return `code ${pay.code} was entered by the customer on ${label}`;
    case 'phone': return `phone ${pay.phone} = the number the customer said they pay from on ${label}`;
    case 'masked-phone+name': {
      const phoneWhere = d?.phone && phonesMatch(pay.phone ?? '', d.phone) !== 'no' ? 'the number declared at checkout' : 'the billing phone';
      return `masked phone ${pay.phone} fits ${phoneWhere} and the name matches "${matchedName(c)}" on ${label}`;
    }
    case 'masked-phone': return `masked phone ${pay.phone} fits the number declared at checkout on ${label}`;
    case 'name': return `payer name matches "${d?.payerName ?? ''}", the payer named at checkout on ${label}`;
    default: return null;
  }
}

function line(kind: EvidenceKind, c: Candidate, pay: Payment): string {
  const label = `#${c.prepared.order.number}`;
  if (c.declared & (1 << EVIDENCE_ORDER.indexOf(kind))) {
    const text = declaredLine(kind, c, pay, label);
    if (text) return text;
  }
  switch (kind) {
    case 'code': return `code ${pay.code} is written on ${label}`;
    case 'account': return `account reference "${pay.account}" = order ${label}`;
    case 'phone': return `phone ${pay.phone} = billing phone of ${label}`;
    case 'masked-phone+name': return `masked phone ${pay.phone} fits the billing phone and the name matches "${billingName(c)}" on ${label}`;
    case 'masked-phone': return `masked phone ${pay.phone} fits the billing phone of ${label}`;
    case 'name': return `payer name matches billing name "${billingName(c)}" of ${label}`;
    case 'amount': return `amount ${displayMoney(pay.amountMinor, pay.currency)} = outstanding ${displayMoney(c.remainingMinor, c.prepared.order.currency)} on ${label}`;
  }
}

/** Human reasons for one candidate, strongest first; the amount is left to the decision unless it is all there is. */
export function explain(c: Candidate, pay: Payment): string[] {
  const all = kindList(c.kinds);
  const kinds = c.evidence === 'amount' ? all : all.filter((k) => k !== 'amount');
  // A masked phone with a name already says the name matches.
  const shown = kinds.includes('masked-phone+name') ? kinds.filter((k) => k !== 'name') : kinds;
  return shown.map((k) => line(k, c, pay));
}

/** "amount KES 1,500.00 covers total KES 1,500.00" / "… is short of outstanding KES 500.00 by KES 100.00". */
export function amountLine(pay: Payment, c: Candidate): string {
  const o = c.prepared.order;
  const paid = displayMoney(pay.amountMinor, pay.currency);
  const owed = displayMoney(c.remainingMinor, o.currency);
  const what = c.remainingMinor === o.totalMinor ? 'total' : 'outstanding';
  if (c.fit !== 'under') return `amount ${paid} covers ${what} ${owed}`;
  return `amount ${paid} is short of ${what} ${owed} by ${displayMoney(c.remainingMinor - pay.amountMinor, o.currency)}`;
}

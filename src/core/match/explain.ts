import { displayMoney as formatMoney } from '../money.js';
import type { Candidate, Payment } from './evidence.js';
import { kindList } from './evidence.js';
import type { EvidenceKind } from './types.js';

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

function line(kind: EvidenceKind, c: Candidate, pay: Payment): string {
  const label = `#${c.prepared.order.number}`;
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

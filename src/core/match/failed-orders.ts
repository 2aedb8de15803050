/**
 * Orders WooCommerce marked `failed` (the checkout's own payment attempt failed) are never paid automatically:
 * the customer may have given up, or paid another way. But a payment that fits one exactly is most likely the
 * customer paying by hand afterwards, so it goes to review naming that order, not "unmatched, candidates: none".
 * "Exactly" means the code written on the order, or the billing phone and name and the full amount together.
 */
import { normalisePhone, phonesMatch } from '../phone.js';
import type { Order } from '../order.js';
import { nameTokens, namesMatch } from './names.js';
import type { Decision, MatchConfig, MatchMessage } from './types.js';

export const FAILED = 'failed';
const DAY_MS = 86_400_000;

/** Why the payment fits the failed order exactly, or null. */
export function failedOrderFit(message: MatchMessage, order: Order, config: MatchConfig): string | null {
  const p = message.parsed;
  if (order.status !== FAILED || order.transactionId !== '' || p.currency !== order.currency) return null;
  const paidMs = Date.parse(p.occurredAt ?? message.receivedAt);
  const createdMs = Date.parse(order.createdAt);
  if (!(createdMs >= paidMs - config.windowDays * DAY_MS && createdMs <= paidMs + config.clockSkewMinutes * 60_000)) return null;
  const code = p.code?.toUpperCase() ?? '';
  if (code !== '' && writtenCodes(order, config).some((text) => text.includes(code))) return `its code ${code} is written on the order`;
  if (p.amountMinor !== order.totalMinor || !p.payerPhone || !order.billing.phone) return null;
  const billingPhone = normalisePhone(order.billing.phone, config.callingCode);
  if (billingPhone === null || phonesMatch(p.payerPhone, billingPhone) !== 'exact') return null;
  const billingNames = nameTokens(`${order.billing.firstName} ${order.billing.lastName}`);
  if (!namesMatch(nameTokens(p.payerName), billingNames, config.minNameScore, config.minNameTokens)) return null;
  return 'the billing phone, the name and the full amount all match';
}

function writtenCodes(order: Order, config: MatchConfig): string[] {
  return [order.customerNote, ...config.codeMetaKeys.map((k) => order.meta[k] ?? '')].filter((t) => t !== '').map((t) => t.toUpperCase());
}

/**
 * Turns an `unmatched` trusted payment that fits failed orders exactly into a review naming them (never a
 * confirmation). Orders another payment of this run already took are left out.
 */
export function reviewFailedOrderFits(decisions: readonly Decision[], messages: readonly MatchMessage[], orders: readonly Order[], config: MatchConfig): Decision[] {
  const failed = orders.filter((o) => o.status === FAILED);
  if (failed.length === 0) return [...decisions];
  const taken = new Set(decisions.flatMap((d) => (d.orderId !== null ? [d.orderId] : [])));
  const byId = new Map(messages.map((m) => [m.messageId, m]));
  return decisions.map((d) => {
    const m = byId.get(d.messageId);
    if (d.decision !== 'unmatched' || !m || m.parsed.kind !== 'payment' || !m.parsed.trusted) return d;
    const fits = failed.filter((o) => !taken.has(o.id)).flatMap((o) => {
      const why = failedOrderFit(m, o, config);
      return why === null ? [] : [{ o, why }];
    });
    if (fits.length === 0) return d;
    const code = d.code ?? d.messageId;
    const reasons = fits.length === 1
      ? [`order #${fits[0]!.o.number} failed at checkout, but this payment fits it exactly: ${fits[0]!.why}; if the customer paid it this way, assign it with \`smsmatch assign ${code} ${fits[0]!.o.id}\` (failed orders are never paid automatically)`]
      : [`${fits.length} failed orders fit this payment exactly (${fits.map((f) => `#${f.o.number}`).join(', ')}); assign the right one by hand`];
    return {
      ...d, decision: 'review', rule: 'failed-order', orderId: null, candidates: fits.map((f) => f.o.id), suggestedOrderId: fits.length === 1 ? fits[0]!.o.id : null,
      reasons: [...d.reasons, ...reasons], overpaidMinor: 0, remainingMinor: null,
    };
  });
}

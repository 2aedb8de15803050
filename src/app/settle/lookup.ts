import type { Ledger, StoredMessage, StoredPayment } from '../../adapters/ledger/index.js';
import { DataError, UsageError } from '../../errors.js';

/** The OS user who settles a payment by hand, for the ledger and the order note. */
export function settledBy(env: Record<string, string | undefined>): string {
  const name = (env['USER'] || env['LOGNAME'] || '').trim();
  return /^[\w.@-]{1,64}$/.test(name) ? name : 'cli';
}

/**
 * The one payment key a person means by `code` (`QAB1XYZ`, `mpesa-ke:QAB1XYZ` or `msg:<id>`), from the hot
 * file or the archive. Unknown → DataError; shared by two providers → UsageError asking for `provider:code`.
 */
export function resolvePaymentKey(ledger: Ledger, code: string): string {
  const keys = ledger.findPaymentKeys(code);
  if (keys.length === 1) return keys[0]!;
  if (keys.length === 0) {
    throw new DataError(`no payment with code ${JSON.stringify(code.trim())} in the ledger`, {
      hint: 'check the code in the SMS; `smsmatch review` lists the payments waiting for a person',
    });
  }
  throw new UsageError(`code ${code.trim().toUpperCase()} is known under ${keys.length} providers: ${keys.join(', ')}`, {
    hint: `name the provider, e.g. \`${keys[0]}\``,
  });
}

/** A payment still in the hot file (only those can change); an archived one was settled long ago. */
export function hotPayment(ledger: Ledger, key: string): StoredPayment {
  const payment = ledger.getPayment(key);
  if (payment) return payment;
  throw new DataError(`payment ${key} was settled and archived; it cannot change any more`, { hint: `\`smsmatch explain ${key}\` shows what happened to it` });
}

/** The message that proves the payment: a trusted incoming payment among the SMS carrying its code. */
export function trustedMessage(ledger: Ledger, payment: StoredPayment): StoredMessage | null {
  const ids = [payment.messageId, ...payment.messageIds.filter((id) => id !== payment.messageId)];
  for (const id of ids) {
    const m = ledger.getMessage(id);
    if (m?.parsed?.kind === 'payment' && m.parsed.trusted) return m;
  }
  return null;
}

/** Why a payment without a trusted message cannot pay an order, in words. */
export function untrustedWhy(ledger: Ledger, payment: StoredPayment): string {
  const parsed = ledger.getMessage(payment.messageId)?.parsed ?? null;
  if (!parsed) return 'its SMS was not recognised as a mobile-money message';
  if (parsed.kind !== 'payment') return `its SMS is not an incoming payment (${parsed.kind})`;
  return `its SMS is not trusted: ${parsed.untrustedReason ?? 'the sender is not the provider'}`;
}

/** The code as shown to people: the provider's code, or the message id of a payment without one. */
export function displayCode(payment: { code: string | null; key: string }): string {
  return payment.code ?? payment.key;
}

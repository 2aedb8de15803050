import type { Alert, Ledger, StoredPayment } from '../adapters/ledger/index.js';
import { ALERT_IDS } from './daemon/health.js';

/**
 * Alerts leave `status` in three ways: their condition clears (the daemon's health rules), their cause is settled
 * by a person (the payment they are about is assigned or dismissed), or a person acknowledges them.
 */
export interface AckResult {
  id: string;
  outcome: 'acknowledged' | 'closed' | 'already-acknowledged';
}

export function isOpen(alert: Alert): boolean {
  return alert.ackedAt === undefined;
}

/**
 * A health alert (phone silent, drop-box down, credentials, review wait) is only marked acknowledged: it stays in
 * the ledger, silent, until its condition clears, so the next tick does not raise it again. Any other alert
 * (balance chain, reversal) has no condition that could clear it later, so acknowledging closes it.
 */
export function acknowledgeAlert(ledger: Ledger, id: string, by: string): AckResult | null {
  const alert = ledger.openAlerts().find((a) => a.id === id);
  if (!alert) return null;
  if (!isOpen(alert)) return { id, outcome: 'already-acknowledged' };
  if ((ALERT_IDS as readonly string[]).includes(id)) {
    ledger.ackAlert(id, by);
    return { id, outcome: 'acknowledged' };
  }
  ledger.resolveAlert(id);
  return { id, outcome: 'closed' };
}

/** The alerts about one payment (its balance-chain breaks, gaps and forgeries; its reversal), closed once a person settled it. */
export function closeAlertsOfPayment(ledger: Ledger, payment: StoredPayment): string[] {
  const messages = new Set([payment.messageId, ...payment.messageIds]);
  const prefix = 'balance-chain:';
  // `balance-chain:<type>:<message id>`; a message id may itself hold a colon, the type never does.
  const chainMessage = (id: string): string | null => {
    const cut = id.startsWith(prefix) ? id.indexOf(':', prefix.length) : -1;
    return cut === -1 ? null : id.slice(cut + 1);
  };
  const about = (id: string): boolean => id === `reversal:${payment.key}` || messages.has(chainMessage(id) ?? '');
  const ids = ledger.openAlerts().map((a) => a.id).filter(about);
  for (const id of ids) ledger.resolveAlert(id);
  return ids;
}

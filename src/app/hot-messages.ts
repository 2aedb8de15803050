import type { Ledger, StoredMessage } from '../adapters/ledger/index.js';
import type { PaymentState } from '../adapters/ledger/types.js';

const EVERY_STATE: PaymentState[] = [
  'review', 'matched', 'confirmed', 'partial', 'unmatched', 'ignored', 'duplicate', 'dismissed', 'assigned-manually', 'reversed',
];

/**
 * Every SMS in the ledger's hot file, decided or not (older ones are archived with their settled payments).
 * The balance chain and the reversal scan read them from memory: no request, no disk.
 */
export function hotMessages(ledger: Ledger): StoredMessage[] {
  const seen = new Set<string>();
  const out: StoredMessage[] = [];
  const add = (m: StoredMessage | undefined): void => {
    if (!m || seen.has(m.messageId)) return;
    seen.add(m.messageId);
    out.push(m);
  };
  for (const p of ledger.paymentsByState(...EVERY_STATE)) for (const id of p.messageIds) add(ledger.getMessage(id));
  for (const m of ledger.undecidedMessages()) add(m);
  return out;
}

/** The receiving phone as SMSsync names it; '' when it does not. */
export function deviceOf(m: StoredMessage): string {
  return m.raw.device_id || m.raw.sent_to || '';
}

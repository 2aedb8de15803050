import type { HistoryEntry, Ledger, OrderWrite, StoredMessage, StoredPayment } from '../../adapters/ledger/index.js';
import type { ParsedSms } from '../../core/sms/types.js';
import { DataError } from '../../errors.js';
import { resolvePaymentKey } from './lookup.js';

export interface StoryMessage {
  messageId: string;
  /** `payment`: the SMS the payment rests on; `duplicate`: the same SMS again; `untrusted-twin`: same code, sender not trusted. */
  role: 'payment' | 'duplicate' | 'untrusted-twin';
  from: string | null;
  text: string | null;
  sentTimestamp: string | null;
  receivedAt: string | null;
  storedAt: string | null;
  dropboxId: string | null;
  deviceId: string | null;
  parsed: ParsedSms | null;
  /** The SMS was longer than an SMS can be: `text` is its start only. */
  truncated: { originalBytes: number; sha256: string } | null;
}

export interface PaymentStory {
  key: string;
  where: 'hot' | 'archive';
  archivedAt: string | null;
  payment: StoredPayment;
  messages: StoryMessage[];
  /** Engine decisions, write results and people's actions, in time order. */
  history: HistoryEntry[];
  /** Order writes (confirmation, notes): intent time and outcome. */
  writes: OrderWrite[];
}

/** Everything the ledger knows about one payment, from the hot file or, once archived, from the archive. */
export async function paymentStory(ledger: Ledger, code: string): Promise<PaymentStory> {
  const key = resolvePaymentKey(ledger, code);
  const hot = ledger.getPayment(key);
  if (hot) {
    const messages = hot.messageIds.map((id) => ledger.getMessage(id)).filter((m): m is StoredMessage => m !== undefined);
    return build(key, 'hot', null, hot, messages, ledger.writesFor(key));
  }
  const line = await ledger.findArchivedPayment(key);
  if (!line) throw new DataError(`payment ${key} is in the archive index but its archive line is missing`, { hint: 'the monthly archive file may have been moved or deleted' });
  return build(key, 'archive', line.archivedAt, line.payment, line.messages, line.writes);
}

function build(key: string, where: PaymentStory['where'], archivedAt: string | null, payment: StoredPayment, found: StoredMessage[], writes: OrderWrite[]): PaymentStory {
  const byId = new Map(found.map((m) => [m.messageId, m]));
  const messages = payment.messageIds.map((id) => storyMessage(id, byId.get(id), payment.messageId));
  return {
    key, where, archivedAt, payment, messages,
    history: [...payment.history].sort((a, b) => a.at.localeCompare(b.at)),
    writes: [...writes].sort((a, b) => a.at.localeCompare(b.at)),
  };
}

function storyMessage(id: string, m: StoredMessage | undefined, carrier: string): StoryMessage {
  const role: StoryMessage['role'] = id === carrier ? 'payment' : m?.parsed?.trusted === false ? 'untrusted-twin' : 'duplicate';
  return {
    messageId: id, role, from: m?.raw.from ?? null, text: m?.raw.message ?? null, sentTimestamp: m?.raw.sent_timestamp ?? null,
    receivedAt: m?.receivedAt ?? null, storedAt: m?.storedAt ?? null, dropboxId: m?.dropboxId ?? null, deviceId: m?.raw.device_id ?? null,
    parsed: m?.parsed ?? null, truncated: m?.truncated ?? null,
  };
}

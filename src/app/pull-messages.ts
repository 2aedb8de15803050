import { capSms, describeCut, type TruncatedMark } from '../adapters/sms-size.js';
import { parseSms } from '../core/sms/parse.js';
import type { IncomingSms } from '../core/sms/types.js';
import type { ReconcileDeps } from './types.js';

/**
 * Brings new SMS into the ledger. From the drop-box, page by page: each page's messages and the advanced
 * cursor are committed in one atomic write, so a crash or timeout between pages neither skips nor repeats an
 * SMS. The cursor only ever moves to an id we actually stored.
 */
export async function pullMessages(deps: ReconcileDeps): Promise<{ stored: number; warnings: string[]; lastCodeAt: string | null }> {
  const { ledger, source } = deps;
  const warnings: string[] = [];
  let stored = 0;
  const store = (incoming: IncomingSms, dropboxId: string | null, earlier: TruncatedMark | null = null): void => {
    if (ledger.hasMessage(incoming.message_id)) return;
    // An oversized "SMS" is kept cut and marked, never whole and never silently dropped (adapters/sms-size.ts).
    const { raw, truncated } = capSms(incoming, earlier);
    const ms = Number(raw.sent_timestamp);
    const receivedAt = Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
    let parsed = parseSms({ from: raw.from, text: raw.message, ...(receivedAt ? { receivedAt } : {}) }, { providers: deps.providers });
    if (truncated) {
      parsed = { ...parsed, trusted: false, untrustedReason: `the SMS was ${truncated.originalBytes} bytes, longer than any real SMS: only its start was kept` };
      warnings.push(describeCut(raw.message_id, raw.from, truncated));
    }
    if (ledger.recordMessage(raw, { parsed, dropboxId, truncated })) stored++;
  };

  if (source.kind === 'list') {
    for (const raw of source.messages) store(raw, null);
    await ledger.commit();
    if (stored > 0) deps.onStep?.('after-store-sms');
    return { stored, warnings, lastCodeAt: null };
  }

  const cursorText = ledger.cursor();
  let after = cursorText === null ? 0 : Number(cursorText);
  if (!Number.isSafeInteger(after) || after < 0) {
    warnings.push(`ledger drop-box cursor "${cursorText}" is not a message id; starting from 0 (repeats are recognised by message id)`);
    after = 0;
  }
  let lastCodeAt: string | null = null;
  for (let page = 0; page < source.maxPages; page++) {
    const result = await source.client.listMessages(after, source.pageSize);
    lastCodeAt = result.lastCodeAt;
    let last = after;
    for (const m of result.messages) {
      // A drop-box must never send ids at or below the cursor; if one does, the message id check still dedupes.
      const cut = m.truncated ? { originalBytes: m.truncated.original_bytes, sha256: m.truncated.sha256 } : null;
      store({ message_id: m.message_id, from: m.from, message: m.message, sent_timestamp: m.sent_timestamp, sent_to: m.sent_to, device_id: m.device_id }, String(m.id), cut);
      last = Math.max(last, m.id);
    }
    if (last > after) {
      after = last;
      ledger.setCursor(String(after));
    }
    await ledger.commit();
    if (result.messages.length > 0) deps.onStep?.('after-store-sms');
    if (!result.hasMore || result.messages.length === 0) break;
    if (page === source.maxPages - 1) warnings.push(`more SMS are waiting in the drop-box; the next run continues after id ${after}`);
  }
  return { stored, warnings, lastCodeAt };
}

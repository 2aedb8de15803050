import { SMS_MAX_BYTES, utf8Prefix } from '../adapters/sms-size.js';
import type { HistoryEntry, OrderWrite } from '../adapters/ledger/index.js';
import { openSettle, paymentStory, type PaymentStory, type SettleCommandOptions, type StoryMessage } from '../app/settle/index.js';
import { formatShopTime } from '../app/daemon/local-time.js';
import { displayMoney } from '../core/money.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { printable } from './render.js';
import { colours } from '../log/terminal.js';

export interface ExplainOptions extends SettleCommandOptions {
  json?: boolean;
}

/** The full story of one payment, from the hot file or the archive. Read-only. */
export async function runExplain(code: string, opts: ExplainOptions, io: Io): Promise<number> {
  const { ledger, loaded } = await openSettle(opts, io, { readOnly: true, command: 'smsmatch explain' });
  try {
    const story = await paymentStory(ledger, code);
    // --json keeps the stored ISO UTC times; a person reads them in the shop's zone.
    writeLine(io.stdout, opts.json ? JSON.stringify(story, null, 2) : renderStory(story, io, loaded.config.daemon.timezone));
    return 0;
  } finally {
    await ledger.close();
  }
}

function renderStory(s: PaymentStory, io: Io, timeZone: string): string {
  const c = colours(io);
  const t = (at: string | null | undefined): string => formatShopTime(at, timeZone);
  const p = s.payment;
  const amount = p.amountMinor !== null && p.currency ? displayMoney(p.amountMinor, p.currency) : 'no amount';
  const head = [
    c.bold(`Payment ${p.code ?? p.key} (${p.provider ?? 'unknown provider'}) — ${amount}, now ${p.state}${p.orderId !== null ? ` for order #${p.orderId}` : ''}`),
    `  payer ${printable([p.payerName, p.payerPhone].filter(Boolean).join(' ') || 'unknown')}; recorded ${t(p.createdAt)}, last change ${t(p.updatedAt)}`,
    s.where === 'archive' ? `  archived ${s.archivedAt ? t(s.archivedAt) : ''} (read from the monthly archive)` : '  in the hot ledger file',
    `  times in ${timeZone} (daemon.timezone); --json gives them in UTC`,
  ];
  const sms = s.messages.flatMap((m) => renderMessage(m, t));
  const timeline = [...s.history.map((h) => ({ at: h.at, text: renderEntry(h) })), ...s.writes.flatMap(renderWrite)]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => `  ${t(e.at)}  ${e.text}`);
  return [head.join('\n'), c.bold('SMS'), sms.join('\n'), c.bold('What happened'), timeline.join('\n') || '  nothing recorded'].join('\n\n');
}

function renderMessage(m: StoryMessage, t: (at: string | null) => string): string[] {
  const lines = [`  ${m.role} ${m.messageId}: from ${printable(m.from ?? '?')}, received ${t(m.receivedAt)}, stored ${t(m.storedAt)}${m.dropboxId ? `, drop-box id ${m.dropboxId}` : ''}`];
  if (m.text !== null) {
    // A ledger written before the size cap may still hold a huge text: show no more than the cap either way.
    const shown = utf8Prefix(m.text, SMS_MAX_BYTES);
    const cut = m.truncated ?? (shown.length < m.text.length ? { originalBytes: Buffer.byteLength(m.text, 'utf8'), sha256: null } : null);
    lines.push(`    "${printable(shown)}${cut ? '…' : ''}"`);
    if (cut) lines.push(`    cut: the SMS was ${cut.originalBytes.toLocaleString('en-US')} bytes; only its first ${SMS_MAX_BYTES} are kept${cut.sha256 ? ` (SHA-256 of the whole: ${cut.sha256})` : ''}`);
  }
  const parsed = m.parsed;
  if (!parsed) {
    lines.push('    parse: not recognised');
    return lines;
  }
  lines.push(`    parse: ${parsed.provider ?? 'no provider'} / ${parsed.template ?? 'no template'}, ${parsed.kind}, ${parsed.trusted ? 'trusted' : `NOT trusted (${parsed.untrustedReason ?? 'sender unknown'})`}`);
  const fields: Array<[string, string | null]> = [
    ['code', parsed.code], ['amount', parsed.amount && parsed.currency ? `${parsed.currency} ${parsed.amount}` : null], ['payer', parsed.payerName],
    ['phone', parsed.payerPhone], ['account', parsed.account], ['paid at', parsed.occurredAt === null ? null : t(parsed.occurredAt)], ['balance', parsed.balance], ['reverses', parsed.reverses],
  ];
  lines.push(`    fields: ${fields.filter(([, v]) => v !== null).map(([k, v]) => `${k} ${printable(v ?? '')}`).join(', ')}`);
  return lines;
}

function renderEntry(h: HistoryEntry): string {
  const who = h.source === 'engine' ? `decision ${h.decision ?? '?'}${h.rule ? ` (${h.rule})` : ''}` : h.source === 'manual' ? 'by hand' : 'order write';
  const cands = h.candidates.length > 0 ? `; candidates ${h.candidates.map((id) => `#${id}`).join(', ')}` : '';
  const reasons = h.reasons.map((r) => `\n      - ${printable(r)}`).join('');
  return `${who} → ${h.state}${h.orderId !== null ? ` order #${h.orderId}` : ''}${cands}${reasons}`;
}

function renderWrite(w: OrderWrite): Array<{ at: string; text: string }> {
  const what = w.kind === 'note' ? `note${w.summary['customer'] === true ? ' to the customer' : ''}: "${String(w.summary['note'] ?? '')}…"`
    : w.kind === 'receipt' ? `SMS receipt to ${String(w.summary['to'] ?? 'no usable number')}: "${printable(String(w.summary['message'] ?? ''))}"`
    : `${w.kind} ${String(w.summary['body'] ?? '')}`;
  const out = [{ at: w.at, text: `intent  order #${w.orderId} ${what}` }];
  if (w.outcome) {
    const detail = w.outcome.status === 'applied' ? (w.outcome.detail ?? '') : w.outcome.status === 'rejected' ? w.outcome.error : w.outcome.status === 'skipped' ? w.outcome.reason : w.outcome.note;
    out.push({ at: w.outcome.at, text: `outcome order #${w.orderId} ${w.kind}: ${w.outcome.status}${detail ? ` (${detail})` : ''}` });
  } else {
    out.push({ at: w.at, text: `outcome order #${w.orderId} ${w.kind}: still open (the next reconcile checks the order)` });
  }
  return out;
}

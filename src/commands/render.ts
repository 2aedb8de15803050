import type { AppliedWrite } from '../app/types.js';
import type { Decision } from '../core/match/index.js';
import { displayMoney } from '../core/money.js';
import type { Io } from '../io.js';
import { colours } from '../log/terminal.js';

/** The decisions table shared by `match` and `reconcile`: one row per message, its reasons below it. */
export function renderDecisions(decisions: readonly Decision[], io: Io, applied: readonly AppliedWrite[] = []): string {
  const c = colours(io);
  const paint: Record<Decision['decision'], (s: string) => string> = {
    confirm: c.green, partial: c.cyan, review: c.yellow, unmatched: c.red, ignored: c.dim, duplicate: c.dim,
  };
  const byMessage = new Map(applied.map((a) => [a.messageId, a]));
  const rows = decisions.map((d) => [
    printable(d.messageId.length > 14 ? `${d.messageId.slice(0, 13)}…` : d.messageId),
    d.code ?? '-',
    d.decision,
    d.orderId !== null ? `#${d.orderId}` : d.suggestedOrderId !== null ? `(#${d.suggestedOrderId}?)` : '-',
    d.amountMinor !== null && d.currency ? displayMoney(d.amountMinor, d.currency) : '-',
    d.rule ?? '-',
    byMessage.get(d.messageId)?.outcome ?? '',
  ]);
  const head = ['message', 'code', 'decision', 'order', 'amount', 'rule', 'write'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const lines = [c.bold(fmt(head))];
  decisions.forEach((d, i) => {
    lines.push(paint[d.decision](fmt(rows[i] ?? [])));
    for (const reason of d.reasons) lines.push(c.dim(`    - ${printable(reason)}`));
    const write = byMessage.get(d.messageId);
    if (write && write.detail) lines.push(`    → ${printable(write.detail)}`);
  });
  return lines.join('\n');
}

/**
 * Text from an SMS (ids, names, reasons quoting it) shown on a terminal: control characters and bidi overrides
 * are escaped, so a forged message cannot clear the screen, recolour a row or reorder what a person reads.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function renderCounts(counts: Record<string, number>): string {
  const order = ['confirm', 'partial', 'review', 'unmatched', 'duplicate', 'ignored', 'applied', 'failed'];
  const parts = order.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing to do';
}

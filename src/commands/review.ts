import { formatWait, openSettle, reviewQueue, type ReviewItem, type SettleCommandOptions } from '../app/settle/index.js';
import { displayMoney } from '../core/money.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { printable } from './render.js';
import { colours } from '../log/terminal.js';

export interface ReviewOptions extends SettleCommandOptions {
  json?: boolean;
}

/** Lists the payments waiting for a person, oldest first. Read-only: no lock, no writes. */
export async function runReview(opts: ReviewOptions, io: Io): Promise<number> {
  const { ledger } = await openSettle(opts, io, { readOnly: true, command: 'smsmatch review' });
  try {
    const now = new Date();
    const items = reviewQueue(ledger, now);
    if (opts.json) writeLine(io.stdout, JSON.stringify({ at: now.toISOString(), count: items.length, payments: items }, null, 2));
    else writeLine(io.stdout, renderQueue(items, io));
    return 0;
  } finally {
    await ledger.close();
  }
}

function renderQueue(items: readonly ReviewItem[], io: Io): string {
  if (items.length === 0) return 'Nothing waiting for review.';
  const c = colours(io);
  const blocks = items.map((item) => {
    const head = `${c.bold(printable(item.code))}  ${item.amount ?? 'no amount'}  ${item.stuck ? 'stuck (matched, never written)' : item.state}  waited ${formatWait(item.waitedMinutes)}`;
    const lines = [head, `  from   ${printable([item.payerName, item.payerPhone].filter(Boolean).join(' ') || 'unknown payer')}`, `  paid   ${item.paidAt ?? 'unknown time'}`];
    if (item.state === 'partial' && item.orderId !== null) {
      const still = item.remainingMinor !== null && item.currency ? `, ${displayMoney(item.remainingMinor, item.currency)} still owed` : '';
      lines.push(`  toward order #${item.orderId}${still}`);
    }
    if (item.candidates.length > 0) {
      lines.push('  candidates:');
      for (const cand of item.candidates) lines.push(`    #${cand.orderId}${cand.description ? c.dim(`  ${printable(cand.description)}`) : ''}`);
    } else {
      lines.push('  candidates: none');
    }
    for (const reason of item.reasons) lines.push(c.dim(`  - ${printable(reason)}`));
    return lines.join('\n');
  });
  const footer = [
    `${items.length} payment(s) waiting. Settle each one:`,
    '  smsmatch assign <code> <order>              confirm it for that order (writes the order like reconcile does)',
    '  smsmatch dismiss <code> --reason "<why>"    close it without touching any order',
    '  smsmatch explain <code>                     the whole story of one payment',
  ];
  return [...blocks, footer.join('\n')].join('\n\n');
}

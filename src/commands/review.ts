import { formatWait, openSettle, reviewQueue, type ReviewItem, type SettleCommandOptions } from '../app/settle/index.js';
import { formatShopTime } from '../app/daemon/local-time.js';
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
  const { ledger, loaded } = await openSettle(opts, io, { readOnly: true, command: 'smsmatch review' });
  try {
    const now = new Date();
    const items = reviewQueue(ledger, now);
    if (opts.json) writeLine(io.stdout, JSON.stringify({ at: now.toISOString(), count: items.length, payments: items }, null, 2));
    else writeLine(io.stdout, renderQueue(items, io, loaded.config.daemon.timezone));
    return 0;
  } finally {
    await ledger.close();
  }
}

function renderQueue(items: readonly ReviewItem[], io: Io, timeZone: string): string {
  if (items.length === 0) return 'Nothing waiting for review.';
  const c = colours(io);
  const blocks = items.map((item) => {
    const { byOrder, general } = placeReasons(item);
    const head = `${c.bold(printable(item.code))}  ${item.amount ?? 'no amount'}  ${item.stuck ? 'stuck (matched, never written)' : item.state}  waited ${formatWait(item.waitedMinutes)}`;
    const lines = [head, `  from   ${printable([item.payerName, item.payerPhone].filter(Boolean).join(' ') || 'unknown payer')}`, `  paid   ${item.paidAt ? formatShopTime(item.paidAt, timeZone) : 'unknown time'}`];
    if (item.state === 'partial' && item.orderId !== null) {
      const still = item.remainingMinor !== null && item.currency ? `, ${displayMoney(item.remainingMinor, item.currency)} still owed` : '';
      lines.push(`  toward order #${item.orderId}${still}`);
    }
    if (item.candidates.length > 0) {
      lines.push('  candidates:');
      for (const cand of item.candidates) {
        const about = byOrder.get(cand.orderId) ?? [];
        lines.push(`    #${cand.orderId}${about.length > 0 ? c.dim(`  ${printable(about.join('; '))}`) : ''}`);
      }
    } else {
      lines.push('  candidates: none');
    }
    for (const reason of general) lines.push(c.dim(`  - ${printable(reason)}`));
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

/**
 * Each reason is printed once: next to the first candidate it names (the matcher writes `#1042` when a reason is
 * about that order), or, naming none, in the list below the candidates.
 */
function placeReasons(item: ReviewItem): { byOrder: Map<number, string[]>; general: string[] } {
  const byOrder = new Map<number, string[]>();
  const general: string[] = [];
  for (const reason of new Set(item.reasons)) {
    const cand = item.candidates.find((c) => new RegExp(`#${c.orderId}(?!\\d)`).test(reason));
    if (cand) byOrder.set(cand.orderId, [...(byOrder.get(cand.orderId) ?? []), reason]);
    else general.push(reason);
  }
  return { byOrder, general };
}

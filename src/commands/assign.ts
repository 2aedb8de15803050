import { receiptOutbox } from '../app/deps.js';
import { resolveOrderRef } from '../app/settle/order-ref.js';
import { assignPayment, openSettle, settledBy, shopFor, type AssignResult, type SettleCommandOptions } from '../app/settle/index.js';
import { ExitCode, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';

export interface AssignOptions extends SettleCommandOptions {
  dryRun?: boolean;
  json?: boolean;
  acceptPartial?: boolean;
}

/** Confirms one payment for one order by hand, through reconcile's safe write path. */
export async function runAssign(code: string, order: string, opts: AssignOptions, io: Io): Promise<number> {
  checkOrderText(order);
  const dryRun = opts.dryRun === true;
  const { loaded, ledger, log } = await openSettle(opts, io, { readOnly: dryRun, command: 'smsmatch assign' });
  try {
    const shop = shopFor(loaded);
    const ref = await resolveOrderRef(order, { ledger, shop, code });
    const result = await assignPayment(
      { ledger, shop, apply: loaded.config.apply, clock: () => new Date(), log, outbox: receiptOutbox(loaded.config), callingCode: loaded.matching.callingCode },
      { code, orderId: ref.id, by: settledBy(io.env), acceptPartial: opts.acceptPartial === true, dryRun },
    );
    if (opts.json) writeLine(io.stdout, JSON.stringify({ ...result, ...(ref.resolvedFrom !== null ? { orderNumber: ref.resolvedFrom } : {}) }, null, 2));
    else {
      if (ref.resolvedFrom !== null) writeLine(io.stdout, `order number ${ref.resolvedFrom} is order id ${ref.id}`);
      writeLine(io.stdout, describe(result));
    }
    if (!opts.json) for (const id of result.closedAlerts ?? []) writeLine(io.stdout, `alert ${id} closed: its payment is settled`);
    return exitFor(result);
  } finally {
    await ledger.close();
  }
}

/** Refuses what can be neither an id nor an order number before the ledger is even opened. */
function checkOrderText(text: string): void {
  const typed = text.trim().replace(/^#/, '');
  if (/^\d{1,12}$/.test(typed) ? Number(typed) <= 0 : !/^[\w./-]{1,64}$/.test(typed)) {
    throw new UsageError(`order must be a WooCommerce order id like 1042 or an order number as wp-admin shows it (NB-2026-0046), not ${JSON.stringify(text)}`);
  }
}

function describe(r: AssignResult): string {
  const prefix = r.outcome.startsWith('would-') ? 'dry run, nothing written: ' : '';
  const over = r.overpaidMinor > 0 ? ` (paid more than the ${r.outstanding} outstanding)` : '';
  return `${prefix}${r.code} ${r.amount} → order #${r.orderId}: ${r.detail}${over}`;
}

function exitFor(r: AssignResult): number {
  if (r.outcome === 'rejected') return ExitCode.itemFailed;
  if (r.outcome === 'unknown') return ExitCode.unavailable;
  return ExitCode.ok;
}

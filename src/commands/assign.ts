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
  const orderId = parseOrderId(order);
  const dryRun = opts.dryRun === true;
  const { loaded, ledger, log } = await openSettle(opts, io, { readOnly: dryRun, command: 'smsmatch assign' });
  try {
    const shop = shopFor(loaded);
    const result = await assignPayment(
      { ledger, shop, apply: loaded.config.apply, clock: () => new Date(), log },
      { code, orderId, by: settledBy(io.env), acceptPartial: opts.acceptPartial === true, dryRun },
    );
    if (opts.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
    else writeLine(io.stdout, describe(result));
    return exitFor(result);
  } finally {
    await ledger.close();
  }
}

function parseOrderId(text: string): number {
  const digits = text.trim().replace(/^#/, '');
  const id = Number(digits);
  if (!/^\d{1,12}$/.test(digits) || !Number.isSafeInteger(id) || id <= 0) {
    throw new UsageError(`order must be a WooCommerce order id like 1042, not ${JSON.stringify(text)}`);
  }
  return id;
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

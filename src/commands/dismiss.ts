import { dismissPayment, openSettle, settledBy, type SettleCommandOptions } from '../app/settle/index.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';

export interface DismissOptions extends SettleCommandOptions {
  reason?: string;
  json?: boolean;
}

/** Closes one payment without touching any order; the reason is kept in the ledger. */
export async function runDismiss(code: string, opts: DismissOptions, io: Io): Promise<number> {
  if (!opts.reason || opts.reason.trim() === '') {
    throw new UsageError('dismiss needs --reason: say why this payment is closed without an order', { hint: `e.g. \`smsmatch dismiss ${code} --reason "refunded to the customer by phone"\`` });
  }
  const { ledger } = await openSettle(opts, io, { readOnly: false, command: 'smsmatch dismiss' });
  try {
    const result = await dismissPayment(ledger, { code, reason: opts.reason, by: settledBy(io.env) });
    if (opts.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
    else writeLine(io.stdout, `dismissed ${result.code} (was ${result.previousState}): ${result.reason}`);
    if (!opts.json) for (const id of result.closedAlerts) writeLine(io.stdout, `alert ${id} closed: its payment is settled`);
    return 0;
  } finally {
    await ledger.close();
  }
}

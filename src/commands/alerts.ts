import { acknowledgeAlert, isOpen } from '../app/alert-ack.js';
import { formatShopTime } from '../app/daemon/local-time.js';
import { openSettle, settledBy, type SettleCommandOptions } from '../app/settle/index.js';
import { DataError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { printable } from './render.js';

export interface AlertsOptions extends SettleCommandOptions {
  json?: boolean;
  all?: boolean;
}

/** `smsmatch alerts`: the open alerts with their ids (read-only; acknowledged ones are counted, not listed). */
export async function runAlertsList(opts: AlertsOptions, io: Io): Promise<number> {
  const { ledger, loaded } = await openSettle(opts, io, { readOnly: true, command: 'smsmatch alerts' });
  try {
    const all = ledger.openAlerts();
    const open = all.filter(isOpen);
    if (opts.json) {
      writeLine(io.stdout, JSON.stringify({ open, acknowledged: all.filter((a) => !isOpen(a)) }, null, 2));
      return 0;
    }
    if (open.length === 0) writeLine(io.stdout, 'No open alerts.');
    const tz = loaded.config.daemon.timezone;
    for (const a of open) writeLine(io.stdout, `${a.id}\n  ${printable(a.message)}\n  since ${formatShopTime(a.firstSeenAt, tz)}, last seen ${formatShopTime(a.lastSeenAt, tz)}${a.count > 1 ? ` (${a.count} times)` : ''}`);
    const acked = all.length - open.length;
    if (acked > 0) writeLine(io.stdout, `(${acked} acknowledged alert(s) kept until their condition clears: smsmatch alerts --json)`);
    if (open.length > 0) writeLine(io.stdout, '\nAcknowledge one with: smsmatch alerts ack ID   (or --all)');
    return 0;
  } finally {
    await ledger.close();
  }
}

/** `smsmatch alerts ack ID…|--all`: takes the ledger lock like assign and dismiss. */
export async function runAlertsAck(ids: string[], opts: AlertsOptions, io: Io): Promise<number> {
  if (ids.length === 0 && !opts.all) throw new UsageError('alerts ack needs the id of an alert (or --all)', { hint: '`smsmatch alerts` lists them with their ids' });
  if (ids.length > 0 && opts.all) throw new UsageError('give alert ids or --all, not both');
  const { ledger } = await openSettle(opts, io, { readOnly: false, command: 'smsmatch alerts ack' });
  try {
    const wanted = opts.all ? ledger.openAlerts().filter(isOpen).map((a) => a.id) : ids;
    const unknown = wanted.filter((id) => !ledger.openAlerts().some((a) => a.id === id));
    if (unknown.length > 0) {
      throw new DataError(`no open alert ${unknown.map((id) => `"${printable(id)}"`).join(', ')}`, { hint: '`smsmatch alerts` lists the open ones with their ids' });
    }
    const by = settledBy(io.env);
    const results = wanted.map((id) => acknowledgeAlert(ledger, id, by)).filter((r) => r !== null);
    await ledger.commit();
    if (opts.json) writeLine(io.stdout, JSON.stringify({ results }, null, 2));
    else if (results.length === 0) writeLine(io.stdout, 'No open alerts.');
    for (const r of opts.json ? [] : results) {
      const what = r.outcome === 'closed' ? 'closed' : r.outcome === 'acknowledged' ? 'acknowledged (kept silent until its condition clears)' : 'was already acknowledged';
      writeLine(io.stdout, `alert ${r.id} ${what}`);
    }
    return 0;
  } finally {
    await ledger.close();
  }
}

import type { ActionReport, AdminAction } from '../../adapters/dropbox/admin-schema.js';
import type { DropboxClient } from '../../adapters/dropbox/client.js';
import type { Ledger, StoredPayment } from '../../adapters/ledger/index.js';
import { DataError, UsageError } from '../../errors.js';
import { assignPayment, dismissPayment, displayCode, resolvePaymentKey, type SettleDeps } from '../settle/index.js';
import type { Step } from '../types.js';
import { readJournal, writeJournal } from './journal.js';

export interface ActionEnv extends SettleDeps {
  dropbox: DropboxClient;
  onStep?: (step: Step) => void;
}

export interface ActionsRun {
  reported: Array<{ id: number } & ActionReport>;
  /** Left queued: an order write of theirs is still unsettled; the next pass looks again. */
  waiting: number[];
}

/**
 * Carries out the admin actions queued in the plugin, oldest first, each through the very functions behind
 * `smsmatch assign` and `smsmatch dismiss` (ledger first, order re-read before the write, exactly once), then
 * reports each outcome. Runs inside a tick, under the ledger lock. A transport failure stops the run; what
 * was not reported yet is reported from the ledger's journal on the next pass.
 */
export async function runAdminActions(env: ActionEnv): Promise<ActionsRun> {
  const out: ActionsRun = { reported: [], waiting: [] };
  for (const action of await env.dropbox.listActions()) {
    const report = await settle(env, action);
    if (report === null) {
      out.waiting.push(action.id);
      continue;
    }
    await env.dropbox.reportAction(action.id, report);
    out.reported.push({ id: action.id, ...report });
    env.log.info(`admin action ${action.id} (${action.action} ${action.code}) ${report.status}: ${report.detail}`, { action: action.id });
  }
  return out;
}

async function settle(env: ActionEnv, action: AdminAction): Promise<ActionReport | null> {
  const { ledger } = env;
  const known = readJournal(ledger).get(action.id);
  if (known && known.phase !== 'started') return { status: known.phase, detail: known.detail };
  let payment: StoredPayment | undefined;
  try {
    payment = ledger.getPayment(resolvePaymentKey(ledger, action.code));
  } catch (error) {
    return record(env, action.id, failure(error));
  }
  if (known) {
    // Started before a crash: the ledger tells whether it got through. Only an untouched payment is tried again.
    const after = afterRestart(ledger, action, payment);
    if (after !== 'retry') return after === 'wait' ? null : record(env, action.id, after);
  }
  const already = alreadyDone(action, payment);
  if (already) return record(env, action.id, already);

  writeJournal(ledger, { id: action.id, phase: 'started', detail: '', at: env.clock().toISOString() });
  await ledger.commit();
  env.onStep?.('admin-action-started');
  let report: ActionReport;
  try {
    report = await carryOut(env, action);
  } catch (error) {
    report = failure(error); // a refusal; anything else (shop down, credentials) is thrown: tried again next pass
  }
  const reported = await record(env, action.id, report);
  env.onStep?.('admin-action-recorded');
  return reported;
}

async function carryOut(env: ActionEnv, action: AdminAction): Promise<ActionReport> {
  const by = who(action.requested_by);
  if (action.action === 'dismiss') {
    const r = await dismissPayment(env.ledger, { code: action.code, reason: action.reason, by });
    return { status: 'done', detail: `dismissed ${r.code} (was ${r.previousState}): ${r.reason}` };
  }
  const r = await assignPayment(env, { code: action.code, orderId: action.order_id, by, acceptPartial: false, dryRun: false });
  if (r.outcome === 'assigned') return { status: 'done', detail: r.detail };
  return { status: 'failed', detail: r.detail };
}

/** A request the ledger already satisfies (a double click, or the CLI got there first): nothing is written twice. */
function alreadyDone(action: AdminAction, p: StoredPayment | undefined): ActionReport | null {
  if (!p) return null;
  const code = displayCode(p);
  if (action.action === 'assign' && (p.state === 'confirmed' || p.state === 'assigned-manually') && p.orderId === action.order_id) {
    return { status: 'done', detail: `nothing to do: ${code} already paid order #${action.order_id} (${lastReason(p)}); nothing was written twice` };
  }
  if (action.action === 'dismiss' && p.state === 'dismissed') {
    return { status: 'done', detail: `nothing to do: ${code} was already dismissed (${lastReason(p)}); nothing was written twice` };
  }
  return null;
}

function afterRestart(ledger: Ledger, action: AdminAction, p: StoredPayment | undefined): ActionReport | 'retry' | 'wait' {
  if (!p) return 'retry';
  if (ledger.openIntents().some((w) => w.paymentKey === p.key)) return 'wait';
  const done = alreadyDone(action, p);
  if (done) return { status: 'done', detail: `${done.detail.replace(/^nothing to do: /, '')} (finished after a restart)` };
  return 'retry';
}

async function record(env: ActionEnv, id: number, report: ActionReport): Promise<ActionReport> {
  writeJournal(env.ledger, { id, phase: report.status, detail: report.detail, at: env.clock().toISOString() });
  await env.ledger.commit();
  return report;
}

/** The same refusals `smsmatch assign`/`dismiss` print (unknown code, already paid, order not payable …). */
function failure(error: unknown): ActionReport {
  if (error instanceof DataError || error instanceof UsageError) return { status: 'failed', detail: error.message };
  throw error;
}

function lastReason(p: StoredPayment): string {
  return p.history.at(-1)?.reasons[0] ?? p.state;
}

/** The WordPress user, as the ledger and the order note name the person who settled the payment. */
export function who(login: string): string {
  const name = login.trim();
  return /^[\w.@ -]{1,60}$/.test(name) ? `${name} (wp-admin)` : 'wp-admin';
}

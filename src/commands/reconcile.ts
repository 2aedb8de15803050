import { openLedgerAt } from '../adapters/ledger/index.js';
import { readMessagesFile } from '../adapters/messages-file.js';
import { buildDropboxClient, buildShopClient, dropboxSource, receiptOutbox, requireDropbox, requireShop } from '../app/deps.js';
import type { SignalSource } from '../app/daemon/signals.js';
import { listenForInterrupt } from '../app/interrupt.js';
import { reconcile } from '../app/reconcile.js';
import type { MessageSource, ReconcileReport, Step } from '../app/types.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { recordRunOutcome, runLogPathFor, type RunOutcomeInput } from '../app/run-log.js';
import { outcomeOfError, outcomeOfReport } from '../app/run-outcome.js';
import { resolveLedgerPath } from '../config/paths.js';
import { resolveLedgerTarget } from '../config/ledger-target.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { createLogger, type Logger } from '../log/logger.js';
import { startSpinner } from '../log/spinner.js';
import { defaultLogFormat, levelColour } from '../log/terminal.js';
import { renderCounts, renderDecisions } from './render.js';

export interface ReconcileOptions {
  dryRun?: boolean;
  json?: boolean;
  messages?: string;
  config?: string;
  state?: string;
  /** Where Ctrl-C / SIGTERM are heard: the process, or a fake in tests. */
  signals?: SignalSource;
  /** A second Ctrl-C's way out (process.exit unless a test replaces it). */
  exit?: (code: number) => void;
}

export async function runReconcile(opts: ReconcileOptions, io: Io): Promise<number> {
  const loaded = loadConfig(opts.config, io.env, io.cwd);
  const log = createLogger({ stream: io.stderr, format: defaultLogFormat(io), colour: levelColour(io) });
  for (const w of loaded.warnings) log.warn(w);
  const { config } = loaded;
  const ledgerPath = resolveLedgerPath(opts.state, config.ledger.path, io.env);
  // Every pass's outcome goes to the run log beside the ledger (a dry run writes nothing anywhere, that included):
  // a cron line failing with 69 or 77 shows in `smsmatch status` instead of an old "last run ok".
  const note = async (outcome: RunOutcomeInput): Promise<void> => {
    if (opts.dryRun) return;
    const warning = await recordRunOutcome(runLogPathFor(ledgerPath), outcome, new Date(), io.env);
    if (warning) log.warn(warning);
  };
  let report: ReconcileReport;
  try {
    report = await reconcileOnce(opts, loaded, ledgerPath, log, io);
  } catch (error) {
    await note(outcomeOfError(error, 'reconcile'));
    throw error;
  }
  await note(outcomeOfReport(report));
  return report.exitCode;
}

async function reconcileOnce(opts: ReconcileOptions, loaded: LoadedConfig, ledgerPath: string, log: Logger, io: Io): Promise<ReconcileReport> {
  const { config } = loaded;
  const shopConfig = requireShop(config);
  const source = await messageSource(opts, config, io);
  const ledger = await openLedgerAt(resolveLedgerTarget(opts.state, loaded, io.env).target, {
    readOnly: opts.dryRun === true, retentionDays: config.ledger.retentionDays, command: 'smsmatch reconcile',
  });
  const interrupt = listenForInterrupt({
    signals: opts.signals ?? process, ledgerPath, command: 'reconcile', say: (text) => writeLine(io.stderr, text),
    exit: opts.exit ?? ((code) => process.exit(code)),
  });
  try {
    const shop = buildShopClient(shopConfig);
    const spinner = startSpinner(io, opts.dryRun ? 'reading SMS and orders (dry run)…' : 'reading SMS, matching, updating orders…', !opts.json);
    let report: ReconcileReport;
    try {
      report = await reconcile({
        ledger, shop, source, providers: loaded.providers, matching: loaded.matching, apply: config.apply,
        outbox: source.kind === 'dropbox' ? source.client : receiptOutbox(config), clock: () => new Date(), log, dryRun: opts.dryRun === true, onStep: interrupt.onStep(crashHarness(io).onStep),
      });
    } catch (error) {
      spinner.fail('reconcile stopped');
      throw error;
    }
    spinner.stop();
    printReport(report, opts, io);
    if (interrupt.signal !== null) writeLine(io.stderr, `${interrupt.signal} arrived as the run was finishing: it completed`);
    return report;
  } finally {
    interrupt.dispose();
    await ledger.close();
  }
}

async function messageSource(opts: ReconcileOptions, config: ReturnType<typeof loadConfig>['config'], io: Io): Promise<MessageSource> {
  if (opts.messages) return { kind: 'list', messages: await readMessagesFile(opts.messages, io.cwd) };
  requireDropbox(config, ' and no --messages FILE given');
  return dropboxSource(buildDropboxClient(config), config);
}

function printReport(report: ReconcileReport, opts: ReconcileOptions, io: Io): void {
  if (opts.json) {
    writeLine(io.stdout, JSON.stringify(report, null, 2));
    return;
  }
  for (const r of report.recovered) writeLine(io.stdout, `recovered: order #${r.orderId} ${r.code ?? ''}: ${r.detail}`);
  if (report.decisions.length > 0) writeLine(io.stdout, renderDecisions(report.decisions, io, report.applied));
  for (const w of report.warnings) writeLine(io.stderr, `warning: ${w}`);
  const prefix = report.dryRun ? 'dry run, nothing written: ' : '';
  writeLine(io.stdout, `${prefix}${report.newMessages} new SMS; ${renderCounts(report.counts)}; ${report.requests.shop} shop request(s), ${report.requests.dropbox} drop-box request(s)`);
}

/**
 * Test-only fault injection: SMSMATCH_TEST_CRASH_AT=<step> kills this process with SIGKILL at that step, so the
 * fault suite can prove that a crash between any two steps loses and duplicates nothing.
 */
export function crashHarness(io: Io): { onStep?: (step: Step) => void } {
  const at = io.env['SMSMATCH_TEST_CRASH_AT'];
  if (!at) return {};
  return {
    onStep: (step) => {
      if (step === at) process.kill(process.pid, 'SIGKILL');
    },
  };
}

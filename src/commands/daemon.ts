import { runDaemon } from '../app/daemon/run.js';
import type { SignalSource } from '../app/daemon/signals.js';
import { loadConfig } from '../config/load.js';
import { resolveLedgerPath } from '../config/paths.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { createLogger, parseLogLevel } from '../log/logger.js';
import { defaultLogFormat, levelColour } from '../log/terminal.js';
import { crashHarness } from './reconcile.js';

export interface DaemonCommandOptions {
  config?: string;
  state?: string;
  logFormat?: string;
  once?: boolean;
  verbose?: boolean;
  /** Tests pass a fake; the real command listens on the process. */
  signals?: SignalSource;
}

/**
 * `smsmatch daemon`: reconcile on the configured schedule until SIGTERM. Logs go to stderr: plain lines (no
 * colour, no timestamp: journald adds one) when not on a terminal, JSON with --log-format json, pretty and
 * coloured only on a terminal. SMSMATCH_LOG_LEVEL=debug (or --verbose) shows every tick.
 */
export async function runDaemonCommand(opts: DaemonCommandOptions, io: Io): Promise<number> {
  if (opts.logFormat !== undefined && !['plain', 'json', 'pretty'].includes(opts.logFormat)) {
    throw new UsageError(`--log-format must be plain, json or pretty, not "${opts.logFormat}"`, { hint: 'plain suits journald, json suits log shippers' });
  }
  const format = defaultLogFormat(io, opts.logFormat);
  const clock = (): Date => new Date();
  const log = createLogger({
    stream: io.stderr, format, colour: levelColour(io),
    level: opts.verbose ? 'debug' : (parseLogLevel(io.env['SMSMATCH_LOG_LEVEL']) ?? 'info'),
    ...(format === 'json' ? { now: clock } : {}),
  });
  return runDaemon({
    load: () => loadConfig(opts.config, io.env),
    ledgerPath: (loaded) => resolveLedgerPath(opts.state, loaded.config.ledger.path, io.env),
    log, clock, once: opts.once === true,
    signals: opts.signals ?? process,
    ...crashHarness(io),
  });
}

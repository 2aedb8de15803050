import { runDaemon } from '../app/daemon/run.js';
import type { SignalSource } from '../app/daemon/signals.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { resolveLedgerPath } from '../config/paths.js';
import { resolveLedgerTarget } from '../config/ledger-target.js';
import { UsageError } from '../errors.js';
import { runShops } from './daemon-shops.js';
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
  /** Serve every `DIR/*.json` (one shop each) instead of one config. */
  shops?: string;
  stateDir?: string;
  concurrency?: string;
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
  if (opts.shops !== undefined) return runShops(opts, io, log, clock);
  return runDaemon({
    load: () => withLedgerWarning(loadConfig(opts.config, io.env), opts, io),
    ledgerPath: (loaded) => resolveLedgerTarget(opts.state, loaded, io.env).localPath,
    ledgerTarget: (loaded) => resolveLedgerTarget(opts.state, loaded, io.env).target,
    log, clock, once: opts.once === true, env: io.env,
    signals: opts.signals ?? process,
    ...crashHarness(io),
  });
}

/**
 * Under systemd the ledger defaults to $STATE_DIRECTORY, which nobody running `status` or `review` by hand has:
 * say so while the config does not name the ledger, so the operator is not shown an empty one of their own.
 */
function withLedgerWarning(loaded: LoadedConfig, opts: DaemonCommandOptions, io: Io): LoadedConfig {
  if (opts.state || loaded.config.ledger.path || io.env['SMSMATCH_STATE'] || !io.env['STATE_DIRECTORY']) return loaded;
  const path = resolveLedgerPath(undefined, undefined, io.env);
  const warning = `the ledger is ${path} (systemd's StateDirectory), which status, review and assign run by hand do not know: set "ledger": {"path": "${path}"} in ${loaded.path ?? 'the config'} (smsmatch systemd --service-config does)`;
  return { ...loaded, warnings: [...loaded.warnings, warning] };
}

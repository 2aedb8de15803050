import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { daemonRefusals } from '../app/daemon/runtime.js';
import { applyEnv, loadConfig } from '../config/load.js';
import { resolveConfigPath, resolveLedgerPath } from '../config/paths.js';
import { installSteps, operatorSteps, renderUnit, SYSTEM_CONFIG_PATH, SYSTEM_LEDGER_PATH, type InstallOptions } from '../core/systemd-unit.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';

export interface SystemdOptions {
  user?: boolean;
  /** The config in use, as for every other command; a user unit runs with it, a system one with a copy of it. */
  config?: string;
  account?: string;
  /** Print the config for the system service (the one in use, ledger.path set to the service's state directory). */
  serviceConfig?: boolean;
}

/** Prints the unit on stdout (so it can be piped to a file) and the install steps on stderr. */
export function runSystemd(opts: SystemdOptions, io: Io): Promise<number> {
  const user = opts.user === true;
  const sourceConfig = resolve(io.cwd, resolveConfigPath(opts.config, io.env).path);
  if (opts.serviceConfig) return Promise.resolve(printServiceConfig(sourceConfig, user, io));
  const ledger = currentLedger(sourceConfig, io);
  const o: InstallOptions = {
    user,
    nodePath: process.execPath,
    scriptPath: fileURLToPath(new URL('../../bin/smsmatch.js', import.meta.url)),
    configPath: user ? sourceConfig : SYSTEM_CONFIG_PATH,
    account: opts.account ?? 'smsmatch',
    sourceConfig,
    existingLedger: !user && ledger !== null && existsSync(ledger) ? ledger : null,
    existingArchive: !user && ledger !== null && existsSync(ledger) && existsSync(join(dirname(ledger), 'archive')) ? join(dirname(ledger), 'archive') : null,
  };
  io.stdout.write(renderUnit(o));
  writeLine(io.stderr, `# To install ${user ? 'as a user service' : 'system-wide'} (config: ${sourceConfig}):`);
  for (const step of installSteps(o)) writeLine(io.stderr, `#   ${step}`);
  writeLine(io.stderr, user
    ? '# Then status, review and assign, run as you, read the service\'s ledger:'
    : `# Then see and settle what the service holds (its ledger is ${SYSTEM_LEDGER_PATH}) as its account, with its config:`);
  for (const step of operatorSteps(o)) writeLine(io.stderr, `#   ${step}`);
  if (!user) writeLine(io.stderr, `#   (when sudo's PATH has no smsmatch, use the full command: ${o.nodePath} ${o.scriptPath})`);
  writeLine(io.stderr, '# Without a daemon, a cron line does the same job: see README → Running without a daemon');
  return Promise.resolve(0);
}

/** The ledger the config in use points at; null (with a warning) when that config cannot be read. */
function currentLedger(sourceConfig: string, io: Io): string | null {
  try {
    const loaded = loadConfig(sourceConfig, io.env);
    return resolveLedgerPath(undefined, loaded.config.ledger.path, io.env);
  } catch (error) {
    writeLine(io.stderr, `# warning: the config in use cannot be loaded (${(error as Error).message}); fix it before installing`);
    return null;
  }
}

/**
 * The config the system service gets: the one in use (secrets from the environment written in, since the service
 * does not have that environment), with ledger.path set to the service's state directory so every command run with
 * it finds the daemon's ledger. It holds secrets, so it is only ever piped, never shown on a terminal.
 */
function printServiceConfig(sourceConfig: string, user: boolean, io: Io): number {
  if (user) throw new UsageError('--service-config is for the system service; a user service runs with your own config as it is');
  if (io.stdout.isTTY) {
    throw new UsageError('--service-config prints the config with its secrets, so it only writes to a pipe', {
      hint: `pipe it into the install step: smsmatch systemd --service-config | sudo install -o smsmatch -g smsmatch -m 600 /dev/stdin ${SYSTEM_CONFIG_PATH}`,
    });
  }
  const loaded = loadConfig(sourceConfig, io.env);
  const refused = daemonRefusals(loaded.config)[0];
  if (refused) throw refused;
  const raw = loaded.path === null ? {} : (JSON.parse(readFileSync(loaded.path, 'utf8')) as Record<string, unknown>);
  const merged = applyEnv(raw, io.env) as Record<string, unknown>;
  const ledger = typeof merged['ledger'] === 'object' && merged['ledger'] !== null ? (merged['ledger'] as Record<string, unknown>) : {};
  merged['ledger'] = { ...ledger, path: SYSTEM_LEDGER_PATH };
  writeLine(io.stdout, JSON.stringify(merged, null, 2));
  return 0;
}

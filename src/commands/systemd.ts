import { fileURLToPath } from 'node:url';
import { installSteps, renderUnit } from '../core/systemd-unit.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { resolveConfigPath } from '../config/paths.js';

/** Prints the unit on stdout (so it can be piped to a file) and the install steps on stderr. */
export function runSystemd(opts: { user?: boolean; config?: string; account?: string }, io: Io): Promise<number> {
  const user = opts.user === true;
  const configPath = opts.config ?? (user ? resolveConfigPath(undefined, io.env).path : '/etc/smsmatch/config.json');
  const unit = {
    user,
    nodePath: process.execPath,
    scriptPath: fileURLToPath(new URL('../../bin/smsmatch.js', import.meta.url)),
    configPath,
    account: opts.account ?? 'smsmatch',
  };
  io.stdout.write(renderUnit(unit));
  writeLine(io.stderr, `# To install ${user ? 'as a user service' : 'system-wide'}:`);
  for (const step of installSteps(unit)) writeLine(io.stderr, `#   ${step}`);
  writeLine(io.stderr, '# Without a daemon, a cron line does the same job: see README → Running without a daemon');
  return Promise.resolve(0);
}

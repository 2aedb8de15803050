import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** `--config`, then SMSMATCH_CONFIG, then the XDG per-user default. */
export function resolveConfigPath(flag: string | undefined, env: Env): { path: string; explicit: boolean } {
  if (flag) return { path: flag, explicit: true };
  if (env['SMSMATCH_CONFIG']) return { path: env['SMSMATCH_CONFIG'], explicit: true };
  const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return { path: join(base, 'smsmatch', 'config.json'), explicit: false };
}

/** `--state`, then the config's ledger.path, then SMSMATCH_STATE, then systemd's STATE_DIRECTORY, then XDG. */
export function resolveLedgerPath(flag: string | undefined, configured: string | undefined, env: Env): string {
  if (flag) return flag;
  if (configured) return configured.startsWith('~/') ? join(env['HOME'] || homedir(), configured.slice(2)) : configured;
  if (env['SMSMATCH_STATE']) return env['SMSMATCH_STATE'];
  if (env['STATE_DIRECTORY']) return join(env['STATE_DIRECTORY'].split(':')[0] ?? '', 'ledger.json');
  const base = env['XDG_STATE_HOME'] || join(env['HOME'] || homedir(), '.local', 'state');
  return join(base, 'smsmatch', 'ledger.json');
}

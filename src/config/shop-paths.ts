import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LedgerTarget } from '../adapters/ledger/index.js';
import type { LoadedConfig } from './load.js';
import { resolveLedgerTarget } from './ledger-target.js';

type Env = Record<string, string | undefined>;

/**
 * Where a daemon serving many shops keeps each shop's local files (a lowdb ledger when no PostgreSQL is set,
 * the status file, the daemon lock): `--state-dir`, SMSMATCH_STATE_DIR, systemd's STATE_DIRECTORY, then XDG.
 */
export function shopsStateDir(flag: string | undefined, env: Env): string {
  if (flag) return flag;
  if (env['SMSMATCH_STATE_DIR']) return env['SMSMATCH_STATE_DIR'];
  if (env['STATE_DIRECTORY']) return env['STATE_DIRECTORY'].split(':')[0] ?? '';
  const base = env['XDG_STATE_HOME'] || join(env['HOME'] || homedir(), '.local', 'state');
  return join(base, 'smsmatch');
}

/**
 * One shop of `--shops DIR`: the same ledger rules as a single shop (ledger.url / SMSMATCH_LEDGER_URL →
 * PostgreSQL keyed by the shop's name, else ledger.path), except that the default lowdb ledger is the shop's own
 * `<state dir>/shops/NAME/ledger.json` instead of one shared path. The daemon and every command taking
 * `--shops DIR --shop NAME` resolve it here, so they always agree.
 */
export function shopLedger(name: string, loaded: LoadedConfig, env: Env, stateDir: string | undefined): { target: LedgerTarget; localPath: string } {
  const own = join(shopsStateDir(stateDir, env), 'shops', name, 'ledger.json');
  // The shop's own default in place of the single-shop one; ledger.path and ledger.url still win.
  return resolveLedgerTarget(undefined, loaded, { ...env, SMSMATCH_STATE: own, STATE_DIRECTORY: undefined, XDG_STATE_HOME: undefined });
}

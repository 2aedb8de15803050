import { basename } from 'node:path';
import type { LedgerTarget } from '../adapters/ledger/index.js';
import { SHOP_NAME } from '../adapters/ledger/index.js';
import { ConfigError } from '../errors.js';
import { registerSecret } from '../log/redact.js';
import type { LoadedConfig } from './load.js';
import { resolveLedgerPath } from './paths.js';

type Env = Record<string, string | undefined>;

/**
 * The shop's name in a shared ledger: `ledger.shop`, else the config file's name without `.json` (so
 * `--config shops/acme.json` and `--shops shops --shop acme` are the same shop).
 */
export function shopNameFor(loaded: LoadedConfig): string {
  const name = loaded.config.ledger.shop ?? (loaded.path ? basename(loaded.path).replace(/\.json$/i, '') : null);
  if (name === null) {
    throw new ConfigError('a PostgreSQL ledger needs a shop name, and this config comes from the environment only', { hint: 'set ledger.shop in a config file (letters, digits, . _ -)' });
  }
  if (!SHOP_NAME.test(name)) {
    throw new ConfigError(`shop name "${name}" (from ${loaded.config.ledger.shop ? 'ledger.shop' : 'the config file name'}) cannot key a PostgreSQL ledger`, {
      hint: 'use letters, digits, dots, dashes and underscores only, or set ledger.shop',
    });
  }
  return name;
}

/**
 * `--state FILE`, then `ledger.url` (PostgreSQL), then `ledger.path`, then SMSMATCH_LEDGER_URL, then the lowdb
 * defaults of resolveLedgerPath. `localPath` is where the daemon keeps its status file and daemon lock either way.
 */
export function resolveLedgerTarget(flag: string | undefined, loaded: LoadedConfig, env: Env): { target: LedgerTarget; localPath: string } {
  const { ledger } = loaded.config;
  const localPath = resolveLedgerPath(flag, ledger.path, env);
  if (flag) return { target: { kind: 'file', path: flag }, localPath };
  const url = ledger.url ?? (ledger.path ? undefined : env['SMSMATCH_LEDGER_URL']);
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError(`${ledger.url ? 'ledger.url' : 'SMSMATCH_LEDGER_URL'} must be a postgres:// URL`, { hint: 'e.g. postgres://smsmatch:secret@db.example:5432/smsmatch' });
    }
    registerSecret(passwordOf(url));
    return { target: { kind: 'postgres', url, shop: shopNameFor(loaded) }, localPath };
  }
  return { target: { kind: 'file', path: localPath }, localPath };
}

function passwordOf(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}

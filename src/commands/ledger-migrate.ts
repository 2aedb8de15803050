import { SHOP_NAME } from '../adapters/ledger/index.js';
import type { LedgerDigest } from '../adapters/ledger/digest.js';
import { migrateLedger, type MigrateReport } from '../app/ledger/migrate.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { shopNameFor } from '../config/ledger-target.js';
import { resolveLedgerPath } from '../config/paths.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { registerSecret } from '../log/redact.js';

export interface LedgerMigrateOptions {
  to?: string;
  from?: string;
  config?: string;
  shop?: string;
  force?: boolean;
}

/** `smsmatch ledger migrate --to postgres://…`: the lowdb ledger into PostgreSQL, verified, the file kept as a backup. */
export async function runLedgerMigrate(opts: LedgerMigrateOptions, io: Io): Promise<number> {
  const url = checkedUrl(opts.to);
  const loaded = loadConfig(opts.config, io.env);
  const from = resolveLedgerPath(opts.from, loaded.config.ledger.path, io.env);
  const shop = shopName(opts.shop, loaded);
  try {
    const report = await migrateLedger({ from, url: url.href, shop, force: opts.force === true, now: new Date(), ...crashAfterCopy(io) });
    printReport(report, url, io);
    printNext(report, url, loaded, opts.shop !== undefined && opts.shop !== defaultShop(loaded), io);
    return 0;
  } catch (error) {
    // pg's own hint names the config keys; here the credentials came from --to.
    if (error instanceof ConfigError && /PostgreSQL ledger/.test(error.message)) {
      throw new ConfigError(error.message, { cause: error, hint: 'check the user, password and database name in --to; nothing was copied' });
    }
    throw error;
  }
}

/** Test-only fault injection (like reconcile's crashHarness): SIGKILL once the rows are written, before the commit. */
function crashAfterCopy(io: Io): { afterCopy?: () => Promise<void> } {
  if (io.env['SMSMATCH_TEST_CRASH_AT'] !== 'ledger-migrate-copied') return {};
  return { afterCopy: () => Promise.resolve(void process.kill(process.pid, 'SIGKILL')) };
}

function checkedUrl(to: string | undefined): URL {
  const example = 'e.g. --to postgres://smsmatch:SECRET@db.example:5432/smsmatch';
  if (!to) throw new UsageError('ledger migrate needs --to postgres://… (the database to move the ledger into)', { hint: example });
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new UsageError('--to is not a valid URL', { hint: example });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new UsageError(`--to must be a postgres:// URL, not ${url.protocol}//…`, { hint: example });
  if (url.password) registerSecret(decodeURIComponent(url.password));
  return url;
}

function defaultShop(loaded: LoadedConfig): string | null {
  try {
    return shopNameFor(loaded);
  } catch {
    return null;
  }
}

function shopName(flag: string | undefined, loaded: LoadedConfig): string {
  if (flag !== undefined) {
    if (!SHOP_NAME.test(flag)) throw new UsageError(`--shop "${flag}" cannot key a PostgreSQL ledger`, { hint: 'use letters, digits, dots, dashes and underscores only (at most 100)' });
    return flag;
  }
  const name = defaultShop(loaded);
  if (name === null) {
    throw new UsageError('ledger migrate needs the shop\'s name (its rows in PostgreSQL are keyed by it)', {
      hint: 'pass --shop NAME, or --config FILE (the name is ledger.shop, else the file name without .json)',
    });
  }
  return name;
}

/** postgres://user:***@host:port/db: the URL as it goes into the config, never with its password. */
export function shownUrl(url: URL): string {
  const user = url.username ? `${url.username}${url.password ? ':***' : ''}@` : '';
  return `${url.protocol}//${user}${url.host}${url.pathname}${url.search}`;
}

const LABELS: Record<keyof LedgerDigest, string> = { messages: 'messages', payments: 'payments', writes: 'order writes', archive: 'archived payments', meta: 'ledger meta' };

function printReport(r: MigrateReport, url: URL, io: Io): void {
  const n = (v: number): string => v.toLocaleString('en-US');
  writeLine(io.stdout, `copied ${r.from} into ${url.protocol}//${url.host}${url.pathname} as shop ${r.shop}, in one transaction (${(r.ms / 1000).toFixed(1)} s)`);
  if (r.replaced) {
    const e = r.replaced;
    writeLine(io.stdout, `replaced (--force) what shop ${r.shop} had there: ${n(e.payments)} payment(s), ${n(e.messages)} message(s), ${n(e.writes)} order write(s), ${n(e.archive)} archived payment(s)`);
  }
  writeLine(io.stdout, 'verified before committing: every row re-read from PostgreSQL matches the lowdb ledger (count and sha256):');
  for (const part of Object.keys(LABELS) as Array<keyof LedgerDigest>) {
    const d = r.digest[part];
    const from = part === 'archive' ? `  (${r.months} monthly archive file(s))` : '';
    writeLine(io.stdout, `  ${LABELS[part].padEnd(18)} ${n(d.rows).padStart(9)} row(s)  sha256 ${d.sha256.slice(0, 16)}${from}`);
  }
  if (r.tornLines > 0) writeLine(io.stdout, `skipped ${r.tornLines} archive append(s) cut short by an earlier crash (their payments were still in the hot file)`);
  writeLine(io.stdout, `${r.from} and its archive were left untouched: they are now a backup`);
}

function printNext(r: MigrateReport, url: URL, loaded: LoadedConfig, namedShop: boolean, io: Io): void {
  const shop = namedShop ? `, "shop": "${r.shop}"` : '';
  const where = loaded.path ?? 'the shop\'s config file';
  writeLine(io.stdout, `next: set this in ${where}, then restart the daemon:`);
  writeLine(io.stdout, `  "ledger": { "url": "${shownUrl(url)}"${shop} }`);
  if (url.password) writeLine(io.stdout, '  (*** stands for the password given to --to)');
}

import { createRequire } from 'node:module';
import type pg from 'pg';
import { ConfigError, IoError, UnavailableError } from '../../../errors.js';
import { registerSecret } from '../../../log/redact.js';
import { noteUnreachable } from './health.js';

/**
 * One connection pool per database URL per process: a daemon serving 500 shops shares a handful of
 * connections instead of opening one per shop. Pools let the process exit once idle, so one-off commands
 * (`status`, `assign`) end without an explicit close.
 */
const pools = new Map<string, pg.Pool>();

// The `pg` client is loaded on the first pool, not at start: a one-shop daemon on a lowdb ledger never needs it,
// and loading it costs about 8 MB of resident memory (README → Performance).
const load = createRequire(import.meta.url);
let pgLib: typeof pg | undefined;
function pgClient(): typeof pg {
  pgLib ??= load('pg') as typeof pg;
  return pgLib;
}

export function poolSize(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env['SMSMATCH_PG_POOL'] ?? '8');
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 8;
}

export function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    const password = safeUrl(url).password;
    if (password) registerSecret(decodeURIComponent(password));
    pool = new (pgClient().Pool)({
      connectionString: url, max: poolSize(), idleTimeoutMillis: 10_000, connectionTimeoutMillis: 10_000,
      allowExitOnIdle: true, keepAlive: true, application_name: 'smsmatch',
    });
    // An idle client whose server went away (a restart) emits here; the next query reconnects.
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

/**
 * A client of its own, for a transaction. pg-pool takes its error listener off a client while it is checked
 * out, so a server going away between two queries (a restart, a failover) would be an unhandled 'error' event
 * that kills the whole daemon; with this listener it stays a failed query (pg marks the client unusable, the
 * next query on it rejects, and the pool drops it on release).
 */
export async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  const ignore = (): void => undefined;
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (err?: Error | boolean) => {
    client.removeListener('error', ignore);
    release(err);
  };
  return client;
}

export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end().catch(() => undefined)));
}

function safeUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new ConfigError('ledger.url is not a valid URL', { hint: 'use postgres://user:password@host:5432/database' });
  }
}

/** `postgres://host:port/db` without user or password, for messages. */
export function describeUrl(url: string): string {
  const u = safeUrl(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

/**
 * A pg failure as one of ours: an unreachable or restarting server is transient (the daemon backs off and the
 * open intents are settled from the shop's truth later), bad credentials or a missing database are config.
 */
export function pgError(action: string, url: string, error: unknown): Error {
  if (error instanceof Error && 'exitCode' in error) return error;
  const e = error as { code?: string; message?: string };
  const where = describeUrl(url);
  const message = `cannot ${action} in the PostgreSQL ledger ${where}: ${e.message ?? String(error)}`;
  const code = e.code ?? '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300' || /terminat|timeout|Connection/i.test(e.message ?? '')) {
    noteUnreachable(where, e.message ?? String(error));
    return new UnavailableError(message, { cause: error, hint: 'check that PostgreSQL is running and reachable; smsmatch retries and nothing is lost' });
  }
  if (code === '28P01' || code === '28000' || code === '3D000') {
    return new ConfigError(message, { cause: error, hint: 'check the user, password and database name in ledger.url / SMSMATCH_LEDGER_URL' });
  }
  return new IoError(message, { cause: error, hint: 'check the PostgreSQL server log; the ledger was left as it was before this step' });
}

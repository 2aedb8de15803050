import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { PgLedgerStore, type LedgerData } from '../../src/adapters/ledger/index.js';
import { failInCi, postgresService, readPgEnv, type PgEnv } from './services.js';

/**
 * The PostgreSQL the suites use, checked once per file: on a machine without it the PostgreSQL suites skip with
 * one line (the global setup prints it), with CI set they fail. A placeholder suite keeps the file valid.
 */
export async function pgAvailable(): Promise<PgEnv | null> {
  const reason = await postgresService.missing();
  if (reason !== undefined) {
    failInCi(postgresService, reason);
    return null;
  }
  return readPgEnv();
}

export function describePg(env: PgEnv | null, title: string, body: (env: PgEnv) => void): void {
  if (!env) {
    describe.skip(title, () => {
      it.skip(`needs PostgreSQL: ${postgresService.howTo}`, () => undefined);
    });
    return;
  }
  describe(title, () => body(env));
}

/** A shop name no other test uses, so suites share one database without cleaning it between tests. */
export function freshShop(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** A direct client for assertions and for acting as "another process" (stealing a lease). */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(env: PgEnv, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: env.url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A shop's PostgreSQL ledger as plain data (hot rows only), for the exactly-once proof. */
export async function readPgLedger(url: string, shop: string): Promise<LedgerData> {
  const store = await PgLedgerStore.open(url, shop, { readOnly: true, command: 'test', now: new Date() });
  return (await store.load(new Date())).data;
}

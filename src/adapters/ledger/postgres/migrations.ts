import type pg from 'pg';
import { DataError } from '../../../errors.js';
import { checkout } from './pool.js';

/**
 * The PostgreSQL ledger's schema, one numbered step at a time; each runs once, in its own transaction, under
 * an advisory lock so two daemons starting together never both run it. Records are stored as JSON text (not
 * jsonb): an SMS may contain `\u0000`, which jsonb refuses, and text gives back exactly what was written.
 */
export const PG_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'ledger tables keyed by shop',
    sql: `
      CREATE TABLE smsmatch_shops (
        shop text PRIMARY KEY,
        created_at text NOT NULL,
        meta text NOT NULL,
        version bigint NOT NULL DEFAULT 0,
        archive_version bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE smsmatch_messages (shop text NOT NULL, id text NOT NULL, body text NOT NULL, PRIMARY KEY (shop, id));
      CREATE TABLE smsmatch_payments (shop text NOT NULL, key text NOT NULL, body text NOT NULL, PRIMARY KEY (shop, key));
      CREATE TABLE smsmatch_writes (shop text NOT NULL, id text NOT NULL, body text NOT NULL, PRIMARY KEY (shop, id));
      CREATE TABLE smsmatch_archive (
        shop text NOT NULL,
        key text NOT NULL,
        created_at text NOT NULL,
        month text NOT NULL,
        state text NOT NULL,
        order_id bigint,
        message_ids text[] NOT NULL,
        archived_at text NOT NULL,
        seq bigserial,
        line text NOT NULL,
        PRIMARY KEY (shop, key, created_at)
      );
      CREATE TABLE smsmatch_leases (
        shop text PRIMARY KEY,
        token bigint NOT NULL,
        holder text,
        expires_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'daemons and shop ownership',
    sql: `
      CREATE TABLE smsmatch_daemons (id text PRIMARY KEY, info text NOT NULL, seen_at timestamptz NOT NULL);
      CREATE TABLE smsmatch_owners (shop text PRIMARY KEY, daemon text NOT NULL, expires_at timestamptz NOT NULL);
      CREATE INDEX smsmatch_owners_daemon ON smsmatch_owners (daemon);
    `,
  },
];

const LOCK_KEY = 0x736d736d; // "smsm": serialises migrations across processes

const ready = new WeakMap<pg.Pool, Promise<void>>();

/** Brings the database up to the newest schema once per pool; a database newer than this smsmatch is refused. */
export function ensureSchema(pool: pg.Pool, where: string): Promise<void> {
  let done = ready.get(pool);
  if (!done) {
    done = migrate(pool, where);
    ready.set(pool, done);
    done.catch(() => ready.delete(pool));
  }
  return done;
}

async function migrate(pool: pg.Pool, where: string): Promise<void> {
  const client = await checkout(pool);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS smsmatch_schema (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM smsmatch_schema');
    const current = rows[0]?.v ?? 0;
    const newest = PG_MIGRATIONS.at(-1)?.version ?? 0;
    if (current > newest) {
      throw new DataError(`the PostgreSQL ledger ${where} has schema version ${current}, newer than this smsmatch understands (${newest})`, {
        hint: 'upgrade smsmatch on this machine; the database was left untouched',
      });
    }
    for (const step of PG_MIGRATIONS) {
      if (step.version <= current) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO smsmatch_schema (version, name) VALUES ($1, $2)', [step.version, step.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

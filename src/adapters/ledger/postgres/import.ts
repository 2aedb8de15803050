import type pg from 'pg';
import { BusyError, UsageError } from '../../../errors.js';
import type { ArchiveLine } from '../archive.js';
import { archiveIndexFields, archiveRow, digestRows, type LedgerDigest, type PartDigest } from '../digest.js';
import type { LedgerData } from '../types.js';
import { acquireLease } from './lease.js';
import { ensureSchema } from './migrations.js';
import { checkout, describeUrl, pgError, poolFor } from './pool.js';
import { KEY_COLUMN, metaOf, SECTIONS, TABLES } from './rows.js';

/** Rows per INSERT: big enough that 100,000 payments are a few dozen statements, small enough for one message. */
const BATCH = 2_000;

export interface ImportInput {
  url: string;
  shop: string;
  data: LedgerData;
  /** Archived payments with the exact text of each line. */
  archive: ReadonlyArray<{ line: ArchiveLine; text: string }>;
  /** Replace the shop's rows when it already has a ledger in the database. */
  force: boolean;
  command: string;
  now: Date;
  /** Compares what was re-read inside the transaction with the source; throwing rolls everything back. */
  verify: (read: LedgerDigest) => void;
  /** Test seam: runs after the rows are written and before they are re-read, on the same transaction. */
  afterCopy?: (client: pg.PoolClient) => Promise<void>;
}

export interface ExistingRows {
  messages: number;
  payments: number;
  writes: number;
  archive: number;
}

export interface ImportResult {
  /** What the shop had before, when `force` replaced it. */
  replaced: ExistingRows | null;
  read: LedgerDigest;
}

/**
 * One shop's whole ledger into PostgreSQL in ONE transaction: the shop's lease is taken first (a daemon holding
 * it refuses the import), then inside the transaction the lease is fenced, a shop served by a live daemon or
 * already holding rows is refused (unless `force`), the rows are written, re-read and verified, and only then
 * committed. A crash or a failed check at any point leaves the database without this copy.
 */
export async function importShop(input: ImportInput): Promise<ImportResult> {
  const { url, shop } = input;
  const pool = poolFor(url);
  try {
    await ensureSchema(pool, describeUrl(url));
  } catch (error) {
    throw pgError('prepare the schema', url, error);
  }
  const lease = await acquireLease(pool, url, shop, input.command, input.now).catch((error: unknown) => {
    if (!(error instanceof BusyError)) throw error;
    throw new BusyError(`cannot migrate while the ledger is in use: ${error.message}`, {
      cause: error, hint: `stop the daemon serving shop ${shop} first (a stopped or dead holder's lease ends within 20 s); nothing was copied`,
    });
  });
  try {
    let client: pg.PoolClient;
    try {
      client = await checkout(pool);
    } catch (error) {
      throw pgError('connect', url, error);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      await lease.fence(client);
      await refuseServedShop(client, shop);
      const existing = await existingRows(client, shop);
      if (existing && !input.force) throw alreadyThere(shop, existing);
      if (existing) for (const t of [...Object.values(TABLES), 'smsmatch_archive']) await client.query(`DELETE FROM ${t} WHERE shop = $1`, [shop]);
      await writeRows(client, shop, input.data, input.archive);
      await input.afterCopy?.(client);
      const read = await readDigest(client, shop);
      input.verify(read);
      await client.query('COMMIT');
      return { replaced: existing, read };
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError(`copy the ledger of shop ${shop}`, url, error);
    } finally {
      client.release(broken);
    }
  } finally {
    await lease.release();
  }
}

async function refuseServedShop(client: pg.PoolClient, shop: string): Promise<void> {
  const r = await client.query<{ daemon: string }>('SELECT daemon FROM smsmatch_owners WHERE shop = $1 AND expires_at > now()', [shop]);
  const owner = r.rows[0]?.daemon;
  if (owner === undefined) return;
  throw new BusyError(`cannot migrate while the ledger is in use: shop ${shop} is served from PostgreSQL by the daemon ${owner}`, {
    hint: 'stop that daemon (or remove the shop from its --shops directory and reload it) before migrating; nothing was copied',
  });
}

async function existingRows(client: pg.PoolClient, shop: string): Promise<ExistingRows | null> {
  const r = await client.query<{ shops: string; messages: string; payments: string; writes: string; archive: string }>(
    `SELECT (SELECT count(*) FROM smsmatch_shops WHERE shop = $1) AS shops, (SELECT count(*) FROM smsmatch_messages WHERE shop = $1) AS messages,
            (SELECT count(*) FROM smsmatch_payments WHERE shop = $1) AS payments, (SELECT count(*) FROM smsmatch_writes WHERE shop = $1) AS writes,
            (SELECT count(*) FROM smsmatch_archive WHERE shop = $1) AS archive`,
    [shop],
  );
  const row = r.rows[0]!;
  const counts = { messages: Number(row.messages), payments: Number(row.payments), writes: Number(row.writes), archive: Number(row.archive) };
  return Number(row.shops) > 0 || Object.values(counts).some((n) => n > 0) ? counts : null;
}

/** A usage error: the fix is on the command line (--force, or another --shop). */
function alreadyThere(shop: string, e: ExistingRows): UsageError {
  return new UsageError(`shop ${shop} already has a ledger in PostgreSQL (${e.payments} payment(s), ${e.messages} message(s), ${e.writes} order write(s), ${e.archive} archived payment(s)); nothing was copied`, {
    hint: 'pass --force to replace it with this lowdb ledger (its PostgreSQL rows are deleted), or pick another --shop NAME',
  });
}

async function writeRows(client: pg.PoolClient, shop: string, data: LedgerData, archive: ImportInput['archive']): Promise<void> {
  // A replaced shop's version moves on, so a daemon's cache never mistakes the new rows for what it kept.
  await client.query(
    `INSERT INTO smsmatch_shops (shop, created_at, meta, version, archive_version) VALUES ($1, now()::text, $2, 1, 1)
     ON CONFLICT (shop) DO UPDATE SET meta = EXCLUDED.meta, version = smsmatch_shops.version + 1, archive_version = smsmatch_shops.archive_version + 1`,
    [shop, JSON.stringify(metaOf(data))],
  );
  for (const section of SECTIONS) {
    const entries = Object.entries(data[section]);
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO ${TABLES[section]} (shop, ${KEY_COLUMN[section]}, body) SELECT $1, k, b FROM unnest($2::text[], $3::text[]) AS t(k, b)`,
        [shop, batch.map(([k]) => k), batch.map(([, v]) => JSON.stringify(v))],
      );
    }
  }
  // Archive lines go as two newline-separated texts (JSON never holds a raw newline): no array escaping of
  // 100,000 JSON texts on either side, three times faster than text[] parameters.
  for (let i = 0; i < archive.length; i += BATCH) {
    const batch = archive.slice(i, i + BATCH);
    await client.query(
      `INSERT INTO smsmatch_archive (shop, key, created_at, month, state, order_id, message_ids, archived_at, line)
       SELECT $1, j->>0, j->>1, j->>2, j->>3, (j->>4)::bigint, ARRAY(SELECT json_array_elements_text(j->5)), j->>6, l
       FROM unnest(string_to_array($2, E'\\n'), string_to_array($3, E'\\n')) AS t(f, l), LATERAL (SELECT f::json AS j) AS parsed`,
      [shop, batch.map((a) => JSON.stringify(archiveIndexFields(a.line))).join('\n'), batch.map((a) => a.text).join('\n')],
    );
  }
}

/** Every row of the shop as the database now holds it, each text hashed where it lies, as counts and canonical hashes. */
async function readDigest(client: pg.PoolClient, shop: string): Promise<LedgerDigest> {
  const hashed = (column: string): string => `encode(sha256(convert_to(${column}, 'UTF8')), 'hex')`;
  const part = async (section: (typeof SECTIONS)[number]): Promise<PartDigest> => {
    const r = await client.query<{ k: string; h: string }>(`SELECT ${KEY_COLUMN[section]} AS k, ${hashed('body')} AS h FROM ${TABLES[section]} WHERE shop = $1`, [shop]);
    return digestRows(r.rows.map((row) => [row.k, row.h]));
  };
  const meta = await client.query<{ h: string }>(`SELECT ${hashed('meta')} AS h FROM smsmatch_shops WHERE shop = $1`, [shop]);
  const a = await client.query<{ key: string; created_at: string; month: string; state: string; order_id: string | null; message_ids: string[]; archived_at: string; h: string }>(
    `SELECT key, created_at, month, state, order_id, message_ids, archived_at, ${hashed('line')} AS h FROM smsmatch_archive WHERE shop = $1`, [shop],
  );
  return {
    messages: await part('messages'), payments: await part('payments'), writes: await part('writes'),
    archive: digestRows(a.rows.map((r) => archiveRow([r.key, r.created_at, r.month, r.state, r.order_id === null ? null : Number(r.order_id), r.message_ids, r.archived_at], r.h))),
    meta: digestRows(meta.rows.map((r) => ['meta', r.h])),
  };
}

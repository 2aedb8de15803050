import type pg from 'pg';
import { DataError } from '../../../errors.js';
import { addEntry, type ArchiveIndex, type ArchiveLine, type IndexEntry } from '../archive.js';
import { decisionForState } from '../payments.js';
import { migrateLedgerData } from '../schema.js';
import type { LedgerStore } from '../store.js';
import { emptyLedgerData, type LedgerData, type PaymentState } from '../types.js';
import { acquireLease, type Lease } from './lease.js';
import { ensureSchema } from './migrations.js';
import { checkout, describeUrl, pgError, poolFor } from './pool.js';
import { diff, emptySnapshot, isEmpty, KEY_COLUMN, SECTIONS, TABLES, type Changes, type Snapshot } from './rows.js';

export const SHOP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface PgStoreOptions {
  readOnly: boolean;
  command: string;
  now: Date;
}

/**
 * The ledger of one shop in PostgreSQL: one row per message, payment and order write (keyed by shop), one meta
 * row per shop with a version bumped by every save (the daemon's cache stamp), and the archive as rows too.
 * A save writes only the rows that changed, in one transaction that first checks the lease's fencing token.
 */
export class PgLedgerStore implements LedgerStore {
  readonly location: string;
  readonly writable: boolean;
  readonly counters = { writes: 0, bytesWritten: 0 };
  #snapshot: Snapshot = emptySnapshot();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    readonly shop: string,
    private readonly lease: Lease | null,
  ) {
    this.location = `${describeUrl(url)}#${shop}`;
    this.writable = lease !== null;
  }

  static async open(url: string, shop: string, opts: PgStoreOptions): Promise<PgLedgerStore> {
    if (!SHOP_NAME.test(shop)) {
      throw new DataError(`"${shop}" is not a usable shop name for the PostgreSQL ledger`, { hint: 'use letters, digits, dots, dashes and underscores (at most 100), e.g. the config file name' });
    }
    const pool = poolFor(url);
    try {
      await ensureSchema(pool, describeUrl(url));
    } catch (error) {
      throw pgError('prepare the schema', url, error);
    }
    const lease = opts.readOnly ? null : await acquireLease(pool, url, shop, opts.command, opts.now);
    return new PgLedgerStore(pool, url, shop, lease);
  }

  get lockWarning(): string | null {
    return this.lease?.warning ?? null;
  }

  async load(now: Date): Promise<{ data: LedgerData; dirty: boolean }> {
    const client = await this.#connect('read');
    try {
      // One snapshot for all four reads: a concurrent save never shows half here.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const meta = await client.query<{ meta: string }>('SELECT meta FROM smsmatch_shops WHERE shop = $1', [this.shop]);
      const row = meta.rows[0];
      if (!row) {
        await client.query('COMMIT');
        this.#snapshot = emptySnapshot();
        return { data: emptyLedgerData(now.toISOString()), dirty: true };
      }
      const snapshot = emptySnapshot();
      const assembled: Record<string, unknown> = this.#parse(row.meta, 'meta');
      for (const section of SECTIONS) {
        const rows = await client.query<{ k: string; body: string }>(`SELECT ${KEY_COLUMN[section]} AS k, body FROM ${TABLES[section]} WHERE shop = $1`, [this.shop]);
        const records: Record<string, unknown> = {};
        for (const r of rows.rows) {
          Object.defineProperty(records, r.k, { value: this.#parse(r.body, `${section}.${r.k}`), enumerable: true, writable: true, configurable: true });
          snapshot.records[section].set(r.k, r.body);
        }
        assembled[section] = records;
      }
      await client.query('COMMIT');
      const { data } = migrateLedgerData(this.location, assembled);
      snapshot.meta = row.meta;
      this.#snapshot = snapshot;
      return { data, dirty: false };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError('read the ledger', this.url, error);
    } finally {
      client.release();
    }
  }

  #parse(text: string, where: string): Record<string, unknown> {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new DataError(`the PostgreSQL ledger ${this.location} holds invalid JSON at ${where}`, { hint: 'restore the row from a backup; nothing was changed' });
    }
  }

  /** Data kept by the daemon's cache equals the stored rows (same version stamp): diff later saves against it. */
  adopt(data: LedgerData): void {
    this.#snapshot = diff(data, emptySnapshot()).next;
  }

  async loadIndex(): Promise<ArchiveIndex> {
    const index: ArchiveIndex = { codes: new Map(), messageIds: new Set(), confirmedOrders: new Set() };
    const r = await this.pool.query<{ key: string; state: string; order_id: string | null; month: string; message_ids: string[] }>(
      'SELECT key, state, order_id, month, message_ids FROM smsmatch_archive WHERE shop = $1 ORDER BY archived_at, seq', [this.shop],
    ).catch((error: unknown) => { throw pgError('read the archive index', this.url, error); });
    for (const row of r.rows) {
      const state = row.state as PaymentState;
      addEntry(index, {
        key: row.key, state, orderId: row.order_id === null ? null : Number(row.order_id), month: row.month,
        messageId: row.message_ids[0] ?? '', messageIds: row.message_ids, decision: decisionForState(state),
      });
    }
    return index;
  }

  save(data: LedgerData): Promise<void> {
    const changes = diff(data, this.#snapshot);
    if (isEmpty(changes)) return Promise.resolve();
    return this.#commit(changes);
  }

  async #commit(changes: Changes): Promise<void> {
    await this.#transaction('save', async (client) => {
      const meta = changes.meta ?? changes.next.meta!;
      await client.query(
        `INSERT INTO smsmatch_shops (shop, created_at, meta, version) VALUES ($1, now()::text, $2, 1)
         ON CONFLICT (shop) DO UPDATE SET meta = EXCLUDED.meta, version = smsmatch_shops.version + 1`,
        [this.shop, meta],
      );
      for (const section of SECTIONS) {
        const { keys, bodies } = changes.upserts[section];
        const col = KEY_COLUMN[section];
        if (keys.length > 0) {
          await client.query(
            `INSERT INTO ${TABLES[section]} (shop, ${col}, body) SELECT $1, k, b FROM unnest($2::text[], $3::text[]) AS t(k, b)
             ON CONFLICT (shop, ${col}) DO UPDATE SET body = EXCLUDED.body`,
            [this.shop, keys, bodies],
          );
        }
        const gone = changes.deletes[section];
        if (gone.length > 0) await client.query(`DELETE FROM ${TABLES[section]} WHERE shop = $1 AND ${col} = ANY($2::text[])`, [this.shop, gone]);
      }
    });
    this.#snapshot = changes.next;
    this.counters.writes += 1;
    this.counters.bytesWritten += changes.bytes;
  }

  async #connect(action: string): Promise<pg.PoolClient> {
    try {
      return await checkout(this.pool);
    } catch (error) {
      throw pgError(action, this.url, error);
    }
  }

  /** BEGIN, the lease's fence, `fn`, COMMIT; any failure rolls back and leaves the stored ledger as it was. */
  async #transaction(action: string, fn: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    if (!this.lease) throw new DataError(`the ledger ${this.location} was opened read-only`);
    const client = await this.#connect(action);
    let broken = false;
    try {
      await client.query('BEGIN');
      await this.lease.fence(client);
      await fn(client);
      await client.query('COMMIT');
    } catch (error) {
      broken = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError(action, this.url, error);
    } finally {
      // A client that failed mid-transaction may be dead (a server restart): never hand it out again.
      client.release(broken);
    }
  }

  async appendArchive(lines: ArchiveLine[], index: ArchiveIndex): Promise<void> {
    if (lines.length === 0) return;
    const entries = lines.map((l): IndexEntry => ({
      key: l.payment.key, state: l.payment.state, orderId: l.payment.orderId, month: l.month,
      messageId: l.payment.messageId, messageIds: [l.payment.messageId, ...l.payment.messageIds.filter((id) => id !== l.payment.messageId)],
      decision: decisionForState(l.payment.state),
    }));
    const texts = lines.map((l) => JSON.stringify(l));
    await this.#transaction('archive settled payments', async (client) => {
      await insertArchive(client, this.shop, lines, texts);
      await client.query('UPDATE smsmatch_shops SET archive_version = archive_version + 1 WHERE shop = $1', [this.shop]);
    });
    for (const e of entries) addEntry(index, e);
  }

  async findArchived(_index: ArchiveIndex, key: string): Promise<ArchiveLine | null> {
    const r = await this.pool.query<{ line: string }>(
      'SELECT line FROM smsmatch_archive WHERE shop = $1 AND key = $2 ORDER BY archived_at DESC, seq DESC LIMIT 1', [this.shop, key],
    ).catch((error: unknown) => { throw pgError('read the archive', this.url, error); });
    const text = r.rows[0]?.line;
    return text ? (this.#parse(text, `archive.${key}`) as unknown as ArchiveLine) : null;
  }

  async stamps(): Promise<{ hot: string | null; index: string | null }> {
    const r = await this.pool.query<{ version: string; archive_version: string }>('SELECT version, archive_version FROM smsmatch_shops WHERE shop = $1', [this.shop])
      .catch((error: unknown) => { throw pgError('read the ledger version', this.url, error); });
    const row = r.rows[0];
    return row ? { hot: `v${row.version}`, index: `a${row.archive_version}` } : { hot: null, index: null };
  }

  warnings(): Promise<string[]> {
    return Promise.resolve([]);
  }

  async release(): Promise<void> {
    await this.lease?.release();
  }
}

/** Archive rows, the last copy of a payment winning (a crash between archive and hot save repeats lines). */
export async function insertArchive(client: pg.PoolClient | pg.Pool, shop: string, lines: readonly ArchiveLine[], texts: readonly string[]): Promise<void> {
  await client.query(
    `INSERT INTO smsmatch_archive (shop, key, created_at, month, state, order_id, message_ids, archived_at, line)
     SELECT $1, k, c, m, s, o, ARRAY(SELECT json_array_elements_text(ids::json)), a, l
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[]) AS t(k, c, m, s, o, ids, a, l)
     ON CONFLICT (shop, key, created_at) DO UPDATE SET month = EXCLUDED.month, state = EXCLUDED.state, order_id = EXCLUDED.order_id,
       message_ids = EXCLUDED.message_ids, archived_at = EXCLUDED.archived_at, line = EXCLUDED.line`,
    [
      shop,
      lines.map((l) => l.payment.key),
      lines.map((l) => l.payment.createdAt),
      lines.map((l) => l.month),
      lines.map((l) => l.payment.state),
      lines.map((l) => l.payment.orderId),
      lines.map((l) => JSON.stringify([l.payment.messageId, ...l.payment.messageIds.filter((id) => id !== l.payment.messageId)])),
      lines.map((l) => l.archivedAt),
      texts,
    ],
  );
}

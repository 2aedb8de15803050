import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { poolFor } from '../../adapters/ledger/index.js';
import { ensureSchema } from '../../adapters/ledger/postgres/migrations.js';
import { noteReachable } from '../../adapters/ledger/postgres/health.js';
import { describeUrl, pgError } from '../../adapters/ledger/postgres/pool.js';
import type { Logger } from '../../log/logger.js';
import type { ShopRunner } from './runner.js';
import type { ShopOwnership } from './supervisor.js';

/** A daemon's claim on a shop lasts this long unless renewed; a killed daemon's shops are free after it. */
export const OWNER_TTL_MS = 20_000;
export const HEARTBEAT_MS = 5_000;

export interface OwnershipOptions {
  url: string;
  log: Logger;
  /** Shop runners that are mid-pass are never handed over (the ledger lease would refuse anyway). */
  isBusy: (runner: ShopRunner) => boolean;
  /** Called for each shop newly claimed, so a taken-over shop gets its pass now, not at its next cron time. */
  onClaimed: (runner: ShopRunner) => void;
  ttlMs?: number;
  heartbeatMs?: number;
}

/**
 * Splits the PostgreSQL-ledger shops of one `--shops DIR` between the daemons sharing the database: every
 * heartbeat a daemon renews its claims, counts the live daemons, gives back what exceeds its fair share (only
 * shops not mid-pass) and claims free or expired shops up to it. Ownership decides who *tries*; the ledger
 * lease with its fencing token (lease.ts) is what guarantees one writer per shop, even if two daemons disagree.
 */
export class PgOwnership implements ShopOwnership {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #pool: pg.Pool;
  readonly #owned = new Map<string, number>(); // shop → local time the claim runs out
  #timer: NodeJS.Timeout | null = null;
  #shops: () => ShopRunner[] = () => [];
  #beat: Promise<void> = Promise.resolve();
  #failing: string | null = null;
  readonly #ttl: number;
  readonly #every: number;

  constructor(private readonly o: OwnershipOptions) {
    this.#pool = poolFor(o.url);
    this.#ttl = o.ttlMs ?? OWNER_TTL_MS;
    this.#every = o.heartbeatMs ?? HEARTBEAT_MS;
  }

  async start(shops: () => ShopRunner[]): Promise<void> {
    this.#shops = shops;
    await ensureSchema(this.#pool, describeUrl(this.o.url));
    await this.heartbeat();
    this.#timer = setInterval(() => void this.heartbeat(), this.#every);
  }

  get owned(): string[] {
    return [...this.#owned.keys()].sort();
  }

  owns(runner: ShopRunner): boolean {
    const until = this.#owned.get(runner.name);
    // Keep a margin: a claim we could not renew (database unreachable) stops counting before it expires there.
    return until !== undefined && until - Date.now() > this.#every;
  }

  /** One round: runs serially, so a slow database never stacks heartbeats. */
  heartbeat(): Promise<void> {
    this.#beat = this.#beat.then(() => this.#round()).catch((error: unknown) => {
      const message = pgError('renew the shop ownership', this.o.url, error).message;
      if (this.#failing !== message) this.o.log.warn(`shop ownership heartbeat failed: ${message}; retrying`);
      this.#failing = message;
    });
    return this.#beat;
  }

  async #round(): Promise<void> {
    const runners = this.#shops().filter((r) => r.target?.kind === 'postgres' && !r.problem);
    const byName = new Map(runners.map((r) => [r.name, r]));
    const ttl = this.#ttl;
    const started = Date.now();
    await this.#pool.query(
      `INSERT INTO smsmatch_daemons (id, info, seen_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO UPDATE SET seen_at = now()`,
      [this.id, JSON.stringify({ pid: process.pid, hostname: hostname() })],
    );
    const renewed = await this.#pool.query<{ shop: string }>(
      `UPDATE smsmatch_owners SET expires_at = now() + $2 * interval '1 millisecond' WHERE daemon = $1 RETURNING shop`, [this.id, ttl],
    );
    const mine = new Set(renewed.rows.map((r) => r.shop));
    const live = await this.#pool.query<{ n: string }>(`SELECT count(*) AS n FROM smsmatch_daemons WHERE seen_at > now() - $1 * interval '1 millisecond'`, [ttl]);
    const daemons = Math.max(1, Number(live.rows[0]?.n ?? 1));
    const fair = Math.ceil(byName.size / daemons);

    // Give back what is above the fair share (or no longer configured here), never a shop mid-pass.
    const surplus = [...mine].filter((s) => !byName.has(s))
      .concat([...mine].filter((s) => byName.has(s) && !this.o.isBusy(byName.get(s)!)).slice(0, Math.max(0, mine.size - fair)));
    if (surplus.length > 0) {
      await this.#pool.query('DELETE FROM smsmatch_owners WHERE daemon = $1 AND shop = ANY($2::text[])', [this.id, surplus]);
      for (const s of surplus) mine.delete(s);
    }

    const claimed: string[] = [];
    const want = fair - mine.size;
    if (want > 0) {
      const taken = await this.#pool.query<{ shop: string }>(
        `SELECT shop FROM smsmatch_owners WHERE shop = ANY($1::text[]) AND expires_at > now()`, [[...byName.keys()]],
      );
      const busy = new Set(taken.rows.map((r) => r.shop));
      const free = [...byName.keys()].filter((s) => !mine.has(s) && !busy.has(s)).slice(0, want);
      if (free.length > 0) {
        const got = await this.#pool.query<{ shop: string }>(
          `INSERT INTO smsmatch_owners (shop, daemon, expires_at) SELECT s, $2, now() + $3 * interval '1 millisecond' FROM unnest($1::text[]) AS s
           ON CONFLICT (shop) DO UPDATE SET daemon = EXCLUDED.daemon, expires_at = EXCLUDED.expires_at WHERE smsmatch_owners.expires_at <= now()
           RETURNING shop`,
          [free, this.id, ttl],
        );
        for (const r of got.rows) {
          mine.add(r.shop);
          claimed.push(r.shop);
        }
      }
    }
    const until = started + ttl;
    this.#owned.clear();
    for (const s of mine) this.#owned.set(s, until);
    this.#failing = null;
    noteReachable(describeUrl(this.o.url));
    if (claimed.length > 0) this.o.log.info(`serving ${claimed.length} more shop(s)`, { daemon: this.id, shops: claimed.slice(0, 20).join(',') });
    for (const s of claimed) this.o.onClaimed(byName.get(s)!);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#beat;
    // A clean stop hands its shops over at once instead of after the TTL.
    await this.#pool.query('DELETE FROM smsmatch_owners WHERE daemon = $1', [this.id]).catch(() => undefined);
    await this.#pool.query('DELETE FROM smsmatch_daemons WHERE id = $1', [this.id]).catch(() => undefined);
    this.#owned.clear();
  }
}

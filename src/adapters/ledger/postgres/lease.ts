import { hostname } from 'node:os';
import type pg from 'pg';
import { BusyError } from '../../../errors.js';
import { noteReachable } from './health.js';
import { describeUrl, pgError } from './pool.js';

/**
 * A shop's ledger lease: the PostgreSQL counterpart of `<ledger>.lock`, held while a ledger is open for writing.
 * Each grant bumps a fencing token; every save checks, inside its own transaction, that the token is still ours
 * and has at least FENCE_MARGIN_MS left. A holder that stalls past its expiry (a frozen VM, a lost network) and
 * is taken over therefore fails its next save, and since every order write is preceded by a saved intent, it
 * never writes to the shop again. A dead holder's lease simply expires (TTL), so nothing needs cleaning up.
 */
export const LEASE_TTL_MS = 20_000;
export const RENEW_EVERY_MS = 5_000;
export const FENCE_MARGIN_MS = 5_000;

export interface LeaseHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

/** The lease is gone: another process holds the shop now. Exit 75 like any busy ledger. */
export class LeaseLostError extends BusyError {}

export class Lease {
  readonly token: number;
  readonly warning: string | null;
  #lost: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #released = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly shop: string,
    token: number,
    warning: string | null,
  ) {
    this.token = token;
    this.warning = warning;
    this.#timer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.#timer.unref();
  }

  get lost(): string | null {
    return this.#lost;
  }

  /** Extends the lease; false (and the lease is marked lost) when the token is no longer ours. */
  async renew(): Promise<boolean> {
    if (this.#released || this.#lost) return false;
    try {
      const r = await this.pool.query(
        `UPDATE smsmatch_leases SET expires_at = now() + $3 * interval '1 millisecond' WHERE shop = $1 AND token = $2`,
        [this.shop, this.token, LEASE_TTL_MS],
      );
      if (r.rowCount === 0) this.markLost('another process took the lease over');
      return r.rowCount === 1;
    } catch {
      // The database is unreachable: the fence in the next save decides; a renewal is retried next interval.
      return false;
    }
  }

  markLost(why: string): void {
    this.#lost ??= why;
    if (this.#timer) clearInterval(this.#timer);
  }

  lostError(): LeaseLostError {
    return new LeaseLostError(`lost the ledger lease on shop ${this.shop} (${this.#lost ?? 'expired'}); this process stopped writing to it`, {
      hint: 'another smsmatch took the shop over; nothing is lost, the holder settles open writes from the shop itself',
    });
  }

  /** Inside a save's transaction: the row stays locked until commit, so a take-over waits for the save to end. */
  async fence(client: pg.PoolClient): Promise<void> {
    if (this.#lost) throw this.lostError();
    const r = await client.query(
      `SELECT 1 FROM smsmatch_leases WHERE shop = $1 AND token = $2 AND expires_at > now() + $3 * interval '1 millisecond' FOR UPDATE`,
      [this.shop, this.token, FENCE_MARGIN_MS],
    );
    if (r.rowCount !== 1) {
      this.markLost('its lease expired or was taken over');
      throw this.lostError();
    }
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.pool.query(`UPDATE smsmatch_leases SET expires_at = now(), holder = NULL WHERE shop = $1 AND token = $2`, [this.shop, this.token])
      .catch(() => undefined); // unreachable: the lease expires by itself
  }
}

/**
 * Takes the shop's lease when it is free or expired; a live holder gives BusyError (exit 75) naming it.
 */
export async function acquireLease(pool: pg.Pool, url: string, shop: string, command: string, now: Date): Promise<Lease> {
  const holder: LeaseHolder = { pid: process.pid, hostname: hostname(), startedAt: now.toISOString(), command };
  let rows: { token: string; prev: string | null }[];
  try {
    ({ rows } = await pool.query<{ token: string; prev: string | null }>(
      `WITH prev AS (SELECT holder FROM smsmatch_leases WHERE shop = $1)
       INSERT INTO smsmatch_leases (shop, token, holder, expires_at) VALUES ($1, 1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (shop) DO UPDATE SET token = smsmatch_leases.token + 1, holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE smsmatch_leases.expires_at <= now()
       RETURNING token, (SELECT holder FROM prev) AS prev`,
      [shop, JSON.stringify(holder), LEASE_TTL_MS],
    ));
  } catch (error) {
    throw pgError(`take the lease of shop ${shop}`, url, error);
  }
  noteReachable(describeUrl(url));
  const row = rows[0];
  if (!row) throw await busy(pool, url, shop);
  const prev = parseHolder(row.prev);
  const warning = prev ? `took over the ledger lease of shop ${shop} left by pid ${prev.pid} on ${prev.hostname} (${prev.command}, started ${prev.startedAt})` : null;
  return new Lease(pool, shop, Number(row.token), warning);
}

function parseHolder(text: string | null): LeaseHolder | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as LeaseHolder;
  } catch {
    return null;
  }
}

async function busy(pool: pg.Pool, url: string, shop: string): Promise<BusyError> {
  const r = await pool.query<{ holder: string | null; expires_at: Date }>('SELECT holder, expires_at FROM smsmatch_leases WHERE shop = $1', [shop])
    .catch((error: unknown) => { throw pgError(`read the lease of shop ${shop}`, url, error); });
  const h = parseHolder(r.rows[0]?.holder ?? null);
  const until = r.rows[0]?.expires_at.toISOString() ?? '?';
  const who = h ? `pid ${h.pid} on ${h.hostname} (${h.command}) since ${h.startedAt}` : 'another process';
  return new BusyError(`ledger of shop ${shop} is busy: ${who} holds its lease (renewed until ${until})`, {
    hint: 'wait for it to finish; cron can simply retry. A holder that died loses the lease within 20 s',
  });
}

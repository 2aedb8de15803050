import { poolFor } from '../adapters/ledger/index.js';
import { scanShops } from '../app/shops/dir.js';
import { loadConfig } from '../config/load.js';
import { shopLedger } from '../config/shop-paths.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { colours } from '../log/terminal.js';
import { statusReport, type StatusReport } from './status.js';

export interface ShopStatusRow {
  shop: string;
  config: string;
  /** Why the shop cannot be served or read (a bad config, an unreachable ledger). */
  problem: string | null;
  /** PostgreSQL shops: the daemon serving it now (host:pid:id), null when none does. */
  servedBy: string | null;
  status: StatusReport | null;
}

/**
 * `status --shops DIR`: one line per shop (or `--json`), read-only, without asking any drop-box: 500 shops
 * must not mean 500 requests. `--shop NAME` gives the full status of one.
 */
export async function runShopsStatus(dir: string, opts: { json?: boolean; stateDir?: string }, io: Io): Promise<number> {
  const { shops, skipped } = await scanShops(dir);
  const now = new Date();
  const rows: ShopStatusRow[] = [];
  const owners = new Map<string, Map<string, string>>();
  for (const file of shops) {
    const row: ShopStatusRow = { shop: file.name, config: file.path, problem: null, servedBy: null, status: null };
    rows.push(row);
    try {
      const loaded = loadConfig(file.path, io.env);
      const where = shopLedger(file.name, loaded, io.env, opts.stateDir);
      row.status = await statusReport(loaded, where.target, where.localPath, now, false);
      if (where.target.kind === 'postgres') row.servedBy = (await ownersOf(where.target.url, owners)).get(where.target.shop) ?? null;
    } catch (error) {
      row.problem = (error as Error).message;
    }
  }
  if (opts.json) {
    writeLine(io.stdout, JSON.stringify({ dir, at: now.toISOString(), shops: rows, skipped }, null, 2));
    return 0;
  }
  const c = colours(io);
  if (rows.length === 0) writeLine(io.stdout, `no shop configs (*.json) in ${dir}`);
  for (const r of rows) writeLine(io.stdout, line(r, now, c));
  for (const s of skipped) writeLine(io.stderr, `warning: ${s}`);
  const waiting = rows.reduce((n, r) => n + (r.status?.waitingForReview ?? 0), 0);
  const alerts = rows.reduce((n, r) => n + (r.status?.alerts.length ?? 0), 0);
  const broken = rows.filter((r) => r.problem !== null).length;
  writeLine(io.stdout, `${rows.length} shop(s): ${waiting} payment(s) waiting for review, ${alerts} open alert(s)${broken ? `, ${broken} shop(s) with a problem` : ''}`);
  return 0;
}

async function ownersOf(url: string, cache: Map<string, Map<string, string>>): Promise<Map<string, string>> {
  let m = cache.get(url);
  if (!m) {
    m = new Map();
    const r = await poolFor(url).query<{ shop: string; daemon: string }>('SELECT shop, daemon FROM smsmatch_owners WHERE expires_at > now()').catch(() => ({ rows: [] }));
    for (const row of r.rows) m.set(row.shop, row.daemon);
    cache.set(url, m);
  }
  return m;
}

function ago(iso: string | null, now: Date): string {
  if (iso === null) return 'never';
  const s = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

function line(r: ShopStatusRow, now: Date, c: ReturnType<typeof colours>): string {
  if (r.problem !== null || r.status === null) return `${r.shop}: ${c.red(`problem: ${r.problem ?? 'unknown'}`)}`;
  const s = r.status;
  const d = s.daemon;
  const daemon = r.servedBy ? `served by ${r.servedBy}` : d.state === 'running' ? c.green('running') : d.state === 'stale' ? c.yellow('not responding') : d.state;
  const tick = d.lastTick ? `, last tick ${ago(d.lastTick.at, now)} ${d.lastTick.outcome}` : '';
  const alerts = s.alerts.length > 0 ? c.red(`, ${s.alerts.length} alert(s): ${s.alerts.map((a) => a.id).join(', ')}`) : '';
  return `${r.shop}: ${daemon}${tick}; ${s.waitingForReview} for review, ${s.partial} partial, ${s.today.confirmed} confirmed today${alerts} (${s.ledger})`;
}


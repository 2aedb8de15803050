import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { createTicker } from '../app/daemon/ticker.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log/logger.js';
import type { Sandbox } from '../sandbox/index.js';

export interface SoakSample {
  tick: number;
  heapUsedMb: number;
  rssMb: number;
  openFds: number;
}

/** Full GC without needing `node --expose-gc`. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return -1; // not Linux
  }
}

function sample(tick: number): SoakSample {
  collectGarbage();
  const m = process.memoryUsage();
  return { tick, heapUsedMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20, openFds: openFds() };
}

/**
 * Drives the daemon's real tick in a loop against a sandbox (no schedule: thousands of ticks in seconds). Every
 * `payEvery` ticks a new order and its payment SMS arrive, so active ticks (decide, write, note) are mixed in.
 * Samples memory after a full GC and the open file descriptors every `sampleEvery` ticks.
 */
export async function soak(sandbox: Sandbox, dir: string, opts: { ticks: number; sampleEvery: number; payEvery: number; onSample?: (s: SoakSample) => void }): Promise<{ samples: SoakSample[]; confirmed: number; paid: number }> {
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({
    shop: { url: sandbox.url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, timeoutSeconds: 5 },
    dropbox: { url: sandbox.dropboxUrl, token: sandbox.dropboxToken }, ledger: { path: join(dir, 'ledger.json') },
  }), { mode: 0o600 });
  const log = createLogger({ stream: new Writable({ write: (_c, _e, cb) => cb() }), format: 'plain' });
  const ticker = createTicker({ loaded: loadConfig(configPath, {}), ledgerPath: join(dir, 'ledger.json'), log, clock: () => new Date() });
  const samples: SoakSample[] = [];
  let paid = 0;
  let confirmed = 0;
  for (let i = 1; i <= opts.ticks; i += 1) {
    if (i % opts.payEvery === 0) {
      await pay(sandbox, 100_000 + paid);
      paid += 1;
    }
    const r = await ticker.tick();
    confirmed += r.counts['applied'] ?? 0;
    if (i % 200 === 0) sandbox.state.clearLogs();
    if (i % opts.sampleEvery === 0) {
      const s = sample(i);
      samples.push(s);
      opts.onSample?.(s);
    }
  }
  return { samples, confirmed, paid };
}

const ksh = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// The till's running balance: each receipt must continue the chain, or the engine holds it as possibly forged.
let balance = 50_000;

async function pay(sandbox: Sandbox, n: number): Promise<void> {
  const now = new Date();
  const phone = `0712${String(n).slice(-6).padStart(6, '0')}`;
  sandbox.state.addOrder({ id: n, status: 'on-hold', total: 1000 + (n % 500), createdAt: new Date(now.getTime() - 600_000).toISOString(), billing: { first_name: 'Soak', last_name: `Customer${n}`, phone, email: `c${n}@example.com` } });
  const local = new Date(now.getTime() + 3 * 3600_000 - 60_000);
  const h = local.getUTCHours();
  const when = `${local.getUTCDate()}/${local.getUTCMonth() + 1}/${String(local.getUTCFullYear()).slice(2)} at ${h % 12 === 0 ? 12 : h % 12}:${String(local.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
  const code = `SK${n.toString(36).toUpperCase().padStart(8, '0')}`;
  const amount = 1000 + (n % 500);
  balance += amount;
  const text = `${code} Confirmed.You have received Ksh${ksh(amount)} from SOAK CUSTOMER${n} ${phone} on ${when} New M-PESA balance is Ksh${ksh(balance)}.`;
  const body = new URLSearchParams({ secret: sandbox.smssyncSecret, from: 'MPESA', message: text, sent_timestamp: String(now.getTime()), message_id: `soak-${n}`, sent_to: '', device_id: 'soak' });
  const res = await fetch(sandbox.smssyncUrl, { method: 'POST', body });
  await res.text();
}

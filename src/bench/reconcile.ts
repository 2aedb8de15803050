/**
 * One reconcile pass at shop scale: 2,000 open orders, 500 new payment SMS in the drop-box, run in-process
 * against the sandbox over real HTTP, exactly as `smsmatch reconcile` runs from cron.
 *
 * The minimum possible number of requests for such a pass, with the configured page sizes (100 SMS per
 * drop-box page, 100 orders per WooCommerce page and per batch), is:
 *   ceil(SMS / 100)             drop-box pages (the drop-box says when there are no more)
 * + ceil(candidate orders / 100) pages of the open-order listing
 * + ceil(confirmed / 100)       re-read pages (the orders about to be written, read just before writing)
 * + ceil(confirmed / 100)       batch update requests
 * + confirmed                   order notes (WooCommerce has no batch endpoint for notes)
 * A second pass with no new SMS needs one drop-box request and no WooCommerce request at all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import type { Io } from '../io.js';
import { main } from '../main.js';
import { startSandbox, type Sandbox, type SandboxOrderSeed } from '../sandbox/index.js';

export interface ReconcileBench {
  orders: number;
  sms: number;
  requests: number;
  minimumRequests: number;
  wallMs: number;
  peakRssMb: number;
  idleRequests: number;
}

const ORDERS = 2_000;
const SMS = 500;
const PAGE = 100;
const HOUR_MS = 3_600_000;

export async function benchReconcile(): Promise<ReconcileBench> {
  const now = Date.now();
  const sandbox = await startSandbox({ orders: seedOrders(now) });
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-bench-reconcile-'));
  try {
    const config = writeConfig(dir, sandbox);
    await forwardPayments(sandbox, now);
    sandbox.state.clearLogs();

    const rss = sampleRss();
    const started = performance.now();
    const report = await reconcileOnce(config);
    const wallMs = performance.now() - started;
    const peakRssMb = rss.stop() / 2 ** 20;
    const requests = sandbox.state.requests.length;
    const confirmed = (report['counts'] as Record<string, number> | undefined)?.['applied'] ?? 0;
    if (confirmed !== SMS) throw new Error(`bench: expected ${SMS} confirmations, got ${confirmed}`);

    sandbox.state.clearLogs();
    await reconcileOnce(config);
    const idleRequests = sandbox.state.requests.filter((r) => r.path.startsWith('/wp-json/wc/')).length;

    const pages = (n: number): number => Math.ceil(n / PAGE);
    const minimumRequests = pages(SMS) + pages(ORDERS) + pages(confirmed) + pages(confirmed) + confirmed;
    return { orders: ORDERS, sms: SMS, requests, minimumRequests, wallMs, peakRssMb, idleRequests };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Open orders created over the last two days, each with its own phone and a distinct total. */
function seedOrders(now: number): SandboxOrderSeed[] {
  return Array.from({ length: ORDERS }, (_, i) => ({
    id: 10_001 + i,
    status: i % 3 === 0 ? 'pending' : 'on-hold',
    total: 500 + i,
    createdAt: new Date(now - 2 * HOUR_MS - i * 60_000).toISOString(),
    billing: { first_name: 'Amina', last_name: letters(i), phone: phoneOf(i, '07'), email: `c${i}@example.com` },
  }));
}

/** The first SMS orders get paid: SMSsync posts each payment SMS to the drop-box, as the shop's phone does. */
async function forwardPayments(sandbox: Sandbox, now: number): Promise<void> {
  const at = new Date(now - 10 * 60_000);
  // The balances form a consistent chain, as on a real phone (the balance-chain check would hold forgeries).
  let balance = 90_000;
  for (let i = 0; i < SMS; i++) {
    const code = `UK${i.toString(36).toUpperCase().padStart(8, '0')}`;
    balance += 500 + i;
    const text = `${code} Confirmed.You have received Ksh${500 + i}.00 from AMINA ${letters(i)} ${phoneOf(i, '2547')} on ${mpesaTime(at)} New M-PESA balance is Ksh${balance.toLocaleString('en-US')}.00.`;
    const body = new URLSearchParams({
      secret: sandbox.smssyncSecret, from: 'MPESA', message: text, sent_timestamp: String(at.getTime() + i * 1000),
      message_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, sent_to: '', device_id: 'bench-phone',
    });
    const res = await fetch(sandbox.smssyncUrl, { method: 'POST', body });
    if (res.status !== 200) throw new Error(`bench: the SMSsync endpoint answered ${res.status}`);
    await res.arrayBuffer();
  }
}

function writeConfig(dir: string, sandbox: Sandbox): string {
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({
    shop: { url: sandbox.url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret },
    dropbox: { url: sandbox.dropboxUrl, token: sandbox.dropboxToken, pageSize: PAGE },
    ledger: { path: join(dir, 'ledger.json') },
  }), { mode: 0o600 });
  return file;
}

async function reconcileOnce(config: string): Promise<Record<string, unknown>> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void): Writable => new Writable({ write(chunk, _enc, cb) { append(String(chunk)); cb(); } });
  const stdin = new PassThrough();
  stdin.end();
  const io: Io = { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin, env: { HOME: tmpdir() }, cwd: process.cwd() };
  const code = await main(['reconcile', '--config', config, '--json'], io);
  if (code !== 0) throw new Error(`bench: reconcile exited ${code}: ${err.trim()}`);
  return JSON.parse(out) as Record<string, unknown>;
}

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** 0712000123-style numbers, unique per order. */
function phoneOf(i: number, prefix: '07' | '2547'): string {
  return `${prefix}11${String(i).padStart(6, '0')}`;
}

/** A surname made of letters only, unique per order (names carry no digits). */
function letters(i: number): string {
  let n = i;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `WA${s}`;
}

/** `d/m/yy at h:mm AM` in Nairobi time, as M-PESA prints it. */
function mpesaTime(date: Date): string {
  const local = new Date(date.getTime() + 3 * HOUR_MS);
  const h = local.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${local.getUTCDate()}/${local.getUTCMonth() + 1}/${String(local.getUTCFullYear()).slice(2)} at ${h12}:${String(local.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

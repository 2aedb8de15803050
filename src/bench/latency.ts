/**
 * End to end against the sandbox, the daemon on its default settings in a process of its own: SMSsync POSTs a
 * payment SMS at a random moment, and the clock stops when the shop shows the order paid. Then the daemon is left
 * idle and the requests it makes are counted: WordPress (PHP) requests versus static signal-file reads.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStaticPath, startSandbox, type Sandbox, type SandboxOrderSeed } from '../sandbox/index.js';

export interface LatencyBench {
  payments: number;
  medianSeconds: number;
  p95Seconds: number;
  maxSeconds: number;
  idleSeconds: number;
  phpPerIdleMinute: number;
  staticPerIdleMinute: number;
  notModifiedShare: number;
  wokenBy: string;
}

const PAYMENTS = 20;
const MINUTE = 60_000;

export async function benchLatency(opts: { payments?: number; idleSeconds?: number } = {}): Promise<LatencyBench> {
  const payments = opts.payments ?? PAYMENTS;
  const idleSeconds = opts.idleSeconds ?? 60;
  const now = Date.now();
  const sandbox = await startSandbox({ orders: seedOrders(now, payments) });
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-bench-latency-'));
  const config = join(dir, 'config.json');
  // Default daemon settings: only the shop, the drop-box and where the ledger lives.
  writeFileSync(config, JSON.stringify({
    shop: { url: sandbox.url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret },
    dropbox: { url: sandbox.dropboxUrl, token: sandbox.dropboxToken }, ledger: { path: join(dir, 'ledger.json') },
  }), { mode: 0o600 });
  const bin = fileURLToPath(new URL('../../bin/smsmatch.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'daemon', '--config', config], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SMSMATCH_LOG_LEVEL: 'info' } });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  try {
    await waitFor(() => /woken by the drop-box's signal file|polling the drop-box every/.test(err), 20_000, () => `the daemon to start:\n${err}`);
    const wokenBy = /woken by the drop-box's signal file/.test(err) ? 'signal file' : 'polling';
    await sleep(2000);

    sandbox.state.clearLogs();
    await sleep(idleSeconds * 1000);
    const idle = [...sandbox.state.requests];
    const php = idle.filter((r) => !isStaticPath(r.path)).length;
    const reads = idle.filter((r) => isStaticPath(r.path));

    const seconds: number[] = [];
    for (let i = 0; i < payments; i++) {
      await sleep(300 + Math.random() * 2200); // a random moment relative to the daemon's 1-second checks
      const orderId = 20_001 + i;
      const started = performance.now();
      await postPayment(sandbox, i, now);
      await waitFor(() => ['processing', 'completed'].includes(sandbox.state.order(orderId)?.status ?? ''), 30_000, () => `order ${orderId} to be paid:\n${err}`, 5);
      seconds.push((performance.now() - started) / 1000);
    }
    if (process.env["SMSMATCH_BENCH_DEBUG"]) process.stderr.write(`latencies: ${seconds.map((x) => x.toFixed(2)).join(" ")}\n${err}\n`);
    seconds.sort((a, b) => a - b);
    const q = (p: number): number => seconds[Math.min(seconds.length - 1, Math.ceil(p * seconds.length) - 1)] ?? 0;
    return {
      payments, medianSeconds: q(0.5), p95Seconds: q(0.95), maxSeconds: seconds.at(-1) ?? 0, idleSeconds, wokenBy,
      phpPerIdleMinute: (php / idleSeconds) * (MINUTE / 1000), staticPerIdleMinute: (reads.length / idleSeconds) * (MINUTE / 1000),
      notModifiedShare: reads.length ? reads.filter((r) => r.status === 304).length / reads.length : 0,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function seedOrders(now: number, n: number): SandboxOrderSeed[] {
  return Array.from({ length: n }, (_, i) => ({
    id: 20_001 + i, status: i % 2 ? 'pending' : 'on-hold', total: 700 + i, createdAt: new Date(now - 30 * MINUTE + i * 1000).toISOString(),
    billing: { first_name: 'Grace', last_name: 'Achieng', phone: `07220${String(i).padStart(5, '0')}`, email: `g${i}@example.com` },
  }));
}

/** One M-PESA receipt for order i (its phone, its exact amount), posted as SMSsync does. */
async function postPayment(sandbox: Sandbox, i: number, now: number): Promise<void> {
  const at = new Date(Date.now() + 3 * 3_600_000);
  const stamp = `${at.getUTCDate()}/${at.getUTCMonth() + 1}/${String(at.getUTCFullYear()).slice(2)} at ${((at.getUTCHours() + 11) % 12) + 1}:${String(at.getUTCMinutes()).padStart(2, '0')} ${at.getUTCHours() < 12 ? 'AM' : 'PM'}`;
  const code = `UL${(now % 1e6).toString(36).toUpperCase().padStart(4, '0').slice(-4)}${String(i).padStart(4, '0')}`.slice(0, 10);
  const text = `${code} Confirmed.You have received Ksh${700 + i}.00 from GRACE ACHIENG 07220${String(i).padStart(5, '0')} on ${stamp} New M-PESA balance is Ksh${balanceAfter(i).toLocaleString('en-US')}.00.`;
  const body = new URLSearchParams({ secret: sandbox.smssyncSecret, from: 'MPESA', message: text, sent_timestamp: String(Date.now()), message_id: `bench-latency-${now}-${i}`, sent_to: '', device_id: 'bench' });
  const res = await fetch(sandbox.smssyncUrl, { method: 'POST', body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`bench: the SMSsync endpoint answered ${res.status}`);
}

/** The wallet's balance after payment i: the balance chain must follow, as on a real phone. */
function balanceAfter(i: number): number {
  return 10_000 + (i + 1) * 700 + (i * (i + 1)) / 2;
}

async function waitFor(check: () => boolean, ms: number, what: () => string, every = 20): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`bench: timed out waiting for ${what()}`);
    await sleep(every);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

#!/usr/bin/env node
// SMS → paid against the real plugin and a real WooCommerce (the test WordPress of .ci/wordpress-up.sh), with the
// daemon on its default settings in a process of its own. Payments arrive at random moments; the clock stops when
// WooCommerce shows the order paid. Idle cost is counted from the access log the test web server writes (one line
// per request, saying whether PHP ran). Prints the figures (and one JSON line last); asserts no timing.
// Env: SMSMATCH_WP_ENV (default /tmp/smsmatch-wp/env.json), LATENCY_PAYMENTS (default 12),
// LATENCY_IDLE_SECONDS (default 330: one full safety-net interval plus the start-up). Needs `npm run build`.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const envFile = process.env.SMSMATCH_WP_ENV ?? '/tmp/smsmatch-wp/env.json';
const PAYMENTS = Math.max(10, Number(process.env.LATENCY_PAYMENTS ?? 12));
const IDLE_SECONDS = Number(process.env.LATENCY_IDLE_SECONDS ?? 330);
const env = JSON.parse(readFileSync(envFile, 'utf8'));
const site = env.pretty;
const woo = site.woo;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (line) => process.stdout.write(`${line}\n`);

// The test site is plain http; the router treats X-Forwarded-Proto: https as https, so Basic auth works for setup.
const wcHeaders = {
  Authorization: `Basic ${Buffer.from(`${woo.consumer_key}:${woo.consumer_secret}`).toString('base64')}`,
  'X-Forwarded-Proto': 'https', 'Content-Type': 'application/json',
};
async function wc(method, path, body) {
  const res = await fetch(`${site.url}/wp-json/wc/v3${path}`, { method, headers: wcHeaders, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

const run = Date.now().toString(36).toUpperCase().slice(-4);
const phone = (i) => `0719${run.replace(/\D/g, '7').padStart(4, '7').slice(-3)}${String(i).padStart(3, '0')}`;
const code = (i) => `UL${run.replace(/[^A-Z0-9]/g, 'X')}${String(i).padStart(4, '0')}`.slice(0, 10);

function mpesaTime(d) {
  const n = new Date(d.getTime() + 3 * 3_600_000);
  const h = n.getUTCHours();
  return `${n.getUTCDate()}/${n.getUTCMonth() + 1}/${String(n.getUTCFullYear()).slice(2)} at ${((h + 11) % 12) + 1}:${String(n.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** What a log file gained since byte offset `from` (read from there only: the mail log holds whole HTML emails). */
function readFrom(path, from) {
  const size = statSync(path).size;
  if (size <= from) return '';
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(size - from);
    readSync(fd, buf, 0, buf.length, from);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function accessLines(from) {
  return { lines: readFrom(env.access_log, from).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

const dir = mkdtempSync(join(tmpdir(), 'smsmatch-latency-real-'));
let child;
try {
  // 1. Open orders, one per payment, each with its own billing phone.
  const product = await wc('GET', `/products/${site.products.simple}`);
  const orders = [];
  for (let i = 0; i < PAYMENTS; i++) {
    orders.push(await wc('POST', '/orders', {
      status: 'on-hold', payment_method: 'bacs', payment_method_title: 'Mobile money',
      billing: { first_name: 'Latency', last_name: `Tester${String.fromCharCode(65 + (i % 26))}`, phone: phone(i), email: `latency${i}@example.com` },
      line_items: [{ product_id: product.id, quantity: 1 }],
    }));
  }
  say(`latency-real: ${orders.length} on-hold orders of ${orders[0].total} ${orders[0].currency} created on ${site.url}`);

  // 2. The daemon on default settings.
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    shop: { url: site.url, consumerKey: woo.consumer_key, consumerSecret: woo.consumer_secret },
    dropbox: { url: site.daemon_url, token: site.token }, ledger: { path: join(dir, 'ledger.json') },
  }), { mode: 0o600 });
  child = spawn(process.execPath, [join(root, 'bin', 'smsmatch.js'), 'daemon', '--config', config], { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, HOME: dir } });
  let err = '';
  child.stderr.on('data', (d) => (err += d.toString()));
  const t0 = Date.now();
  while (!/woken by the drop-box's signal file|polling the drop-box every/.test(err)) {
    if (Date.now() - t0 > 60_000 || child.exitCode !== null) throw new Error(`the daemon did not start:\n${err}`);
    await sleep(100);
  }
  const wokenBy = /woken by the drop-box's signal file/.test(err) ? 'signal file' : `polling (${/polling the drop-box every [^\n]*/.exec(err)?.[0]})`;
  say(`latency-real: daemon started, woken by ${wokenBy}`);
  await sleep(5000); // the start-up pass (it reads whatever the drop-box already holds)

  // 3. Payments at random moments.
  const seconds = [];
  let balance = 50_000;
  for (let i = 0; i < orders.length; i++) {
    await sleep(1000 + Math.random() * 7000);
    const order = orders[i];
    const amount = Number(order.total);
    balance += amount;
    const money = (n) => n.toLocaleString('en-US', { minimumFractionDigits: 2 });
    const text = `${code(i)} Confirmed.You have received Ksh${money(amount)} from LATENCY TESTER${String.fromCharCode(65 + (i % 26))} ${phone(i)} on ${mpesaTime(new Date())} New M-PESA balance is Ksh${money(balance)}.`;
    const body = new URLSearchParams({ secret: site.secret, from: 'MPESA', message: text, sent_timestamp: String(Date.now()), message_id: `latency-real-${run}-${i}`, sent_to: '', device_id: `latency-real-${run}` });
    // The moment the order is paid is when WooCommerce emails the customer (in the same request that marks it
    // paid): the mail catcher's log shows it without this script adding requests to the shop being measured.
    const mailFrom = statSync(env.mail_log).size;
    const started = performance.now();
    const res = await fetch(site.smssync_url, { method: 'POST', body, headers: { 'User-Agent': 'SMSSync-Android/v3.1.1' } });
    await res.text();
    if (res.status !== 200) throw new Error(`SMSsync POST answered ${res.status}`);
    let paidAt = 0;
    while (paidAt === 0) {
      const mails = readFrom(env.mail_log, mailFrom).split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l));
      if (mails.some((m) => m.to === order.billing.email)) paidAt = performance.now();
      else if (performance.now() - started > 120_000) throw new Error(`order ${order.id} not paid after 120 s:\n${err}`);
      else await sleep(10);
    }
    const check = await wc('GET', `/orders/${order.id}`);
    if (check.status !== 'processing' && check.status !== 'completed') throw new Error(`order ${order.id} emailed its customer but is ${check.status}`);
    seconds.push((paidAt - started) / 1000);
    say(`latency-real: payment ${i + 1}/${orders.length}: order #${order.id} paid ${seconds.at(-1).toFixed(2)} s after SMSsync's POST`);
  }

  // 4. Idle: every request the shop serves while nothing happens (the status/poll of this script stopped).
  await sleep(3000);
  const startAt = statSync(env.access_log).size;
  say(`latency-real: idle for ${IDLE_SECONDS} s, counting requests in ${env.access_log}`);
  await sleep(IDLE_SECONDS * 1000);
  // The shop site only (the access log is shared with the plain test site).
  const idle = accessLines(startAt).lines.filter((l) => l.site === site.config);
  const php = idle.filter((l) => l.php);
  const reads = idle.filter((l) => !l.php && String(l.uri).includes('/wp-content/uploads/smsmatch/'));

  const sorted = [...seconds].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const figures = {
    payments: seconds.length, medianSeconds: q(0.5), p95Seconds: q(0.95), maxSeconds: sorted.at(-1), wokenBy,
    idleSeconds: IDLE_SECONDS, phpPerIdleMinute: (php.length * 60) / IDLE_SECONDS, staticPerIdleMinute: (reads.length * 60) / IDLE_SECONDS,
    idlePhpRequests: php.map((l) => `${l.method} ${String(l.uri).replace(/token=[^&]*/, 'token=***')}`),
  };
  say(`SMSsync POST → order paid: median ${figures.medianSeconds.toFixed(2)} s, p95 ${figures.p95Seconds.toFixed(2)} s, max ${figures.maxSeconds.toFixed(2)} s over ${figures.payments} payments (goal: median < 3 s, p95 < 5 s)`);
  say(`idle: ${figures.phpPerIdleMinute.toFixed(2)} WordPress (PHP) requests per minute over ${IDLE_SECONDS} s (goal ≤ 0.5); ${figures.staticPerIdleMinute.toFixed(0)} static signal-file reads per minute`);
  say(JSON.stringify(figures));
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
  }
  rmSync(dir, { recursive: true, force: true });
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDaemon } from './daemon.js';
import { benchLatency } from './latency.js';
import { benchLedger } from './ledger.js';
import { benchMatch } from './match.js';
import { benchParse } from './parse.js';
import { benchReconcile } from './reconcile.js';
import type { ShopInfo } from './shops-sandboxes.js';
import { benchShops, SCHEDULE_SECONDS, startSandboxes } from './shops.js';
import { benchDatabase, benchTakeover } from './shops-takeover.js';

/**
 * `npm run bench`: every performance figure of the project in one report, with the machine noted so runs can
 * be compared over time. Each section prints as soon as it is measured; targets are shown beside the figures.
 */
type Row = [label: string, value: string, target?: string, note?: string];

function section(title: string, rows: Row[]): void {
  process.stdout.write(`\n${title}\n`);
  for (const [label, value, target, note] of rows) {
    const aside = target ? `   (target ${target})` : note ? `   (${note})` : '';
    process.stdout.write(`  ${label.padEnd(34)} ${value.padStart(14)}${aside}\n`);
  }
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const SECTIONS: Record<string, () => Promise<void>> = {
  parse: () => {
    const parse = benchParse();
    section('parser (one core)', [
      ['SMS parsed', fmt(parse.messages)],
      ['SMS per second', fmt(parse.perSecond), '≥ 20,000/s'],
    ]);
    return Promise.resolve();
  },
  match: () => {
    const match = benchMatch();
    section('matching engine (one core)', [
      ['payments × open orders', `${fmt(match.payments)} × ${fmt(match.orders)}`],
      ['time', `${fmt(match.ms, 1)} ms`, '< 200 ms'],
      ['confirmed', fmt(match.confirms)],
    ]);
    return Promise.resolve();
  },
  ledger: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-bench-ledger-'));
    try {
      const ledger = await benchLedger(dir);
      section('ledger with 100,000 settled payments', [
        ['settled payments', fmt(ledger.settled)],
        ['hot file', `${fmt(ledger.hotBytes / 1e6, 2)} MB`],
        ['open', `${fmt(ledger.openMs, 1)} ms`],
        ['poll with 5 new SMS', `${fmt(ledger.pollMs, 1)} ms`, 'flat with history'],
        ['bytes written per poll', fmt(ledger.pollBytesWritten), 'flat with history'],
        ['bytes written, poll without SMS', fmt(ledger.idlePollBytesWritten), '0'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  reconcile: async () => {
    const rec = await benchReconcile();
    section(`reconcile pass against the sandbox (${fmt(rec.orders)} open orders, ${fmt(rec.sms)} new SMS)`, [
      ['requests made', fmt(rec.requests)],
      ['minimum possible', fmt(rec.minimumRequests)],
      ['requests / minimum', `${fmt((rec.requests / rec.minimumRequests) * 100, 1)} %`, '≤ 110 %'],
      ['wall time', `${fmt(rec.wallMs / 1000, 2)} s`],
      ['peak RSS (sandbox in process)', `${fmt(rec.peakRssMb, 0)} MB`],
      ['WooCommerce requests, idle pass', fmt(rec.idleRequests), '0'],
    ]);
  },
  daemon: async () => {
    const daemon = await benchDaemon();
    section(`daemon, ${fmt(daemon.ticks)} idle ticks (own process)`, [
      ['requests per idle tick', fmt(daemon.requestsPerIdleTick, 3), '1 small request'],
      ['WooCommerce requests per idle tick', fmt(daemon.wooRequestsPerIdleTick, 3), '0'],
      ['CPU per idle tick', `${fmt(daemon.cpuMsPerIdleTick, 2)} ms`],
      ['resident memory after the ticks', `${fmt(daemon.rssMbAfter, 1)} MB`, '< 80 MB'],
      ['peak resident memory', `${fmt(daemon.peakRssMb, 1)} MB`],
    ]);
  },
  latency: async () => {
    const idleSeconds = Number(process.env['SMSMATCH_BENCH_IDLE_SECONDS'] ?? 60);
    const lat = await benchLatency({ idleSeconds });
    section(`SMS to paid, end to end (daemon process on default settings, sandbox shop, ${lat.payments} payments at random moments)`, [
      ['woken by', lat.wokenBy],
      ['SMSsync POST → order paid, median', `${fmt(lat.medianSeconds, 2)} s`, '< 3 s'],
      ['p95', `${fmt(lat.p95Seconds, 2)} s`, '< 5 s'],
      ['max (the first loads the shop client)', `${fmt(lat.maxSeconds, 2)} s`],
      [`WordPress (PHP) requests / idle min`, fmt(lat.phpPerIdleMinute, 2), '≤ 0.5'],
      ['  measured over', `${fmt(lat.idleSeconds)} s idle`],
      ['  by the schedule (pass every 5 min)', '0.20 + ≤ 0.07 health'],
      ['static signal-file reads / idle min', fmt(lat.staticPerIdleMinute, 0)],
      ['  answered 304 Not Modified', `${fmt(lat.notModifiedShare * 100, 0)} %`],
    ]);
  },
  shops: manyShopsSection,
  faults: () => {
    faultSection();
    return Promise.resolve();
  },
};

/**
 * `npm run bench` runs every section; `npm run bench -- shops` (or any section names) only those.
 */
async function run(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}\n`);
    process.exitCode = 64;
    return;
  }
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  process.stdout.write(`smsmatch benchmark — ${new Date().toISOString()}\n`);
  process.stdout.write(`machine: ${cpu}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${process.platform}/${process.arch}, load ${loadavg().map((l) => fmt(l, 1)).join(' ')}\n`);
  for (const name of asked.length > 0 ? asked : Object.keys(SECTIONS)) await SECTIONS[name]!();
}

/** One daemon with many sandbox shops (idle, then all busy), then two daemons' take-over on PostgreSQL. */
async function manyShopsSection(): Promise<void> {
  const n = Number(process.env['SMSMATCH_BENCH_SHOPS'] ?? 500);
  const idleSeconds = Number(process.env['SMSMATCH_BENCH_IDLE_SECONDS'] ?? 60);
  const sandboxes = startSandboxes();
  try {
    const { shops: infos } = await sandboxes.ask<{ shops: ShopInfo[] }>({ op: 'start', n });
    const s = await benchShops(n, idleSeconds, sandboxes, infos);
    section(`one daemon, ${fmt(n)} sandbox shops (lowdb ledgers; sandboxes in another process; every shop's pass every ${SCHEDULE_SECONDS} s)`, [
      ['resident memory, idle', `${fmt(s.rssIdleMb, 0)} MB`, undefined, `goal ≤ ${fmt(s.goalMb)} MB = 80 MB + 1 MB per idle shop`],
      ['  peak while idle', `${fmt(s.rssIdlePeakMb, 0)} MB`],
      ['  per shop', `${fmt((s.rssIdleMb / n) * 1024, 0)} KB`],
      ['CPU while idle', `${fmt(s.cpuIdlePercent, 1)} % of a core`],
      ['open file descriptors, idle', fmt(s.fdsIdle), undefined, 'about one kept-alive connection per shop; Node lifts the soft limit to the hard one'],
      ['HTTP requests per idle shop / min', fmt(s.requestsPerIdleShopMinute, 2), undefined, `${fmt(60 / SCHEDULE_SECONDS)} passes a minute, measured over ${fmt(s.idleSeconds)} s`],
      ['  of them WooCommerce', fmt(s.wooPerIdleShopMinute, 2), '0'],
      ['  at the default schedule (5 min)', fmt((s.requestsPerIdleShopMinute * SCHEDULE_SECONDS) / 300, 2), undefined, 'computed from the line above'],
      [`busy: all ${fmt(n)} shops paid at once`, `${fmt(s.busy.paid)} paid`, undefined, 'one payment each, their passes all due at the same firing'],
      ['  pass latency per shop, p50', `${fmt(s.busy.p50Seconds, 2)} s`, undefined, 'from the firing to the shop receiving its order write'],
      ['  p95', `${fmt(s.busy.p95Seconds, 2)} s`],
      ['  last shop', `${fmt(s.busy.maxSeconds, 2)} s`],
      ['  resident memory, peak', `${fmt(s.busy.rssPeakMb, 0)} MB`],
      ['  open file descriptors, peak', fmt(s.busy.fdsPeak)],
    ]);
    const db = await benchDatabase(process.env);
    if ('skipped' in db) {
      section('two daemons, PostgreSQL ledger: take-over after kill -9', [['skipped', db.skipped]]);
      return;
    }
    const m = Math.min(n, Number(process.env['SMSMATCH_BENCH_TAKEOVER_SHOPS'] ?? 100));
    const t = await benchTakeover(db.url, m, sandboxes, infos);
    section(`two daemons, ${fmt(m)} shops on one PostgreSQL: kill -9 of one`, [
      ['shops the killed daemon served', fmt(t.killedOwned)],
      ['all owned by the survivor after', `${fmt(t.ownedAfterSeconds, 1)} s`, '≤ 30 s'],
      ['all of them paid after', `${fmt(t.paidAfterSeconds, 1)} s`, undefined, 'a payment posted to each at the kill'],
    ]);
  } finally {
    await sandboxes.close();
  }
}

/** The fault and attack suite's figures (it runs the suite: about a minute). */
function faultSection(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'fault-report.mjs')], { cwd: root, encoding: 'utf8' });
  let f: Record<string, number | boolean> = {};
  try {
    f = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number | boolean>;
  } catch {
    section('fault and attack suite', [['result', 'could not run (see npx vitest run test/faults)']]);
    return;
  }
  const n = (k: string): string => fmt(Number(f[k] ?? 0));
  section('fault and attack suite (test/faults)', [
    ['suite passed', String(f['suitePassed'])],
    ['crash points tried', n('crashPointsTried')],
    ['faults survived', n('faultsSurvived')],
    ['attacks tried', n('attacksTried')],
    ['payments lost', n('paymentsLost'), '0'],
    ['payments applied twice', n('appliedTwice'), '0'],
  ]);
}

await run();

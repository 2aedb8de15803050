import { Writable } from 'node:stream';
import { createTicker } from '../app/daemon/ticker.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log/logger.js';

/**
 * The daemon side of `benchDaemon`, in its own process so its resident memory is the daemon's alone (the
 * sandbox shop runs in the parent). argv: config path, ledger path, ticks. Prints one JSON line.
 */
const [configPath, ledgerPath, ticksText] = process.argv.slice(2);
const ticks = Number(ticksText);
let now = Date.parse('2026-03-02T03:00:00.000Z');
const clock = (): Date => new Date(now);
const log = createLogger({ stream: new Writable({ write: (_c, _e, cb) => cb() }), format: 'plain' });
const ticker = createTicker({ loaded: loadConfig(configPath, {}), ledgerPath: ledgerPath!, log, clock });
await ticker.tick(); // the first tick creates the ledger file
const cpu0 = process.cpuUsage();
let peak = 0;
for (let i = 0; i < ticks; i += 1) {
  now += 30_000;
  await ticker.tick();
  if (i % 250 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const cpu = process.cpuUsage(cpu0);
(globalThis as { gc?: () => void }).gc?.();
const rss = process.memoryUsage().rss;
process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rssMb: rss / 2 ** 20, peakRssMb: Math.max(peak, rss) / 2 ** 20 })}\n`);

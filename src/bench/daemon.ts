import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTicker } from '../app/daemon/ticker.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log/logger.js';
import { startSandbox } from '../sandbox/index.js';
import { Writable } from 'node:stream';

const TICKS = 10_000;

/**
 * 10,000 idle daemon ticks in-process against the sandbox (drop-box empty, alerts on, default shop hours), with
 * the real tick function. The clock advances 30 s per tick, as the default schedule would, so the health rules
 * see 83 hours pass. Prints nothing.
 */
export async function benchDaemon(ticks = TICKS): Promise<{ ticks: number; requestsPerIdleTick: number; wooRequestsPerIdleTick: number; cpuMsPerIdleTick: number; rssMbAfter: number }> {
  const sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-bench-daemon-'));
  try {
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({
      shop: { url: sandbox.url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret },
      dropbox: { url: sandbox.dropboxUrl, token: sandbox.dropboxToken }, ledger: { path: join(dir, 'ledger.json') },
    }), { mode: 0o600 });
    let now = Date.parse('2026-03-02T03:00:00.000Z');
    const clock = (): Date => new Date(now);
    const log = createLogger({ stream: new Writable({ write: (_c, _e, cb) => cb() }), format: 'plain' });
    const ticker = createTicker({ loaded: loadConfig(configPath, {}), ledgerPath: join(dir, 'ledger.json'), log, clock });
    await ticker.tick(); // the first tick creates the ledger file
    let requests = 0;
    let woo = 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < ticks; i += 1) {
      now += 30_000;
      await ticker.tick();
      // Count and drop the sandbox's request log as we go: it is the shop's memory, not ours.
      if (i % 500 === 499 || i === ticks - 1) {
        requests += sandbox.state.requests.length;
        woo += sandbox.state.requests.filter((r) => r.route.startsWith('/wc/')).length;
        sandbox.state.clearLogs();
      }
    }
    const cpu = process.cpuUsage(cpu0);
    (globalThis as { gc?: () => void }).gc?.();
    return {
      ticks, requestsPerIdleTick: requests / ticks, wooRequestsPerIdleTick: woo / ticks,
      cpuMsPerIdleTick: (cpu.user + cpu.system) / 1000 / ticks, rssMbAfter: process.memoryUsage().rss / 2 ** 20,
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/index.js';

const TICKS = 10_000;
/** The V8 flags the systemd unit runs the daemon with (see src/core/systemd-unit.ts). */
const DAEMON_NODE_FLAGS = ['--max-semi-space-size=1'];

/**
 * 10,000 idle daemon ticks with the real tick function, in a process of their own (so the resident memory
 * is the daemon's, not the sandbox shop's), against the sandbox (drop-box empty, alerts on, default shop hours). The clock advances 30 s per tick, as fallback polling (daemon.pollSeconds) would, so the health rules
 * see 83 hours pass. Prints nothing.
 */
export async function benchDaemon(ticks = TICKS): Promise<{ ticks: number; requestsPerIdleTick: number; wooRequestsPerIdleTick: number; cpuMsPerIdleTick: number; rssMbAfter: number; peakRssMb: number }> {
  const sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-bench-daemon-'));
  try {
    const configPath = join(dir, 'config.json');
    const ledgerPath = join(dir, 'ledger.json');
    writeFileSync(configPath, JSON.stringify({
      shop: { url: sandbox.url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret },
      dropbox: { url: sandbox.dropboxUrl, token: sandbox.dropboxToken }, ledger: { path: ledgerPath },
    }), { mode: 0o600 });
    sandbox.state.clearLogs();
    const child = spawn(process.execPath, ['--expose-gc', ...DAEMON_NODE_FLAGS, fileURLToPath(new URL('./daemon-child.js', import.meta.url)), configPath, ledgerPath, String(ticks)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`bench: the daemon process exited ${code}`);
    const figures = JSON.parse(out.trim()) as { cpuMs: number; rssMb: number; peakRssMb: number };
    // The first tick (creating the ledger) is part of the log: idle ticks are the rest.
    const requests = sandbox.state.requests.length - 1;
    const woo = sandbox.state.requests.filter((r) => r.route.startsWith('/wc/')).length;
    return {
      ticks, requestsPerIdleTick: requests / ticks, wooRequestsPerIdleTick: woo / ticks,
      cpuMsPerIdleTick: figures.cpuMs / ticks, rssMbAfter: figures.rssMb, peakRssMb: figures.peakRssMb,
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run soak [-- TICKS]`: the daemon soak for humans (default 100,000 ticks, a payment every 100), against an
// in-process sandbox, printing memory after GC and open file handles every 5,000 ticks. Built to dist/bench/soak-cli.js.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soak } from './soak.js';
import { startSandbox } from '../sandbox/index.js';

const ticks = Number(process.argv[2] ?? 100_000);
const sandbox = await startSandbox();
const dir = mkdtempSync(join(tmpdir(), 'smsmatch-soak-'));
const t0 = Date.now();
try {
  const result = await soak(sandbox, dir, {
    ticks, sampleEvery: 5000, payEvery: 100,
    onSample: (s) => process.stdout.write(`tick ${String(s.tick).padStart(7)}  heapUsed ${s.heapUsedMb.toFixed(1)} MB  rss ${s.rssMb.toFixed(1)} MB  fds ${s.openFds}  (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`),
  });
  const first = result.samples[1] ?? result.samples[0];
  const last = result.samples.at(-1);
  process.stdout.write(`${ticks} ticks, ${result.paid} payments, ${result.confirmed} confirmed; heapUsed ${first?.heapUsedMb.toFixed(1)} → ${last?.heapUsedMb.toFixed(1)} MB, fds ${first?.openFds} → ${last?.openFds}\n`);
  process.exitCode = result.confirmed === result.paid ? 0 : 1;
} finally {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { soak } from '../../src/bench/soak.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('daemon soak (bounded; `npm run soak` runs it longer)', () => {
  it('memory and open file handles stay flat over 2,500 ticks with payments mixed in', async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'smsmatch-soak-'));

    const { samples, confirmed, paid } = await soak(sandbox, dir, { ticks: 2500, sampleEvery: 500, payEvery: 100 });

    expect(paid).toBe(25);
    expect(confirmed).toBe(25);
    const [warm, ...rest] = samples.slice(1); // the first 500 ticks warm up caches and JIT
    const last = rest.at(-1)!;
    expect(last.heapUsedMb - warm!.heapUsedMb, JSON.stringify(samples)).toBeLessThan(3);
    if (last.openFds >= 0) expect(Math.max(...samples.map((s) => s.openFds)) - Math.min(...samples.map((s) => s.openFds))).toBeLessThanOrEqual(2);
  }, 60_000);
});

#!/usr/bin/env node
// Runs the fault and attack suite (test/faults) and prints its figures as one JSON line on stdout, for
// `npm run bench` and CI. Exit 1 when the suite fails or loses or double-applies any payment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'smsmatch-faults-'));
try {
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/faults'], {
    cwd: root, env: { ...process.env, SMSMATCH_FAULT_REPORT_DIR: dir }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const figures = JSON.parse(readFileSync(join(dir, 'fault-report.json'), 'utf8'));
  process.stdout.write(`${JSON.stringify({ ...figures, suitePassed: run.status === 0 })}\n`);
  process.exitCode = run.status === 0 && figures.paymentsLost === 0 && figures.appliedTwice === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

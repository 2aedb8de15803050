import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The figures of the fault and attack suite. Each test file counts into this module (one module instance per
 * vitest worker), writes its part on afterAll, then sums every part present into `fault-report.json`, so the
 * last file to finish logs the full line. `SMSMATCH_FAULT_REPORT_DIR` moves the folder (faultFigures uses a
 * fresh one, so stale parts from earlier runs never count).
 */
export interface FaultFigures {
  crashPointsTried: number;
  faultsSurvived: number;
  attacksTried: number;
  paymentsLost: number;
  appliedTwice: number;
  /** How many exactly-once proofs were run (each checks every payment of its scenario). */
  proofs: number;
  files: string[];
}

const tally = { crashPointsTried: 0, faultsSurvived: 0, attacksTried: 0, paymentsLost: 0, appliedTwice: 0, proofs: 0 };

export function reportDir(): string {
  return process.env['SMSMATCH_FAULT_REPORT_DIR'] ?? join(tmpdir(), 'smsmatch-faults');
}

export const countCrashPoint = (): void => void tally.crashPointsTried++;
export const countFaultSurvived = (): void => void tally.faultsSurvived++;
export const countAttack = (n = 1): void => void (tally.attacksTried += n);

/** Every exactly-once proof reports here, before the test asserts on it, so a failure still shows in the figures. */
export function countProof(result: { lost: number; twice: number }): void {
  tally.proofs++;
  tally.paymentsLost += result.lost;
  tally.appliedTwice += result.twice;
}

/** Writes this file's part and the summed report; returns the one summary line it logged. */
export function writeReportPart(file: string): string {
  const dir = reportDir();
  mkdirSync(join(dir, 'parts'), { recursive: true });
  writeFileSync(join(dir, 'parts', `${file}.json`), JSON.stringify(tally));
  const sum = sumParts(dir);
  writeFileSync(join(dir, 'fault-report.json'), `${JSON.stringify(sum, null, 2)}\n`);
  const line = summaryLine(sum);
  process.stdout.write(`${line}\n`);
  return line;
}

export function summaryLine(f: FaultFigures): string {
  return `fault suite: ${f.crashPointsTried} crash points tried, ${f.faultsSurvived} faults survived, ${f.attacksTried} attacks tried, ` +
    `${f.paymentsLost} payments lost, ${f.appliedTwice} applied twice (${f.proofs} exactly-once proofs; files: ${f.files.join(', ')})`;
}

function sumParts(dir: string): FaultFigures {
  const out: FaultFigures = { crashPointsTried: 0, faultsSurvived: 0, attacksTried: 0, paymentsLost: 0, appliedTwice: 0, proofs: 0, files: [] };
  for (const name of readdirSync(join(dir, 'parts')).filter((n) => n.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(join(dir, 'parts', name), 'utf8')) as typeof tally;
    for (const key of Object.keys(tally) as Array<keyof typeof tally>) out[key] += part[key];
    out.files.push(name.replace(/\.json$/, ''));
  }
  return out;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs the whole fault suite in a child vitest (fresh report folder) and returns its figures, for `npm run bench`.
 * Rejects when the suite fails: figures from a red run are not figures.
 */
export async function faultFigures(): Promise<FaultFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-faults-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/faults'], {
        cwd: root, env: { ...process.env, SMSMATCH_FAULT_REPORT_DIR: dir }, maxBuffer: 64 * 1024 * 1024,
      }, (error, _stdout, stderr) => (error ? reject(new Error(`fault suite failed: ${stderr.slice(-2000)}`)) : resolve()));
    });
    return JSON.parse(readFileSync(join(dir, 'fault-report.json'), 'utf8')) as FaultFigures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

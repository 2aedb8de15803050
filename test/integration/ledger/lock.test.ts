import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { BusyError } from '../../../src/errors.js';
import { acquireLock, lockPathFor, openLedger } from '../../../src/adapters/ledger/index.js';
import { tempDir } from './helpers.js';

let cleanup: (() => Promise<void>) | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill();
  child = undefined;
  await cleanup?.();
});

// The child writes the lock exactly as acquireLock does (O_EXCL, same JSON), then holds it until killed.
const HOLDER = `
const fs = require('node:fs'); const os = require('node:os');
const fd = fs.openSync(process.argv[1], 'wx', 0o600);
fs.writeSync(fd, JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), command: 'smsmatch daemon' }) + '\\n');
fs.closeSync(fd);
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);
`;

function startHolder(lockPath: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['-e', HOLDER, lockPath], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    proc.stdout.once('data', () => resolve(proc));
    proc.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

function deadPid(): Promise<number> {
  const proc = spawn(process.execPath, ['-e', '0']);
  return new Promise((resolve) => proc.once('exit', () => resolve(proc.pid!)));
}

describe('ledger lock', () => {
  it('refuses a second writer while another process holds the lock, naming its pid and command', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    child = await startHolder(lockPathFor(t.file));

    const error = await openLedger(t.file).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BusyError);
    expect((error as BusyError).exitCode).toBe(75);
    expect((error as BusyError).message).toContain(`pid ${child.pid}`);
    expect((error as BusyError).message).toContain('(smsmatch daemon)');
    const reader = await openLedger(t.file, { readOnly: true });
    expect(reader.readOnly).toBe(true);
  });

  it('holds the lock for the life of the ledger: a child process cannot create it, and close removes it', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const ledger = await openLedger(t.file, { command: 'smsmatch reconcile' });
    const info = JSON.parse(await readFile(lockPathFor(t.file), 'utf8'));

    const result = await startHolder(lockPathFor(t.file)).then(() => 'locked', (e: Error) => e.message);
    await ledger.close();

    expect(info).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'smsmatch reconcile' });
    expect(result).toBe('lock holder exited with 1');
    await expect(stat(lockPathFor(t.file))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second open in the same process', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const first = await openLedger(t.file);

    await expect(openLedger(t.file)).rejects.toBeInstanceOf(BusyError);
    await first.close();
    const again = await openLedger(t.file);
    await again.close();
  });

  it('takes over a stale lock left by a dead process on this host, with a warning', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const pid = await deadPid();
    await writeFile(lockPathFor(t.file), JSON.stringify({ pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'smsmatch daemon' }));

    const ledger = await openLedger(t.file);

    expect(ledger.warnings.join('\n')).toContain(`took over a stale ledger lock ${lockPathFor(t.file)} left by pid ${pid}`);
    expect(JSON.parse(await readFile(lockPathFor(t.file), 'utf8')).pid).toBe(process.pid);
    await ledger.close();
  });

  it('never takes over a lock from another host', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    await writeFile(lockPathFor(t.file), JSON.stringify({ pid: 1, hostname: 'other-box', startedAt: 'x', command: 'smsmatch daemon' }));

    const error = await acquireLock(t.file, 'smsmatch reconcile').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BusyError);
    expect((error as BusyError).message).toContain('pid 1 on other-box');
    expect((error as BusyError).hint).toContain(`delete ${lockPathFor(t.file)}`);
  });
});

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxRequest, ShopInfo } from './shops-sandboxes.js';

/** What the many-shops bench drives: the sandboxes' process, shop configs, daemon processes and /proc readings. */
type Req = SandboxRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface Sandboxes {
  ask<T>(req: Req): Promise<T>;
  close(): Promise<void>;
}

export function startSandboxes(): Sandboxes {
  const child = fork(fileURLToPath(new URL('./shops-sandboxes.js', import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let next = 0;
  const waiting = new Map<number, (reply: Record<string, unknown>) => void>();
  child.on('message', (reply: Record<string, unknown>) => {
    waiting.get(reply['id'] as number)?.(reply);
    waiting.delete(reply['id'] as number);
  });
  return {
    ask<T>(req: Req): Promise<T> {
      const id = (next += 1);
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, (reply) => (reply['error'] ? reject(new Error(reply['error'] as string)) : resolve(reply as T)));
        child.send({ ...req, id });
      });
    },
    async close() {
      await this.ask({ op: 'stop' }).catch(() => undefined);
      child.kill();
      await exited(child);
    },
  };
}

/** One shop config per sandbox, as `init --config DIR/NAME.json` writes it. */
export function writeShops(dir: string, names: string[], infos: ShopInfo[], schedule: string): void {
  names.forEach((name, i) => {
    const s = infos[i]!;
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({
      shop: { url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret },
      dropbox: { url: s.dropboxUrl, token: s.dropboxToken },
      daemon: { schedule, timezone: 'UTC' },
    }), { mode: 0o600 });
  });
}

export interface Daemon {
  child: ChildProcess;
  log(): string;
}

/** `smsmatch daemon --shops DIR` in its own process, with the V8 flag `smsmatch systemd` puts in its unit. */
export function startDaemon(dir: string, stateDir: string, env: Record<string, string> = {}): Daemon {
  const bin = fileURLToPath(new URL('../../bin/smsmatch.js', import.meta.url));
  const child = spawn(process.execPath, ['--max-semi-space-size=1', bin, 'daemon', '--shops', dir, '--state-dir', stateDir], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env['PATH'] ?? '', HOME: stateDir, TZ: 'UTC', ...env },
  });
  let tail = '';
  child.stderr.on('data', (d: Buffer) => {
    tail = (tail + d.toString()).slice(-20_000);
  });
  return { child, log: () => tail };
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('close', () => resolve()));
}

/** Resident memory (MB), CPU seconds so far and open file descriptors of a process, from /proc (Linux). */
export function processStats(pid: number): { rssMb: number; cpuSeconds: number; fds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name) are user and system time in clock ticks.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: rssKb / 1024, cpuSeconds: ticks / 100, fds: readdirSync(`/proc/${pid}/fd`).length };
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: () => string, every = 200): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`bench: timed out after ${ms / 1000} s waiting for ${what()}`);
    await sleep(every);
  }
  return Date.now() - t0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

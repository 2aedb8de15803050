import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { runDaemonCommand } from '../../../src/commands/daemon.js';
import { isStaticPath, type Sandbox } from '../../../src/sandbox/index.js';
import { workspace, type Workspace } from '../../e2e/helpers.js';
import { captureIo, type CapturedIo } from '../../helpers/io.js';

export interface InprocDaemon {
  ws: Workspace;
  io: CapturedIo;
  exit: Promise<number>;
  stop(): Promise<number>;
  status(): Record<string, unknown> | null;
}

/** The real `smsmatch daemon` command in this process, on the given config, stopped with a fake SIGTERM. */
export function startDaemonInproc(s: Sandbox, daemon: Record<string, unknown> = {}, ws?: Workspace): InprocDaemon {
  const w = ws ?? workspace(s, { daemon: { timezone: 'UTC', ...daemon } });
  const signals = new EventEmitter();
  const io = captureIo({ env: { HOME: '/nonexistent', SMSMATCH_LOG_LEVEL: 'debug' } });
  const exit = runDaemonCommand({ config: w.config, signals }, io);
  return {
    ws: w, io, exit,
    async stop() {
      signals.emit('SIGTERM');
      return exit;
    },
    status() {
      try {
        return JSON.parse(readFileSync(`${w.ledger}.status.json`, 'utf8')) as Record<string, unknown>;
      } catch {
        return null;
      }
    },
  };
}

export async function until(check: () => boolean, ms: number, what: string, io?: CapturedIo): Promise<number> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}${io ? `; daemon log:\n${io.err()}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - t0;
}

/** Requests that ran WordPress (PHP), as opposed to static files the web server answers from disk. */
export function phpRequests(s: Sandbox): number {
  return s.state.requests.filter((r) => !isStaticPath(r.path)).length;
}

export function staticRequests(s: Sandbox): Array<{ status: number }> {
  return s.state.requests.filter((r) => isStaticPath(r.path));
}

export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The order is paid and smsmatch's note is on it: the pass got past its last write for that payment. */
export function settled(s: Sandbox, orderId: number, code: string): boolean {
  return s.state.order(orderId)?.transaction_id === code && s.state.notes(orderId).some((n) => n.note.startsWith(`smsmatch: payment ${code} `));
}

/** Payments the daemon's passes report as applied so far (a pass logs its counts when it has finished). */
export function appliedInLog(io: CapturedIo): number {
  return [...io.err().matchAll(/^info tick: .*\bapplied (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

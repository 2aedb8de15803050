import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../src/io.js';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

/** An in-memory Io for running commands in-process. */
export function captureIo(options: { env?: Record<string, string | undefined>; stdin?: string; cwd?: string; isTTY?: boolean } = {}): CapturedIo {
  let out = '';
  let err = '';
  const stdout = new Writable({ write(chunk, _enc, cb) { out += String(chunk); cb(); } }) as Writable & { isTTY?: boolean };
  const stderr = new Writable({ write(chunk, _enc, cb) { err += String(chunk); cb(); } }) as Writable & { isTTY?: boolean };
  stdout.isTTY = options.isTTY ?? false;
  stderr.isTTY = options.isTTY ?? false;
  if (options.isTTY) {
    // The cursor methods a tty.WriteStream has, for code (ora) that redraws a line.
    const done = (cb?: () => void): boolean => { cb?.(); return true; };
    for (const stream of [stdout, stderr]) {
      Object.assign(stream, { columns: 80, cursorTo: (_x: number, _y?: unknown, cb?: () => void) => done(typeof _y === 'function' ? (_y as () => void) : cb), moveCursor: (_dx: number, _dy: number, cb?: () => void) => done(cb), clearLine: (_d: number, cb?: () => void) => done(cb), clearScreenDown: (cb?: () => void) => done(cb) });
    }
  }
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.stdin === undefined && (options.isTTY ?? false);
  if (options.stdin !== undefined) stdin.end(options.stdin);
  else stdin.end();
  return {
    stdout,
    stderr,
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}

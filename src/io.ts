import type { Writable } from 'node:stream';

/**
 * What a command may touch of the process. Commands never read process.* themselves, so tests run them
 * in-process with fake streams and environment.
 */
export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Set by signal handlers (daemon); long operations check it between steps. */
  signal?: AbortSignal;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

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
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/**
 * `smsmatch status | head -1`: the reader leaves after one line and every later write fails with EPIPE, which Node
 * raises as an 'error' event nobody listens to (an uncaught stack). A closed pipe only means nobody wants the rest
 * of the output: drop it quietly and let the command finish its work and exit with its own code. Any other write
 * error is a real one: said once on stderr (when stderr itself still works) and the exit code says 74.
 */
const guarded = new WeakSet<NodeJS.WriteStream>();

export function quietOnClosedPipe(stream: NodeJS.WriteStream, onOtherError: (error: NodeJS.ErrnoException) => void = reportWriteError): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    onOtherError(error);
  });
}

function reportWriteError(error: NodeJS.ErrnoException): void {
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 74;
  if (!process.stderr.destroyed) process.stderr.write(`smsmatch: cannot write the output: ${error.message}\n`);
}

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

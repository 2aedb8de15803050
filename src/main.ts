import { CommanderError } from 'commander';
import { ExitCode, isSmsmatchError } from './errors.js';
import type { Io } from './io.js';
import { writeLine } from './io.js';
import { buildProgram } from './program.js';
import { redact } from './log/redact.js';

/**
 * The single error boundary: runs one command line and returns its exit code. Expected failures print one
 * line (plus a hint); anything else is a bug and prints the stack.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const result = { exitCode: ExitCode.ok as number };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.exitCode;
  } catch (error) {
    return reportError(error, io, argv.includes('--verbose'));
  }
}

/** Prints an error the way every command line does and returns its exit code (also used by in-process tests). */
export function reportError(error: unknown, io: Io, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" only to commander.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isSmsmatchError(error)) {
    writeLine(io.stderr, `smsmatch: ${redact(error.message)}`);
    if (error.hint) writeLine(io.stderr, `  hint: ${redact(error.hint)}`);
    if (verbose && error.stack) writeLine(io.stderr, redact(error.stack));
    return error.exitCode;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeLine(io.stderr, `smsmatch: internal error (this is a bug, please report it with the lines below)`);
  writeLine(io.stderr, redact(stack));
  return ExitCode.internal;
}

import { Command } from 'commander';
import type { Io } from './io.js';

declare const SMSMATCH_VERSION: string | undefined;

/** Declarative command table: names, options, help and examples. Actions lazily import their command. */
/** Commands store their exit code in `result`; `main` returns it. */
export interface RunResult {
  exitCode: number;
}

export function buildProgram(io: Io, result: RunResult): Command {
  void result;
  const program = new Command('smsmatch')
    .description('Confirm mobile-money payments from forwarded SMS against WooCommerce orders.')
    .version(typeof SMSMATCH_VERSION === 'string' ? SMSMATCH_VERSION : '0.1.0')
    .option('--verbose', 'show stack traces and debug logs')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError('(run with --help for usage)');
  return program;
}

import ora from 'ora';
import type { Io } from '../io.js';
import { isInteractive } from './terminal.js';

export interface Spinner {
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

const SILENT: Spinner = { succeed: () => undefined, fail: () => undefined, stop: () => undefined };

/**
 * A spinner around a network wait, for a person at a terminal only: never under systemd, cron, CI, `--json`
 * or NO_COLOR, where it would only litter the log.
 */
export function startSpinner(io: Io, text: string, wanted = true): Spinner {
  if (!wanted || !isInteractive(io) || io.env['NO_COLOR']) return SILENT;
  const spinner = ora({ text, stream: io.stderr }).start();
  return {
    succeed: (t) => void spinner.succeed(t),
    fail: (t) => void spinner.fail(t),
    stop: () => void spinner.stop(),
  };
}

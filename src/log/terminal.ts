import { Chalk } from 'chalk';
import type { Io } from '../io.js';
import type { LogFormat, LogLevel } from './logger.js';

/**
 * Colour and spinners only for a person at a terminal: never under systemd/cron (no TTY), never with CI
 * set, and never with NO_COLOR (which chalk itself ignores).
 */
export function isInteractive(io: Io): boolean {
  return io.stderr.isTTY === true && !io.env['CI'] && io.env['TERM'] !== 'dumb';
}

export function colours(io: Io): InstanceType<typeof Chalk> {
  const enabled = io.stdout.isTTY === true && !io.env['NO_COLOR'] && !io.env['CI'];
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function defaultLogFormat(io: Io, requested?: string): LogFormat {
  if (requested === 'json' || requested === 'plain' || requested === 'pretty') return requested;
  return isInteractive(io) ? 'pretty' : 'plain';
}

export function levelColour(io: Io): (level: LogLevel, line: string) => string {
  const c = new Chalk({ level: isInteractive(io) && !io.env['NO_COLOR'] ? 1 : 0 });
  return (level, line) => (level === 'error' ? c.red(line) : level === 'warn' ? c.yellow(line) : level === 'debug' ? c.dim(line) : line);
}

import type { Writable } from 'node:stream';
import { redact } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'pretty' | 'plain' | 'json';
export type LogMeta = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, meta?: LogMeta): void;
  info(msg: string, meta?: LogMeta): void;
  warn(msg: string, meta?: LogMeta): void;
  error(msg: string, meta?: LogMeta): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  stream: Writable;
  level?: LogLevel;
  format?: LogFormat;
  /** Pretty format only: decorate a line (colour); plain/json never colour. */
  colour?: (level: LogLevel, line: string) => string;
  /** JSON format only: include a timestamp (journald adds its own to plain lines). */
  now?: () => Date;
}

/**
 * Plain lines (`level msg key=value`, no timestamp: journald adds one), JSON lines for log shippers, or
 * pretty lines for a terminal. Everything passes through redact() so no secret reaches a log.
 */
export function createLogger(options: LoggerOptions): Logger {
  const min = ORDER[options.level ?? 'info'];
  const format = options.format ?? 'plain';
  const write = (level: LogLevel, msg: string, meta: LogMeta = {}): void => {
    if (ORDER[level] < min) return;
    let line: string;
    if (format === 'json') {
      const record: Record<string, unknown> = { level, msg, ...meta };
      if (options.now) record['time'] = options.now().toISOString();
      line = JSON.stringify(record);
    } else {
      const pairs = Object.entries(meta)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${formatValue(v)}`);
      line = format === 'pretty' ? [msg, ...pairs].join('  ') : [level, msg, ...pairs].join(' ');
      if (format === 'pretty' && options.colour) line = options.colour(level, line);
    }
    options.stream.write(`${redact(line)}\n`);
  };
  return {
    debug: (m, meta) => write('debug', m, meta),
    info: (m, meta) => write('info', m, meta),
    warn: (m, meta) => write('warn', m, meta),
    error: (m, meta) => write('error', m, meta),
  };
}

function formatValue(v: string | number | boolean | null | undefined): string {
  const s = String(v);
  return /[\s"=]/.test(s) ? JSON.stringify(s) : s;
}

/** A logger that keeps records in memory, for tests and for commands that report at the end. */
export function memoryLogger(): Logger & { records: Array<{ level: LogLevel; msg: string; meta: LogMeta }> } {
  const records: Array<{ level: LogLevel; msg: string; meta: LogMeta }> = [];
  const push = (level: LogLevel) => (msg: string, meta: LogMeta = {}) => void records.push({ level, msg, meta });
  return { records, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' ? value : undefined;
}

/**
 * One error type for everything the user can fix, each with its exit code and a hint that points at the
 * README section that fixes it. `main` is the only place that turns these into output and exit codes.
 */
export const ExitCode = {
  ok: 0,
  itemFailed: 1,
  usage: 64,
  dataError: 65,
  unavailable: 69,
  internal: 70,
  ioError: 74,
  busy: 75,
  auth: 77,
  config: 78,
  /** The user pressed Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorOptions {
  hint?: string;
  cause?: unknown;
}

export class SmsmatchError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;

  constructor(code: string, exitCode: ExitCodeValue, message: string, options: ErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint;
  }
}

export class UsageError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_USAGE', ExitCode.usage, message, options);
  }
}

/** Input data (a messages or orders file, a ledger) is malformed. */
export class DataError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_DATA', ExitCode.dataError, message, options);
  }
}

export class ConfigError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_CONFIG', ExitCode.config, message, options);
  }
}

/** The shop or the drop-box could not be reached or kept failing after retries. */
export class UnavailableError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_UNAVAILABLE', ExitCode.unavailable, message, options);
  }
}

export class AuthError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_AUTH', ExitCode.auth, message, options);
  }
}

/** Another smsmatch process holds the ledger lock. */
export class BusyError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_BUSY', ExitCode.busy, message, options);
  }
}

export class IoError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_IO', ExitCode.ioError, message, options);
  }
}

/** The user stopped the command (Ctrl-C at a prompt, SIGINT/SIGTERM during a run): not a failure to report. */
export class InterruptedError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_INTERRUPTED', ExitCode.interrupted, message, options);
  }
}

export class InternalError extends SmsmatchError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_INTERNAL', ExitCode.internal, message, options);
  }
}

export function isSmsmatchError(error: unknown): error is SmsmatchError {
  return error instanceof SmsmatchError;
}

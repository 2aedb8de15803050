/**
 * Generic retry policy for HTTP calls: what is safe to repeat, how long to wait, and the loop that does it.
 * The transport turns its own errors into a `Failure`; this module never sees sockets or axios.
 */

/** What went wrong with one attempt, as far as retrying is concerned. */
export type Failure =
  | { kind: 'network'; code: string; neverSent: boolean }
  | { kind: 'timeout'; neverSent: boolean }
  | { kind: 'status'; status: number; retryAfter?: string | null | undefined };

export interface RetryOptions {
  /** Extra attempts after the first one. */
  retries: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); injectable so tests get exact delays. */
  random?: () => number;
  /** Epoch ms, for Retry-After given as an HTTP date. */
  now?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
}

const RETRYABLE_READ_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Errors that prove the request never left this machine (no connection was made). */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function isNeverSentCode(code: string | undefined, syscall?: string): boolean {
  if (code === undefined) return false;
  if (NEVER_SENT_CODES.has(code)) return true;
  // An OS-level connect timeout: the TCP handshake never completed.
  return code === 'ETIMEDOUT' && syscall === 'connect';
}

export function isReadMethod(method: string): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD' || m === 'OPTIONS';
}

/** Seconds or an HTTP date → milliseconds to wait (never negative); null when absent or unparseable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Milliseconds to wait before the next attempt, or null when the failure must not be retried.
 * Reads (GET) are retried on network errors, timeouts and 408/429/5xx-gateway statuses. Writes are retried only
 * when the request certainly never reached the server, or when the server refused it up front with 429/503 and a
 * Retry-After. A write that timed out while reading the answer, or got a 5xx, may have been applied: repeating it
 * could mark an order paid twice or overwrite a person's change, so the caller re-reads the order instead.
 */
export function retryDelay(method: string, failure: Failure, attempt: number, options: RetryOptions): number | null {
  const retryAfterCap = options.maxRetryAfterMs ?? 60_000;
  const read = isReadMethod(method);
  if (failure.kind === 'network' || failure.kind === 'timeout') {
    if (!read && !failure.neverSent) return null;
    return backoff(attempt, options);
  }
  const retryAfter = parseRetryAfter(failure.retryAfter, (options.now ?? Date.now)());
  const refusedUpFront = (failure.status === 429 || failure.status === 503) && retryAfter !== null;
  if (!read && !refusedUpFront) return null;
  if (read && !RETRYABLE_READ_STATUSES.has(failure.status)) return null;
  if (retryAfter !== null) return Math.min(retryAfter, retryAfterCap);
  return backoff(attempt, options);
}

/** Exponential backoff with jitter: between half and all of base·2^attempt, capped. */
export function backoff(attempt: number, options: RetryOptions): number {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 8_000;
  const ceiling = Math.min(cap, base * 2 ** attempt);
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, or retries run out; the last error is rethrown
 * unchanged so the caller can map it. `toFailure` returns null for errors that are not transport failures.
 */
export async function withRetries<T>(
  method: string,
  attempt: () => Promise<T>,
  toFailure: (error: unknown) => Failure | null,
  options: RetryOptions,
): Promise<T> {
  for (let n = 0; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      const failure = toFailure(error);
      if (failure === null || n >= options.retries) throw error;
      const delay = retryDelay(method, failure, n, options);
      if (delay === null) throw error;
      await options.sleep(delay);
    }
  }
}

/** An https request to a port that answers plain http: OpenSSL reads the HTTP reply as a broken TLS record. */
export function isNotTlsCode(code: string): boolean {
  return code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG';
}

import { smallRequest, type SmallResponse } from '../http-request.js';

/**
 * The drop-box's signal file: a tiny static file under wp-content/uploads that the plugin rewrites with a fresh
 * random nonce whenever something the daemon should act on happens (a payment SMS stored, a customer's code
 * entry, an admin action). The web server answers it from disk, so asking every second costs the shop no PHP.
 *
 * Conditional GETs echo the server's own validators (ETag, Last-Modified) verbatim: nothing here compares the
 * shop's clock with ours. A changing query string and no-cache request headers keep CDNs and proxies from
 * answering with an old copy; an `Age` header older than we allow is reported as a cached answer.
 */
export type SignalRead =
  | { kind: 'unchanged' }
  | { kind: 'changed'; nonce: string }
  /** 404/410/3xx: the file is gone (deleted, or uploads moved); the plugin recreates it on /health. */
  | { kind: 'missing'; status: number }
  /** Served, but not as the signal file (an HTML page, a redirect, a 403, another body): not usable. */
  | { kind: 'unusable'; detail: string }
  /** Answered from a cache (an `Age` header beyond what we allow): cannot be trusted to show changes. */
  | { kind: 'cached'; detail: string }
  /** No answer (network, timeout, 5xx): transient. */
  | { kind: 'unreachable'; detail: string };

export interface SignalReader {
  read(): Promise<SignalRead>;
  /** The last nonce the file showed, or null before the first successful read. */
  nonce(): string | null;
  requestCount(): number;
}

const NONCE = /^[A-Za-z0-9]{16,64}$/;
const MAX_BYTES = 256;

export function createSignalReader(opts: { url: string; timeoutMs?: number; maxAgeSeconds?: number }): SignalReader {
  let etag: string | null = null;
  let lastModified: string | null = null;
  let current: string | null = null;
  let requests = 0;
  let bust = 0;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const maxAge = opts.maxAgeSeconds ?? 5;

  async function read(): Promise<SignalRead> {
    const url = new URL(opts.url);
    // A query string no cache has seen: CDNs that key on it must go to the origin (still a static file there).
    url.searchParams.set('n', `${Date.now().toString(36)}${(bust++).toString(36)}`);
    const headers: Record<string, string> = { 'Cache-Control': 'no-cache', Pragma: 'no-cache', Accept: 'text/plain' };
    if (current !== null && etag !== null) headers['If-None-Match'] = etag;
    if (current !== null && lastModified !== null) headers['If-Modified-Since'] = lastModified;
    let res: SmallResponse;
    requests++;
    try {
      res = await smallRequest(url.toString(), { method: 'GET', headers, timeoutMs, maxBytes: 64 * 1024 });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return { kind: 'unreachable', detail: (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause?.code ?? (error as Error).message) };
    }
    const age = Number(res.header('age') ?? '0');
    if (Number.isFinite(age) && age > maxAge) return { kind: 'cached', detail: `answered from a cache (Age: ${age} s)` };
    if (res.status === 304) return current === null ? { kind: 'unusable', detail: 'HTTP 304 to an unconditional request' } : { kind: 'unchanged' };
    // A missing file falls through to WordPress on most hosts: a 404 page, or a canonical redirect.
    if (res.status === 404 || res.status === 410 || (res.status >= 300 && res.status < 400)) return { kind: 'missing', status: res.status };
    if (res.status >= 500 || res.status === 429) return { kind: 'unreachable', detail: `HTTP ${res.status}` };
    if (res.status !== 200) return { kind: 'unusable', detail: `HTTP ${res.status}` };
    const body = res.text.trim();
    if (res.text.length > MAX_BYTES || !NONCE.test(body)) return { kind: 'unusable', detail: 'the answer is not a signal file (an HTML page or other content is served there)' };
    etag = res.header('etag');
    lastModified = res.header('last-modified');
    if (body === current) return { kind: 'unchanged' };
    current = body;
    return { kind: 'changed', nonce: body };
  }

  return { read, nonce: () => current, requestCount: () => requests };
}

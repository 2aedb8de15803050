import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface SmallResponse {
  status: number;
  header(name: string): string | null;
  text: string;
}

/**
 * One HTTP request with node:http(s), for the drop-box poll that an idle daemon makes every tick: Node's global
 * fetch (undici) costs ~40 MB of resident memory on first use, this costs next to nothing. Errors are shaped like
 * fetch's (a TypeError whose `cause` has the socket error's `code`; a `TimeoutError`) so callers treat both alike.
 * Redirects are never followed: they would carry the token elsewhere.
 */
export function smallRequest(url: string, init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; maxBytes?: number }): Promise<SmallResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBytes = init.maxBytes ?? 20 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: init.method, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy(Object.assign(new Error(`answer larger than ${maxBytes} bytes`), { code: 'ETOOLARGE' }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const headers = res.headers;
        resolve({
          status: res.statusCode ?? 0,
          header: (name) => {
            const v = headers[name.toLowerCase()];
            return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
          },
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => {
      const error = new Error(`no answer within ${init.timeoutMs} ms`);
      error.name = 'TimeoutError';
      req.destroy(error);
    }, init.timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error.name === 'TimeoutError' ? error : new TypeError('request failed', { cause: error }));
    }
    req.on('error', fail);
    req.end(init.body);
  });
}

import type { Sandbox, SandboxOrderSeed } from '../../src/sandbox/index.js';

export interface Res {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  json: any;
  text: string;
  headers: Headers;
}

export async function http(url: string, init: RequestInit = {}): Promise<Res> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** A WooCommerce call with the sandbox's read/write key in the Authorization header. */
export function wc(sb: Sandbox, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Res> {
  const headers = new Headers(init.headers);
  if (!headers.has('Authorization')) headers.set('Authorization', basic(sb.consumerKey, sb.consumerSecret));
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  return http(`${sb.wcBase}${path}`, { ...init, headers, body });
}

export const NOW = new Date('2026-08-28T12:00:00Z');

export function seed(id: number, status: string, total: number, minutesAgo: number, extra: Partial<SandboxOrderSeed> = {}): SandboxOrderSeed {
  return {
    id,
    status,
    total,
    createdAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    billing: { first_name: `First${id}`, last_name: `Last${id}`, phone: `07123456${String(id).slice(-2)}`, email: `c${id}@example.com` },
    ...extra,
  };
}

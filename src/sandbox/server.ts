import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxEnv } from './context.js';
import type { FaultAction } from './faults.js';
import { wpError, type Reply, type SandboxRequest } from './http.js';
import { parsePhpQuery } from './php-query.js';
import { dispatch, resolveRoute } from './router.js';

const MAX_BODY = 8 * 1024 * 1024;
const MASKED = new Set(['consumer_secret', 'secret', 'oauth_signature']);

/** One request: read it, let faults intervene before and after the shop handles it, answer, log. */
export async function handleRequest(raw: IncomingMessage, res: ServerResponse, env: SandboxEnv): Promise<void> {
  const req = await readRequest(raw);
  const before = env.faults.take(req, 'before');
  if (before?.kind === 'hang') return logRequest(env, req, 0, before.name);
  if (before?.kind === 'delay') await sleep(before.ms);
  let reply: Reply;
  let fault = before?.name;
  if (before?.kind === 'reply') {
    await sleep(before.delayMs);
    reply = before.reply;
  } else {
    reply = safeDispatch(req, env);
    const after: (FaultAction & { name: string }) | null = env.faults.take(req, 'after');
    if (after?.kind === 'hang') return logRequest(env, req, 0, after.name);
    if (after?.kind === 'reply') {
      await sleep(after.delayMs);
      reply = after.reply;
      fault = after.name;
    }
  }
  // The shop's own clock (tests skew it), as a real server's Date header would show.
  res.setHeader('Date', env.now().toUTCString());
  writeReply(res, reply, raw.method === 'HEAD');
  logRequest(env, req, reply.status, fault);
}

function safeDispatch(req: SandboxRequest, env: SandboxEnv): Reply {
  try {
    return dispatch(req, env);
  } catch (error) {
    return wpError(500, 'internal_server_error', 'There has been a critical error on this website.', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

async function readRequest(raw: IncomingMessage): Promise<SandboxRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= MAX_BODY) chunks.push(buf);
  }
  const url = raw.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  const query = parsePhpQuery(rawQuery);
  return {
    method: (raw.method ?? 'GET').toUpperCase(),
    path,
    route: resolveRoute(path, rawQuery, query),
    rawQuery,
    query,
    headers: raw.headers,
    // PHP drops a body over post_max_size entirely; a truncated body could be taken for a shorter real one.
    body: size <= MAX_BODY ? Buffer.concat(chunks) : Buffer.alloc(0),
  };
}

function writeReply(res: ServerResponse, reply: Reply, head: boolean): void {
  const text = reply.raw ? reply.raw.text : JSON.stringify(reply.json ?? null);
  res.statusCode = reply.status;
  res.setHeader('Content-Type', reply.raw ? reply.raw.contentType : 'application/json; charset=UTF-8');
  if (!reply.raw) {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Access-Control-Expose-Headers', 'X-WP-Total, X-WP-TotalPages, Link');
  }
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(head ? undefined : text);
}

function logRequest(env: SandboxEnv, req: SandboxRequest, status: number, fault?: string): void {
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(req.rawQuery)) {
    if (!(k in query)) query[k] = MASKED.has(k) ? '***' : v;
  }
  env.shop.requests.push({
    method: req.method,
    path: req.path,
    route: req.route,
    query,
    status,
    at: env.now().toISOString(),
    ...(fault ? { fault } : {}),
    ...(typeof req.headers['user-agent'] === 'string' ? { userAgent: req.headers['user-agent'] } : {}),
  });
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

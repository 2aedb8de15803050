import { safeEqual } from './auth.js';
import type { Call, Handler, SandboxEnv } from './context.js';
import { json, wpBodyParams, wpError, type BodyParams, type Reply, type SandboxRequest } from './http.js';
import { pendingActions } from './publish.js';
import { signalHealth } from './signal.js';
import { isoSeconds } from './smssync.js';

export const PLUGIN_VERSION = '1.1.0';

const invalid = (message: string): Reply => wpError(400, 'smsmatch_invalid_param', message);

/** Bearer token, or `X-Smsmatch-Token` for hosts that strip Authorization; compared in constant time. */
function tokenOk(req: SandboxRequest, env: SandboxEnv): boolean {
  const bearer = env.faults.authorizationStripped ? undefined : /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const fallback = req.headers['x-smsmatch-token'];
  const given = bearer ?? (typeof fallback === 'string' ? fallback : undefined);
  return given !== undefined && safeEqual(env.dropboxToken, given);
}

/** Wraps a daemon-API handler with the token check. */
export function withToken(handler: Handler): Handler {
  return (call) => {
    if (!tokenOk(call.req, call.env)) {
      return wpError(401, 'smsmatch_unauthorized', 'Missing or invalid drop-box token. Send it as "Authorization: Bearer <token>" or "X-Smsmatch-Token: <token>".');
    }
    return handler(call);
  };
}

/** The daemon sends JSON; accept it even when a client forgets the content type. */
function bodyParams(req: SandboxRequest): BodyParams {
  const text = req.body.toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      return { ok: true, params: JSON.parse(text) as Record<string, unknown> };
    } catch {
      return { ok: false, reply: invalid('The body is not valid JSON.') };
    }
  }
  return wpBodyParams(req);
}

function intParam(value: unknown, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
}

export function listMessages({ req, env }: Call): Reply {
  const after = intParam(req.query['after'], 0);
  const limit = intParam(req.query['limit'], 100);
  if (after === null) return invalid('after must be a non-negative integer.');
  if (limit === null || limit < 1 || limit > 500) return invalid('limit must be an integer between 1 and 500.');
  const box = env.shop.dropbox;
  box.lastPollAt = isoSeconds(env.now());
  const newer = box.messages.filter((m) => m.id > after);
  const page = newer.slice(0, limit);
  return json(200, {
    messages: page.map((m) => ({ ...m })),
    next_after: page.at(-1)?.id ?? after,
    has_more: newer.length > page.length,
    pending_actions: pendingActions(box.actions),
    signal_nonce: box.signal.nonce,
    last_code_at: box.lastCodeAt,
  });
}

export function queueOutbox({ req, env }: Call): Reply {
  const body = bodyParams(req);
  if (!body.ok) return body.reply;
  const { to, message, uuid } = body.params;
  if (typeof to !== 'string' || !/^\+?[0-9]{6,15}$/.test(to.replace(/[\s-]/g, ''))) return invalid('to must be a phone number.');
  if (typeof message !== 'string' || message.trim() === '') return invalid('message must be a non-empty string.');
  if (typeof uuid !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) return invalid('uuid must be a UUID.');
  const outbox = env.shop.dropbox.outbox;
  const existing = outbox.find((m) => m.uuid === uuid.toLowerCase());
  if (existing) return json(200, { uuid: existing.uuid, status: existing.status, created: false });
  outbox.push({ uuid: uuid.toLowerCase(), to, message, status: 'queued', created_at: isoSeconds(env.now()), handed_at: null, result: null });
  return json(201, { uuid: uuid.toLowerCase(), status: 'queued', created: true });
}

export function health({ env }: Call): Reply {
  const box = env.shop.dropbox;
  return json(200, {
    plugin_version: PLUGIN_VERSION,
    now: isoSeconds(env.now()),
    last_sms_at: box.lastSmsAt,
    last_poll_at: box.lastPollAt,
    outbox_size: box.outbox.filter((m) => m.status === 'queued').length,
    stored: box.messages.length,
    dropped: box.dropped,
    last_id: box.messages.at(-1)?.id ?? 0,
    signal: signalHealth(env),
  });
}

export function notify({ req, env }: Call): Reply {
  const body = bodyParams(req);
  if (!body.ok) return body.reply;
  const { subject, message } = body.params;
  if (typeof subject !== 'string' || subject.trim() === '') return invalid('subject must be a non-empty string.');
  if (typeof message !== 'string') return invalid('message must be a string.');
  if (env.faults.takeMailFailure()) return wpError(502, 'smsmatch_mail_failed', 'wp_mail() could not send the alert.');
  env.shop.logEmail({ to: env.shop.hooks.adminEmail, template: 'smsmatch_alert', orderId: null, subject, message });
  return json(200, { sent: true });
}

import type { Call } from './context.js';
import { json, wpError, type Reply } from './http.js';
import { isoSeconds } from './smssync.js';
import type { AdminActionRow, PublishedCopy } from './types.js';

/**
 * The daemon's side of the wp-admin page, as the plugin's Smsmatch_Dropbox_Publish_Api serves it
 * (docs/dropbox-api.md §3): POST /publish, GET /actions, POST /actions/ID. Token-checked by the router.
 */
export const MAX_PUBLISH_BODY = 4 * 1024 * 1024;
const MAX_LISTED = 50;

const invalid = (message: string): Reply => wpError(400, 'smsmatch_invalid_param', message);

function jsonBody(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function publish({ req, env }: Call): Reply {
  if (req.body.length > MAX_PUBLISH_BODY) return wpError(413, 'smsmatch_too_large', `The snapshot is ${req.body.length} bytes; the drop-box takes at most ${MAX_PUBLISH_BODY}.`);
  const body = jsonBody(req.body.toString('utf8'));
  if (!body) return invalid('The body must be a JSON object.');
  if (body['version'] !== 1) return invalid('version must be 1; update smsmatch or the plugin so both speak the same version.');
  const payments = body['payments'];
  if (!Array.isArray(payments)) return invalid('payments must be an array.');
  for (const [i, p] of payments.entries()) {
    const ok = typeof p === 'object' && p !== null && typeof (p as Record<string, unknown>)['key'] === 'string' && typeof (p as Record<string, unknown>)['code'] === 'string';
    if (!ok) return invalid(`payments[${i}] must be an object with string key and code.`);
  }
  const health = body['health'];
  if (typeof health !== 'object' || health === null || Array.isArray(health)) return invalid('health must be an object.');
  const copy: PublishedCopy = {
    at: isoSeconds(env.now()), bytes: req.body.length, publishedAt: typeof body['published_at'] === 'string' ? body['published_at'] : '',
    dropped: Number(body['dropped'] ?? 0), reviewCount: Number(body['review_count'] ?? 0), health: health as Record<string, unknown>,
    payments: (payments as PublishedCopy['payments']).map((p) => ({ ...p, review: p.review === true })),
  };
  env.shop.dropbox.published = copy;
  return json(200, { stored: copy.payments.length, bytes: copy.bytes });
}

/** What the daemon needs of a queued action, in the plugin's field names. */
export function actionForDaemon(a: AdminActionRow): Record<string, unknown> {
  const base = { id: a.id, action: a.action, code: a.code, requested_by: a.requested_by, requested_at: a.requested_at };
  return a.action === 'assign' ? { ...base, order_id: a.order_id } : { ...base, reason: a.reason };
}

export function listActions({ env }: Call): Reply {
  const queued = env.shop.dropbox.actions.filter((a) => a.status === 'queued').slice(0, MAX_LISTED);
  return json(200, { actions: queued.map(actionForDaemon) });
}

export function reportAction({ req, env, params }: Call): Reply {
  const row = env.shop.dropbox.actions.find((a) => a.id === Number(params['id']));
  if (!row) return wpError(404, 'smsmatch_no_action', `There is no admin action ${params['id']}.`);
  const body = jsonBody(req.body.toString('utf8'));
  const status = body?.['status'];
  const detail = body?.['detail'];
  if (status !== 'done' && status !== 'failed') return invalid('status must be done or failed.');
  if (typeof detail !== 'string') return invalid('detail must be a string.');
  // The first report wins: a repeat after a crash changes nothing and says so.
  if (row.status !== 'queued') return json(200, { id: row.id, status: row.status, changed: false });
  Object.assign(row, { status, detail: detail.slice(0, 2000), done_at: isoSeconds(env.now()) });
  return json(200, { id: row.id, status, changed: true });
}

export function pendingActions(actions: readonly AdminActionRow[]): number {
  return actions.filter((a) => a.status === 'queued').length;
}

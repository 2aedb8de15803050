import { capSms } from '../adapters/sms-size.js';
import { safeEqual } from './auth.js';
import type { Call, SandboxEnv } from './context.js';
import { json, type Reply } from './http.js';
import { isPaymentSender } from './senders.js';
import { wakeDaemon } from './signal.js';
import { parseSmssyncBody, parseSmssyncQuery } from './smssync-body.js';
import type { OutboxMessage } from './types.js';

const TEST_MESSAGE = 'Test Message From SMSSync Integration';
const TASK_BATCH = 20;
// Delivery reports often never come; only ask for recent ones.
const RESULT_WINDOW_MS = 24 * 3600_000;

const success = (): Reply => json(200, { payload: { success: true, error: null } });
const badSecret = (): Reply => json(403, { payload: { success: false, error: 'Incorrect or missing secret key' } });

/** The SMSsync endpoint (docs/dropbox-api.md §1): incoming SMS, the test button and the task flow. */
export function smssync({ req, env }: Call): Reply {
  const query = parseSmssyncQuery(req.rawQuery);
  const task = query['task'];
  if (task === 'sent' && req.method === 'POST') return acknowledgeQueued(env, req.body);
  if (task === 'send' || task === 'result') {
    if (!secretOk(env, query['secret'])) return badSecret();
    if (task === 'send') return handOutTasks(env, query['secret'] ?? '');
    return req.method === 'POST' ? recordResults(env, req.body) : pendingResults(env);
  }
  if (req.method !== 'POST' && req.method !== 'PUT') return success();
  const fields = parseSmssyncBody(req.body, req.headers);
  if (!secretOk(env, fields['secret'] ?? query['secret'])) return badSecret();
  return receiveSms(env, fields);
}

function secretOk(env: SandboxEnv, given: string | undefined): boolean {
  if (env.smssyncSecret === '') return true;
  return given !== undefined && safeEqual(env.smssyncSecret, given);
}

function receiveSms(env: SandboxEnv, f: Record<string, string>): Reply {
  const box = env.shop.dropbox;
  const messageId = f['message_id'] ?? '';
  // The test button, low-battery alerts and junk carry no message_id or no from/message: acknowledge only.
  if (messageId === '' || f['message'] === TEST_MESSAGE || f['from'] === undefined || f['message'] === undefined) return success();
  if (box.messages.some((m) => m.message_id === messageId)) {
    box.duplicates++;
    return success();
  }
  if (!isPaymentSender(f['from'], env.paymentSenders)) {
    box.dropped++;
    return success();
  }
  const receivedAt = isoSeconds(env.now());
  // Like the plugin: an oversized SMS is stored cut to 4 KB with its size and hash, and still answered success.
  const cut = capSms({ message_id: messageId, from: f['from'], message: f['message'], sent_timestamp: '', sent_to: '', device_id: '' });
  box.messages.push({
    id: (box.messages.at(-1)?.id ?? 0) + 1,
    message_id: messageId,
    from: f['from'],
    message: cut.raw.message,
    ...(cut.truncated ? { truncated: { original_bytes: cut.truncated.originalBytes, sha256: cut.truncated.sha256 } } : {}),
    sent_timestamp: f['sent_timestamp'] ?? '',
    sent_to: f['sent_to'] ?? '',
    device_id: f['device_id'] ?? '',
    received_at: receivedAt,
  });
  box.lastSmsAt = receivedAt;
  wakeDaemon(env);
  return success();
}

function handOutTasks(env: SandboxEnv, secret: string): Reply {
  const now = isoSeconds(env.now());
  const batch = env.shop.dropbox.outbox.filter((m) => m.status === 'queued').slice(0, TASK_BATCH);
  for (const m of batch) {
    m.status = 'sent_to_phone';
    m.handed_at = now;
  }
  return json(200, { payload: { task: 'send', secret, messages: batch.map((m) => ({ to: m.to, message: m.message, uuid: m.uuid })) } });
}

/** `?task=sent` carries no secret: only uuids this drop-box handed out and still holds are echoed. */
function acknowledgeQueued(env: SandboxEnv, body: Buffer): Reply {
  const list = jsonField(body, 'queued_messages');
  const uuids = Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : [];
  const held = uuids.filter((uuid) => {
    const m = findOutbox(env, uuid);
    // Each uuid is claimed once: a second phone (or a repeated ack) gets nothing to send.
    if (m?.status !== 'sent_to_phone') return false;
    m.status = 'queued_on_phone';
    return true;
  });
  return json(200, { message_uuids: held });
}

function pendingResults(env: SandboxEnv): Reply {
  const cutoff = env.now().getTime() - RESULT_WINDOW_MS;
  const uuids = env.shop.dropbox.outbox
    .filter((m) => (m.status === 'sent_to_phone' || m.status === 'queued_on_phone') && m.result === null)
    .filter((m) => m.handed_at !== null && Date.parse(m.handed_at) >= cutoff)
    .map((m) => m.uuid);
  return json(200, { message_uuids: uuids });
}

/** `message_result` arrives as an array or as a JSON string holding one (SMSsync v3). */
function recordResults(env: SandboxEnv, body: Buffer): Reply {
  let results = jsonField(body, 'message_result');
  if (typeof results === 'string') {
    try {
      results = JSON.parse(results);
    } catch {
      results = [];
    }
  }
  for (const r of Array.isArray(results) ? results : []) {
    if (typeof r !== 'object' || r === null) continue;
    const result = r as Record<string, unknown>;
    env.shop.dropbox.results.push(result);
    const m = typeof result['uuid'] === 'string' ? findOutbox(env, result['uuid']) : undefined;
    if (!m) continue;
    m.result = result;
    if (Number(result['delivered_result_code']) === -1) m.status = 'delivered';
    else if (Number(result['sent_result_code']) > 0) m.status = 'failed';
  }
  return success();
}

function findOutbox(env: SandboxEnv, uuid: string): OutboxMessage | undefined {
  return env.shop.dropbox.outbox.find((m) => m.uuid === uuid);
}

function jsonField(body: Buffer, key: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

export function isoSeconds(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

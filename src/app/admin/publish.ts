import { createHash } from 'node:crypto';
import type { DropboxClient } from '../../adapters/dropbox/client.js';
import type { Ledger } from '../../adapters/ledger/index.js';
import type { Logger } from '../../log/logger.js';
import type { DaemonState } from '../daemon/state.js';
import { fitSnapshot, MAX_PUBLISH_BYTES } from './bound.js';
import { buildSnapshot, type Snapshot, type SnapshotMeta } from './snapshot.js';

export interface PublishEnv {
  ledger: Ledger;
  dropbox: DropboxClient;
  state: DaemonState;
  now: Date;
  meta: SnapshotMeta;
  log: Logger;
  maxBytes?: number;
}

/**
 * Sends the snapshot when it differs from the last one this process sent (so: on start, and after a pass that
 * changed something). Times that move every pass are left out of the comparison: an idle pass sends nothing.
 * A failure is logged and retried on the next pass.
 */
export async function publishIfChanged(env: PublishEnv): Promise<'sent' | 'unchanged' | 'failed'> {
  // Most passes change nothing: a cheap look at the ledger and the health spares building and hashing the snapshot.
  const quick = quickKey(env);
  if (env.state.publishedDigest !== null && env.state.publishedQuickKey === quick) return 'unchanged';
  const fitted = fitSnapshot(buildSnapshot(env.ledger, env.state, env.now, env.meta), env.maxBytes ?? MAX_PUBLISH_BYTES);
  const digest = fingerprint(fitted.snapshot);
  if (env.state.publishedDigest === digest) {
    env.state.publishedQuickKey = quick;
    return 'unchanged';
  }
  if (fitted.over) env.log.warn(`the review queue alone is over the ${env.maxBytes ?? MAX_PUBLISH_BYTES}-byte publish bound; it is sent whole anyway (settle some payments)`);
  try {
    await env.dropbox.publish(fitted.snapshot);
    env.state.publishedDigest = digest;
    env.state.publishedQuickKey = quick;
    env.log.debug('published to the drop-box', { payments: fitted.snapshot.payments.length, review: fitted.snapshot.review_count, dropped: fitted.snapshot.dropped, bytes: fitted.bytes });
    return 'sent';
  } catch (error) {
    env.log.warn(`could not publish payments to the drop-box (the wp-admin page shows older data until the next pass): ${(error as Error).message}`);
    return 'failed';
  }
}

/**
 * Changes whenever the snapshot can: a payment changed (count, newest change), an order write opened or closed
 * (stuck payments), alerts, the daemon's health, or the hour (payments leave the 30-day window).
 */
function quickKey(env: PublishEnv): string {
  const { ledger, state } = env;
  let newest = '';
  let count = 0;
  for (const p of ledger.paymentsByState('review', 'matched', 'confirmed', 'partial', 'unmatched', 'dismissed', 'assigned-manually', 'reversed')) {
    count += 1;
    if (p.updatedAt > newest) newest = p.updatedAt;
  }
  const pass = state.lastTick && state.lastTick.outcome !== 'idle' && state.lastTick.outcome !== 'ok' ? [state.lastTick.outcome, state.lastTick.detail] : 'ok';
  return JSON.stringify([
    count, newest, ledger.openIntents().length, ledger.openAlerts().map((a) => [a.id, a.message]), ledger.runs().at(-1)?.outcome ?? null,
    state.shopAuthFailure, state.dropboxAuthFailure, state.dropboxDownSince, state.dropboxError, state.lastSmsAt, pass, Math.floor(env.now.getTime() / 3_600_000),
  ]);
}

function fingerprint(s: Snapshot): string {
  const { last_pass: lastPass, last_run: lastRun, ...health } = s.health;
  // A failing pass must show; its time, and "idle" vs "ok" vs "first pass", do not.
  const pass = lastPass && lastPass.outcome !== 'idle' && lastPass.outcome !== 'ok' ? [lastPass.outcome, lastPass.detail] : 'ok';
  const run = lastRun ? [lastRun.command, lastRun.outcome] : null;
  return createHash('sha256').update(JSON.stringify({ ...s, published_at: null, health: { ...health, pass, run } })).digest('hex');
}

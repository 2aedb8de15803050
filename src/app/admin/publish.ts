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
  const fitted = fitSnapshot(buildSnapshot(env.ledger, env.state, env.now, env.meta), env.maxBytes ?? MAX_PUBLISH_BYTES);
  const digest = fingerprint(fitted.snapshot);
  if (env.state.publishedDigest === digest) return 'unchanged';
  if (fitted.over) env.log.warn(`the review queue alone is over the ${env.maxBytes ?? MAX_PUBLISH_BYTES}-byte publish bound; it is sent whole anyway (settle some payments)`);
  try {
    await env.dropbox.publish(fitted.snapshot);
    env.state.publishedDigest = digest;
    env.log.debug('published to the drop-box', { payments: fitted.snapshot.payments.length, review: fitted.snapshot.review_count, dropped: fitted.snapshot.dropped, bytes: fitted.bytes });
    return 'sent';
  } catch (error) {
    env.log.warn(`could not publish payments to the drop-box (the wp-admin page shows older data until the next pass): ${(error as Error).message}`);
    return 'failed';
  }
}

function fingerprint(s: Snapshot): string {
  const { last_pass: lastPass, last_run: lastRun, ...health } = s.health;
  // A failing pass must show; its time, and "idle" vs "ok" vs "first pass", do not.
  const pass = lastPass && lastPass.outcome !== 'idle' && lastPass.outcome !== 'ok' ? [lastPass.outcome, lastPass.detail] : 'ok';
  const run = lastRun ? [lastRun.command, lastRun.outcome] : null;
  return createHash('sha256').update(JSON.stringify({ ...s, published_at: null, health: { ...health, pass, run } })).digest('hex');
}

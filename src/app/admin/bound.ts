import type { PublishedPayment, Snapshot } from './snapshot.js';

/**
 * The publish size bound. The plugin keeps one table row per payment, so size is about the request: 1 MB of
 * JSON fits any host's post_max_size and max_allowed_packet (the plugin refuses over 4 MiB with 413).
 */
export const MAX_PUBLISH_BYTES = 1_000_000;

export interface Fitted {
  snapshot: Snapshot;
  bytes: number;
  /** True when even the review queue alone is over the bound: it is sent whole anyway (never dropped). */
  over: boolean;
}

/**
 * Keeps the snapshot under `maxBytes` by leaving out settled payments, oldest first. The review queue is never
 * cut: a payment waiting for a person must be on the page whatever it costs.
 */
export function fitSnapshot(snapshot: Snapshot, maxBytes = MAX_PUBLISH_BYTES): Fitted {
  const review = snapshot.payments.filter((p) => p.review);
  const settled = snapshot.payments.filter((p) => !p.review).sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  const size = (p: PublishedPayment): number => Buffer.byteLength(JSON.stringify(p)) + 1; // + the comma
  // The frame with a 7-digit `dropped` placeholder, so filling it in later cannot push the total over.
  let total = Buffer.byteLength(JSON.stringify({ ...snapshot, dropped: 9_999_999, payments: [] }));
  for (const p of review) total += size(p);
  const over = total > maxBytes;
  const kept: PublishedPayment[] = [];
  for (const p of settled) {
    const s = size(p);
    if (total + s > maxBytes) break;
    total += s;
    kept.push(p);
  }
  const out: Snapshot = { ...snapshot, dropped: snapshot.dropped + settled.length - kept.length, payments: [...review, ...kept] };
  return { snapshot: out, bytes: Buffer.byteLength(JSON.stringify(out)), over };
}

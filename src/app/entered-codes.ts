import { DECLARED_META, DEFAULT_MATCH_CONFIG } from '../core/match/index.js';
import type { ReconcileDeps } from './types.js';

/** Ledger status key: when orders were last checked for codes typed by customers (UTC ISO). */
export const CODE_CHECK_KEY = 'enteredCodesCheckedAt';

const SKEW_MS = 10 * 60_000;

/**
 * Payments waiting for a person (review, unmatched) whose code a customer has since typed on an order page
 * (`_smsmatch_entered_code`; the daemon itself writes `_smsmatch_code` when it applies a payment): their keys, so this pass matches them again and the code evidence can confirm them.
 * One request per pass, and only while something waits: the orders modified since the last check (typing a
 * code modifies the order), with their meta.
 */
export async function paymentsWithEnteredCodes(deps: ReconcileDeps): Promise<Set<string>> {
  const out = new Set<string>();
  const shop = deps.shop;
  const cfg = { ...DEFAULT_MATCH_CONFIG, ...deps.matching };
  if (!shop || !cfg.useDeclared) return out;
  const waiting = new Map<string, string>();
  let oldest = Infinity;
  for (const p of deps.ledger.paymentsByState('review', 'unmatched')) {
    if (!p.code) continue;
    waiting.set(p.code.toUpperCase(), p.key);
    oldest = Math.min(oldest, Date.parse(p.createdAt));
  }
  if (waiting.size === 0) return out;
  const last = deps.ledger.getStatus(CODE_CHECK_KEY);
  const lastMs = typeof last === 'string' ? Date.parse(last) : Number.NaN;
  const now = deps.clock();
  // Overlap the windows by a few minutes: the shop's clock and ours disagree, and a code typed twice is harmless.
  const since = new Date((Number.isNaN(lastMs) ? oldest : Math.max(lastMs, oldest)) - SKEW_MS).toISOString();
  const orders = await shop.listOrders({ statuses: cfg.statuses, modifiedAfter: since, onMalformed: () => undefined });
  for (const o of orders) {
    const entry = o.meta_data.find((m) => m.key === DECLARED_META.code);
    const code = typeof entry?.value === 'string' ? entry.value.toUpperCase().replace(/\s+/g, '') : '';
    const key = code ? waiting.get(code) : undefined;
    if (key) out.add(key);
  }
  if (!deps.dryRun) deps.ledger.setStatus(CODE_CHECK_KEY, now.toISOString());
  return out;
}

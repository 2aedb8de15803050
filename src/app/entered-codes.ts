import { DECLARED_META, DEFAULT_MATCH_CONFIG } from '../core/match/index.js';
import type { ReconcileDeps } from './types.js';

/** Ledger status key: the drop-box's `last_code_at` already checked for (UTC ISO, the shop's clock). */
export const CODE_CHECK_KEY = 'enteredCodesCheckedAt';

const SKEW_MS = 10 * 60_000;

/**
 * Payments waiting for a person (review, unmatched) whose code a customer has since typed on an order page
 * (`_smsmatch_entered_code`; the daemon itself writes `_smsmatch_code` when it applies a payment): their keys,
 * so this pass matches them again and the code evidence can confirm them. The drop-box says when a code was
 * last typed (`last_code_at`), so a pass asks the shop only after a new one, and then only for the orders
 * modified since the previous check (typing a code modifies the order): idle ticks stay free.
 */
export async function paymentsWithEnteredCodes(deps: ReconcileDeps, lastCodeAt: string | null): Promise<Set<string>> {
  const out = new Set<string>();
  const shop = deps.shop;
  const cfg = { ...DEFAULT_MATCH_CONFIG, ...deps.matching };
  if (!shop || !cfg.useDeclared || lastCodeAt === null) return out;
  const last = deps.ledger.getStatus(CODE_CHECK_KEY);
  if (typeof last === 'string' && last >= lastCodeAt) return out;
  const waiting = new Map<string, string>();
  let oldest = Infinity;
  for (const p of deps.ledger.paymentsByState('review', 'unmatched')) {
    if (!p.code) continue;
    waiting.set(p.code.toUpperCase(), p.key);
    oldest = Math.min(oldest, Date.parse(p.createdAt));
  }
  const done = (): Set<string> => {
    if (!deps.dryRun) deps.ledger.setStatus(CODE_CHECK_KEY, lastCodeAt);
    return out;
  };
  if (waiting.size === 0) return done();
  const lastMs = typeof last === 'string' ? Date.parse(last) : Number.NaN;
  // Overlap the windows by a few minutes: the shop's clock and ours disagree, and a code typed twice is harmless.
  const since = new Date((Number.isNaN(lastMs) ? oldest : Math.max(lastMs, oldest)) - SKEW_MS).toISOString();
  const orders = await shop.listOrders({ statuses: cfg.statuses, modifiedAfter: since, onMalformed: () => undefined });
  for (const o of orders) {
    const entry = o.meta_data.find((m) => m.key === DECLARED_META.code);
    const code = typeof entry?.value === 'string' ? entry.value.toUpperCase().replace(/\s+/g, '') : '';
    const key = code ? waiting.get(code) : undefined;
    if (key) out.add(key);
  }
  return done();
}

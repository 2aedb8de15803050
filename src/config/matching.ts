import type { EvidenceKind, MatchConfig } from '../core/match/index.js';
import { DEFAULT_MATCH_CONFIG, EVIDENCE_ORDER } from '../core/match/index.js';
import { suggest } from './problems.js';

/**
 * The `matching` section over the engine's defaults. Each key must be one the engine knows, with the
 * default's type, so a typo is named instead of silently ignored.
 */
export function resolveMatching(section: Record<string, unknown>): { matching: MatchConfig; errors: string[] } {
  const errors: string[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_MATCH_CONFIG };
  const defaults = DEFAULT_MATCH_CONFIG as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(section)) {
    const def = defaults[key];
    if (def === undefined) {
      const guess = suggest(key, Object.keys(defaults));
      errors.push(`unknown key matching.${key}${guess !== null ? ` — did you mean ${guess}?` : ` (known here: ${Object.keys(defaults).join(', ')})`}`);
      continue;
    }
    const ok = Array.isArray(def) ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === typeof def;
    if (!ok) {
      errors.push(`matching.${key}: expected ${Array.isArray(def) ? 'a list of strings' : `a ${typeof def}`}, like ${JSON.stringify(def)}`);
      continue;
    }
    if (key === 'confirmOn' && (value as string[]).some((v) => !EVIDENCE_ORDER.includes(v as EvidenceKind))) {
      errors.push(`matching.confirmOn: each entry must be one of ${EVIDENCE_ORDER.join(', ')}`);
      continue;
    }
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) {
      errors.push(`matching.${key}: must be a number ≥ 0`);
      continue;
    }
    out[key] = value;
  }
  return { matching: out as unknown as MatchConfig, errors };
}

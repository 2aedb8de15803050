import { compileCustomProviders } from '../../config/providers.js';
import { Config } from '../../config/schema.js';
import type { LearntProvider } from '../../core/learn/types.js';
import { senderKey } from '../../core/sms/provider.js';
import { BUILT_IN_PROVIDERS } from '../../core/sms/providers/index.js';
import { ConfigError, UsageError } from '../../errors.js';

export interface MergeResult {
  raw: Record<string, unknown>;
  /** What happened to the config's provider list, for the person. */
  note: string;
}

/**
 * Adds the learnt provider to a config object. A built-in provider's id or sender ID is taken only when `--id`
 * names that built-in (the shop says it replaces it; its own providers are tried first). Another of the shop's
 * providers with the same id is replaced; one with the same sender ID is a conflict. The result is validated
 * the way `config check` validates a file, before anything is written.
 */
export function mergeProvider(existing: Record<string, unknown> | null, learnt: LearntProvider, idGiven: boolean): MergeResult {
  const builtInById = BUILT_IN_PROVIDERS.find((p) => p.id === learnt.id);
  if (builtInById && !idGiven) {
    throw new UsageError(`the id ${learnt.id} is a built-in provider's (${builtInById.name})`, { hint: `pass --id ${learnt.id} to replace it, or another --id` });
  }
  const keys = new Set(learnt.senderIds.map(senderKey));
  for (const builtIn of BUILT_IN_PROVIDERS) {
    const theirs = new Set(builtIn.senderIds.map(senderKey));
    const shared = learnt.senderIds.filter((s) => theirs.has(senderKey(s)));
    if (shared.length > 0 && builtIn.id !== learnt.id) {
      throw new UsageError(`sender ${shared.join(', ')} is already the built-in provider ${builtIn.id} (${builtIn.name})`, {
        hint: `pass --id ${builtIn.id} if the learnt template replaces it, or give this provider's own sender ID`,
      });
    }
  }
  const raw: Record<string, unknown> = { ...(existing ?? {}) };
  const current = Array.isArray(raw['providers']) ? (raw['providers'] as unknown[]) : [];
  const others = current.filter((p) => (p as { id?: unknown }).id !== learnt.id);
  for (const other of others) {
    const list = (other as { senderIds?: unknown }).senderIds;
    const senders = Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
    const shared = senders.filter((s) => keys.has(senderKey(s)));
    if (shared.length > 0) {
      throw new UsageError(`sender ${shared.join(', ')} is already the config's provider ${String((other as { id?: unknown }).id)}`, { hint: 'remove that provider from the config first, or pass --id with its id to replace it' });
    }
  }
  raw['providers'] = [...others, learnt];
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new ConfigError(`the config with the learnt provider would be invalid: ${problems.join('; ')}`, { hint: 'run `smsmatch config check` and fix the config first; nothing was written' });
  }
  const compiled = compileCustomProviders(parsed.data.providers);
  if (compiled.errors.length > 0) {
    throw new ConfigError(`the config with the learnt provider would be invalid: ${compiled.errors.join('; ')}`, { hint: 'nothing was written; run `smsmatch config check`' });
  }
  const replaced = current.length !== others.length;
  return { raw, note: replaced ? `replaced the config's provider ${learnt.id}` : `added provider ${learnt.id}${builtInById ? ` (tried before the built-in ${builtInById.id})` : ''}` };
}

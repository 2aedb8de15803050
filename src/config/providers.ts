import { resolveUtcOffset } from '../core/sms/datetime.js';
import type { ProviderDef } from '../core/sms/provider.js';
import type { CustomProvider } from './schema.js';

/**
 * A shop's own provider from the config becomes the same data the built-in ones are. Problems are returned
 * as `path: message` strings so `config check` can list them all.
 */
export function compileCustomProviders(list: readonly CustomProvider[], basePath = 'providers'): { providers: ProviderDef[]; errors: string[] } {
  const errors: string[] = [];
  const providers: ProviderDef[] = [];
  list.forEach((p, i) => {
    const at = `${basePath}[${i}]`;
    const utcOffset = resolveUtcOffset(p.timeZone);
    if (!utcOffset) errors.push(`${at}.timeZone: "${p.timeZone}" is not a fixed offset like +03:00 or a known African zone like Africa/Nairobi`);
    const templates: ProviderDef['templates'] = [];
    p.templates.forEach((t, j) => {
      const tAt = `${at}.templates[${j}].pattern`;
      let pattern: RegExp;
      try {
        pattern = new RegExp(t.pattern, t.flags);
      } catch (error) {
        errors.push(`${tAt}: not a valid regular expression (${(error as Error).message})`);
        return;
      }
      if (t.kind === 'payment' && !t.pattern.includes('(?<amount>')) {
        errors.push(`${tAt}: a payment template needs a named group (?<amount>…)`);
        return;
      }
      templates.push({ name: t.name, kind: t.kind, pattern, organisation: t.organisation, ...(t.tailIsFooter ? { tailIsFooter: true } : {}) });
    });
    providers.push({
      id: p.id, name: p.name, country: p.country, callingCode: p.callingCode, currency: p.currency,
      utcOffset: utcOffset ?? '+00:00', dateOrder: p.dateOrder, senderIds: p.senderIds, templates,
    });
  });
  return { providers, errors };
}

/**
 * Turns the answers, the shop's own settings and any existing config into the config file's content.
 * Sections init does not manage (matching rules, apply policy, own providers) are kept as they were.
 */
import { Config } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import { flagOf, type InitValues } from './values.js';

/** Store currency → the country calling code its customers' phones most likely use. */
const CALLING_CODES: Record<string, string> = {
  KES: '254', TZS: '255', UGX: '256', RWF: '250', BIF: '257', GHS: '233', ZMW: '260', MWK: '265', ETB: '251',
  MZN: '258', CDF: '243', SOS: '252', ZWG: '263', ZWL: '263', NGN: '234', ZAR: '27', LSL: '266', SZL: '268',
};

// African zones with daylight saving or a changing offset: a cron schedule there would shift twice a year.
const AFRICAN_DST_ZONES = new Set(['Africa/Casablanca', 'Africa/El_Aaiun', 'Africa/Cairo']);

export function callingCodeFor(currency: string): string | null {
  return CALLING_CODES[currency.toUpperCase()] ?? null;
}

export function isFixedOffsetAfricanZone(zone: string): boolean {
  if (!zone.startsWith('Africa/') || AFRICAN_DST_ZONES.has(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface ShopFacts {
  storeCurrency?: string | undefined;
  timezone?: string | undefined;
}

export interface BuildInput {
  existing: Record<string, unknown> | null;
  values: InitValues;
  queryStringAuth?: boolean;
  /** Absolute ledger path from --state. */
  statePath?: string;
  facts?: ShopFacts;
}

/** The raw config object to write, plus one sentence per setting derived from the shop. */
export function buildConfig(input: BuildInput): { raw: Record<string, unknown>; notes: string[] } {
  const raw: Record<string, unknown> = { ...(input.existing ?? {}) };
  const notes: string[] = [];
  const oldShop = section(raw['shop']);
  const sameShop = oldShop['url'] === input.values.shopUrl;
  raw['shop'] = {
    ...(sameShop ? oldShop : pick(oldShop, ['timeoutSeconds'])),
    url: input.values.shopUrl,
    consumerKey: input.values.consumerKey,
    consumerSecret: input.values.consumerSecret,
    ...(input.queryStringAuth ? { queryStringAuth: true } : {}),
  };
  if (input.values.dropboxUrl !== undefined && input.values.dropboxToken !== undefined) {
    raw['dropbox'] = { ...pick(section(raw['dropbox']), ['pageSize']), url: input.values.dropboxUrl, token: input.values.dropboxToken };
  }
  if (input.statePath !== undefined) raw['ledger'] = { ...section(raw['ledger']), path: input.statePath };
  applyFacts(raw, input.facts ?? {}, notes);
  return { raw, notes };
}

function applyFacts(raw: Record<string, unknown>, facts: ShopFacts, notes: string[]): void {
  if (facts.storeCurrency !== undefined) {
    const code = callingCodeFor(facts.storeCurrency);
    if (code !== null) {
      raw['matching'] = { ...section(raw['matching']), callingCode: code };
      notes.push(`matching.callingCode = ${code} (the store currency is ${facts.storeCurrency}): billing phones without +${code} are read as local numbers`);
    } else {
      const current = section(raw['matching'])['callingCode'];
      notes.push(`store currency ${facts.storeCurrency}: no calling code known for it, matching.callingCode stays ${typeof current === 'string' ? current : '254'}; set it in the config if your customers' phones are elsewhere`);
    }
  }
  if (facts.timezone !== undefined) {
    const daemon = section(raw['daemon']);
    if (isFixedOffsetAfricanZone(facts.timezone)) {
      raw['daemon'] = { ...daemon, timezone: facts.timezone };
      notes.push(`daemon.timezone = ${facts.timezone} (the shop's time zone)`);
    } else {
      const current = typeof daemon['timezone'] === 'string' ? daemon['timezone'] : 'Africa/Nairobi';
      notes.push(`the shop's time zone is ${facts.timezone}; daemon.timezone stays ${current} (only fixed-offset African zones are copied)`);
    }
  }
}

/**
 * Validates with the config schema; a bad value is named by the flag that set it (or its config path).
 * Returns the parsed config (defaults filled in) for the caller's use; the file keeps the raw object.
 */
export function validateConfig(raw: Record<string, unknown>): Config {
  const result = Config.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${nameOf(i.path.map(String))}: ${i.message}`);
  throw new UsageError(`the new config is invalid: ${problems.join('; ')}`, { hint: 'fix the value(s) named and run `smsmatch init` again (README → Configuration)' });
}

const FLAG_PATHS: Record<string, keyof InitValues> = {
  'shop.url': 'shopUrl', 'shop.consumerKey': 'consumerKey', 'shop.consumerSecret': 'consumerSecret', 'dropbox.url': 'dropboxUrl', 'dropbox.token': 'dropboxToken',
};

function nameOf(path: string[]): string {
  const dotted = path.join('.');
  const key = FLAG_PATHS[dotted];
  return key === undefined ? dotted || '(top level)' : `${flagOf(key)} (${dotted})`;
}

function section(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function pick(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]]));
}

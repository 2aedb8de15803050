/**
 * Where `smsmatch init` gets its answers: flags and environment (scripts, cron, CI), or prompts (a person).
 * The prompt functions are injected so the flow is tested without a terminal.
 */
import { CONSUMER_KEY, CONSUMER_SECRET, DROPBOX_TOKEN_MIN, isRestApiUrl } from '../../config/schema.js';
import { UsageError } from '../../errors.js';

export interface InitValues {
  shopUrl: string;
  consumerKey: string;
  consumerSecret: string;
  dropboxUrl?: string;
  dropboxToken?: string;
}

export type InitFlags = Partial<InitValues>;

type Env = Record<string, string | undefined>;

const SOURCES: Array<{ key: keyof InitValues; flag: string; env: string }> = [
  { key: 'shopUrl', flag: '--shop-url', env: 'SMSMATCH_SHOP_URL' },
  { key: 'consumerKey', flag: '--consumer-key', env: 'SMSMATCH_CONSUMER_KEY' },
  { key: 'consumerSecret', flag: '--consumer-secret', env: 'SMSMATCH_CONSUMER_SECRET' },
  { key: 'dropboxUrl', flag: '--dropbox-url', env: 'SMSMATCH_DROPBOX_URL' },
  { key: 'dropboxToken', flag: '--dropbox-token', env: 'SMSMATCH_DROPBOX_TOKEN' },
];

/** The flag that sets a value, for error messages. */
export function flagOf(key: keyof InitValues): string {
  return SOURCES.find((s) => s.key === key)?.flag ?? key;
}

/** Flags win over the environment; a missing required value names its flag and variable. */
export function valuesFromFlags(flags: InitFlags, env: Env): InitValues {
  const pick = (key: keyof InitValues): string | undefined => {
    const source = SOURCES.find((s) => s.key === key)!;
    const value = flags[key] ?? env[source.env];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const required = (key: 'shopUrl' | 'consumerKey' | 'consumerSecret'): string => {
    const value = pick(key);
    if (value !== undefined) return value;
    const source = SOURCES.find((s) => s.key === key)!;
    throw new UsageError(`missing ${source.flag}: init --non-interactive needs the shop URL, consumer key and consumer secret`, {
      hint: `pass ${source.flag} or set ${source.env} (or run \`smsmatch init\` at a terminal to be asked)`,
    });
  };
  const values: InitValues = { shopUrl: required('shopUrl'), consumerKey: required('consumerKey'), consumerSecret: required('consumerSecret') };
  return withDropbox(values, pick('dropboxUrl'), pick('dropboxToken'));
}

function withDropbox(values: InitValues, url: string | undefined, token: string | undefined): InitValues {
  if (url === undefined && token === undefined) return values;
  if (url === undefined) throw new UsageError('--dropbox-token was given without --dropbox-url', { hint: 'pass both (Settings → smsmatch in WordPress shows them), or neither' });
  if (token === undefined) throw new UsageError('--dropbox-url was given without --dropbox-token', { hint: 'pass both (Settings → smsmatch in WordPress shows them), or neither' });
  return { ...values, dropboxUrl: url, dropboxToken: token };
}

/** The subset of @inquirer/prompts the flow uses. */
export interface Prompts {
  input(config: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
  password(config: { message: string; mask?: string | boolean; validate?: (value: string) => boolean | string }): Promise<string>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
}

type Check = (value: string) => boolean | string;

/** Each answer is checked as it is given, with the same rules as the config file, and asked again if wrong. */
export const answerChecks = {
  shopUrl: (value: string): boolean | string => {
    const v = value.trim();
    if (v === '') return 'the shop URL is required, e.g. https://shop.example';
    if (!isHttpUrl(v)) return `"${v}" is not a web address: give the shop's address, e.g. https://shop.example`;
    if (isRestApiUrl(v)) return 'that is the REST API address: give the site root, e.g. https://shop.example (smsmatch adds /wp-json/wc/v3 itself)';
    return true;
  },
  consumerKey: (value: string): boolean | string => {
    const v = value.trim();
    if (CONSUMER_KEY.test(v)) return true;
    return v.startsWith('cs_') ? 'that is the consumer secret (cs_…); the consumer key starts with ck_' : 'a consumer key starts with ck_ followed by letters and digits (WooCommerce → Settings → Advanced → REST API)';
  },
  consumerSecret: (value: string): boolean | string => {
    const v = value.trim();
    if (CONSUMER_SECRET.test(v)) return true;
    return v.startsWith('ck_') ? 'that is the consumer key (ck_…); the consumer secret starts with cs_' : 'a consumer secret starts with cs_ followed by letters and digits (shown once when the key is created)';
  },
  dropboxUrl: (value: string): boolean | string => {
    const v = value.trim();
    if (v === '') return 'the drop-box URL is required (Settings → smsmatch in WordPress shows it)';
    return isHttpUrl(v) ? true : `"${v}" is not a web address: copy the daemon URL from Settings → smsmatch, e.g. https://shop.example/wp-json/smsmatch/v1`;
  },
  dropboxToken: (value: string): boolean | string =>
    value.trim().length >= DROPBOX_TOKEN_MIN ? true : `the drop-box token is at least ${DROPBOX_TOKEN_MIN} characters: copy it from Settings → smsmatch`,
} satisfies Record<keyof InitValues, Check>;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Asks a person for each value, offering the current config's values (and flags) as defaults. Secrets are
 * masked; an empty answer keeps the current secret. The drop-box is the normal setup, so it defaults to yes.
 */
export async function promptValues(prompts: Prompts, current: InitFlags): Promise<InitValues> {
  const shopUrl = await prompts.input({ message: 'Shop URL (https://…)', ...defaultOf(current.shopUrl), validate: answerChecks.shopUrl });
  const consumerKey = await prompts.input({ message: 'WooCommerce consumer key (ck_…)', ...defaultOf(current.consumerKey), validate: answerChecks.consumerKey });
  const consumerSecret = await secret(prompts, 'WooCommerce consumer secret (cs_…)', current.consumerSecret, answerChecks.consumerSecret);
  const values: InitValues = { shopUrl: shopUrl.trim(), consumerKey: consumerKey.trim(), consumerSecret };
  const wantsDropbox = await prompts.confirm({
    message: 'Configure the smsmatch drop-box (the WordPress plugin that receives the SMS)?',
    default: true,
  });
  if (!wantsDropbox) return values;
  const dropboxUrl = await prompts.input({ message: 'Drop-box URL (Settings → smsmatch)', ...defaultOf(current.dropboxUrl), validate: answerChecks.dropboxUrl });
  const dropboxToken = await secret(prompts, 'Drop-box token', current.dropboxToken, answerChecks.dropboxToken);
  return { ...values, dropboxUrl: dropboxUrl.trim(), dropboxToken };
}

async function secret(prompts: Prompts, message: string, current: string | undefined, check: Check): Promise<string> {
  const keep = current !== undefined && current !== '';
  const answer = await prompts.password({
    message: keep ? `${message} (empty = keep the current one)` : message,
    mask: '*',
    validate: (value) => (keep && value.trim() === '' ? true : check(value)),
  });
  return answer.trim() === '' && keep ? current : answer.trim();
}

function defaultOf(value: string | undefined): { default?: string } {
  return value === undefined || value === '' ? {} : { default: value };
}

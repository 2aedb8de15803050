/**
 * Where `smsmatch init` gets its answers: flags and environment (scripts, cron, CI), or prompts (a person).
 * The prompt functions are injected so the flow is tested without a terminal.
 */
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

const nonEmpty = (what: string) => (value: string): boolean | string => (value.trim() !== '' ? true : `${what} is required`);

/**
 * Asks a person for each value, offering the current config's values (and flags) as defaults. Secrets are
 * masked; an empty answer keeps the current secret.
 */
export async function promptValues(prompts: Prompts, current: InitFlags): Promise<InitValues> {
  const shopUrl = await prompts.input({ message: 'Shop URL (https://…)', ...defaultOf(current.shopUrl), validate: nonEmpty('the shop URL') });
  const consumerKey = await prompts.input({ message: 'WooCommerce consumer key (ck_…)', ...defaultOf(current.consumerKey), validate: nonEmpty('the consumer key') });
  const consumerSecret = await secret(prompts, 'WooCommerce consumer secret (cs_…)', current.consumerSecret);
  const values: InitValues = { shopUrl: shopUrl.trim(), consumerKey: consumerKey.trim(), consumerSecret };
  const wantsDropbox = await prompts.confirm({
    message: 'Configure the smsmatch drop-box (the WordPress plugin that receives the SMS)?',
    default: current.dropboxUrl !== undefined,
  });
  if (!wantsDropbox) return values;
  const dropboxUrl = await prompts.input({ message: 'Drop-box URL (Settings → smsmatch)', ...defaultOf(current.dropboxUrl), validate: nonEmpty('the drop-box URL') });
  const dropboxToken = await secret(prompts, 'Drop-box token', current.dropboxToken);
  return { ...values, dropboxUrl: dropboxUrl.trim(), dropboxToken };
}

async function secret(prompts: Prompts, message: string, current: string | undefined): Promise<string> {
  const keep = current !== undefined && current !== '';
  const answer = await prompts.password({
    message: keep ? `${message} (empty = keep the current one)` : message,
    mask: '*',
    validate: keep ? () => true : nonEmpty(message.replace(/ \(.*$/, '')),
  });
  return answer.trim() === '' && keep ? current : answer.trim();
}

function defaultOf(value: string | undefined): { default?: string } {
  return value === undefined || value === '' ? {} : { default: value };
}

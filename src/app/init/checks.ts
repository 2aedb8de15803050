/**
 * The connection checks of `smsmatch init`: the shop (verifyShop: https, read, write, currency, time zone) and,
 * when configured, the drop-box's /health. Nothing is changed on either side.
 */
import { createDropboxClient } from '../../adapters/dropbox/client.js';
import { createShopClient } from '../../adapters/woocommerce/client.js';
import { verifyShop, type ShopCheck } from '../../adapters/woocommerce/verify.js';
import { ExitCode, isSmsmatchError } from '../../errors.js';
import type { InitValues } from './values.js';

export interface InitChecks {
  checks: ShopCheck[];
  storeCurrency?: string;
  timezone?: string;
  /** 0 when every check passed, else the exit code of the first failure. */
  exitCode: number;
}

export interface CheckOptions {
  queryStringAuth?: boolean;
  timeoutMs: number;
  /** A person is waiting: one retry is enough to ride out a blip. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export async function runInitChecks(values: InitValues, opts: CheckOptions): Promise<InitChecks> {
  const retry = { retries: opts.retries ?? 1, ...(opts.sleep ? { sleep: opts.sleep } : {}) };
  const shop = createShopClient({
    url: values.shopUrl, consumerKey: values.consumerKey, consumerSecret: values.consumerSecret,
    queryStringAuth: opts.queryStringAuth ?? false, timeoutMs: opts.timeoutMs, ...retry,
  });
  const verified = await verifyShop(shop, values.shopUrl);
  const checks = [...verified.checks];
  if (values.dropboxUrl !== undefined && values.dropboxToken !== undefined) {
    checks.push(await dropboxCheck(values.dropboxUrl, values.dropboxToken, opts.timeoutMs, retry));
  }
  const failed = checks.find((c) => !c.ok);
  const result: InitChecks = { checks, exitCode: failed === undefined ? ExitCode.ok : (failed.exitCode ?? ExitCode.config) };
  if (verified.storeCurrency !== undefined) result.storeCurrency = verified.storeCurrency;
  if (verified.timezone !== undefined) result.timezone = verified.timezone;
  return result;
}

async function dropboxCheck(url: string, token: string, timeoutMs: number, retry: { retries: number; sleep?: (ms: number) => Promise<void> }): Promise<ShopCheck> {
  try {
    const health = await createDropboxClient({ url, token, timeoutMs, ...retry }).health();
    const lastSms = health.last_sms_at === null ? 'no SMS received yet' : `last SMS at ${health.last_sms_at}`;
    return { name: 'drop-box', ok: true, detail: `plugin ${health.plugin_version} answers (${lastSms})` };
  } catch (error) {
    if (!isSmsmatchError(error)) throw error;
    const check: ShopCheck = { name: 'drop-box', ok: false, detail: error.message, exitCode: error.exitCode };
    if (error.hint !== undefined) check.hint = error.hint;
    return check;
  }
}

/**
 * Checks a shop's URL and API key without changing anything, for `smsmatch init` and `smsmatch doctor`.
 * Each check explains a failure in one line with its likely cause; checks after a failed read are skipped
 * because they would only repeat the same failure.
 */
import { isSmsmatchError } from '../../errors.js';
import { redact } from '../../log/redact.js';
import type { ShopClient } from './client.js';

export interface ShopCheck {
  name: string;
  ok: boolean;
  detail: string;
  hint?: string;
  /** Passed, but with a caveat worth showing. */
  warning?: boolean;
  /** A failed check caused by an SmsmatchError: its exit code (77 auth, 78 config, 69 unavailable …). */
  exitCode?: number;
}

export interface ShopVerification {
  ok: boolean;
  checks: ShopCheck[];
  storeCurrency?: string;
  /** IANA zone name, or `UTC+3` style when the shop only has a manual offset. */
  timezone?: string;
}

export const CHECK_NAMES = ['https', 'read access', 'write access', 'store currency', 'time zone'] as const;

const HTTP_HINT = 'use the https:// address of the shop; see README → Troubleshooting → Plain http shop URL';

export async function verifyShop(client: ShopClient, url: string): Promise<ShopVerification> {
  const checks: ShopCheck[] = [checkUrl(url)];
  const result: ShopVerification = { ok: false, checks };
  if (!checks[0]?.ok) return finish(result, 'the shop URL is not usable');

  const read = await attempt('read access', () => client.checkRead(), 'the key can list orders');
  checks.push(read);
  if (!read.ok) return finish(result, 'read access failed');

  checks.push(await attempt('write access', () => client.checkWrite(), 'the key can update orders (checked with an empty batch, nothing changed)'));

  try {
    const info = await client.storeInfo();
    result.storeCurrency = info.currency;
    checks.push({ name: 'store currency', ok: true, detail: info.currency });
    checks.push(timezoneCheck(info.timezone, info.gmtOffset, result));
  } catch (error) {
    checks.push(failed('store currency', error));
    checks.push({ name: 'time zone', ok: false, detail: 'not checked: the store settings could not be read' });
  }
  return finish(result, null);
}

function checkUrl(url: string): ShopCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { name: 'https', ok: false, detail: `"${redact(url)}" is not a URL`, hint: 'give the shop address, e.g. https://shop.example.com' };
  }
  if (parsed.protocol === 'https:') return { name: 'https', ok: true, detail: 'the shop URL uses https' };
  if (parsed.protocol === 'http:') {
    return {
      name: 'https',
      ok: true,
      warning: true,
      detail: 'plain http: works only through OAuth 1.0a signatures (needs a correct clock) and is fragile',
      hint: HTTP_HINT,
    };
  }
  return { name: 'https', ok: false, detail: `unsupported scheme ${parsed.protocol} in the shop URL`, hint: HTTP_HINT };
}

function timezoneCheck(timezone: string | null, gmtOffset: number | null, result: ShopVerification): ShopCheck {
  if (timezone !== null) {
    result.timezone = timezone;
    return { name: 'time zone', ok: true, detail: timezone };
  }
  if (gmtOffset !== null) {
    result.timezone = `UTC${gmtOffset >= 0 ? '+' : ''}${gmtOffset}`;
    return {
      name: 'time zone',
      ok: true,
      warning: true,
      detail: `${result.timezone} (a manual offset: it does not follow daylight saving)`,
      hint: 'pick a city in WordPress → Settings → General → Timezone',
    };
  }
  return { name: 'time zone', ok: false, detail: 'the shop did not report a time zone', hint: 'set WordPress → Settings → General → Timezone' };
}

async function attempt(name: string, run: () => Promise<void>, okDetail: string): Promise<ShopCheck> {
  try {
    await run();
    return { name, ok: true, detail: okDetail };
  } catch (error) {
    return failed(name, error);
  }
}

function failed(name: string, error: unknown): ShopCheck {
  if (isSmsmatchError(error)) {
    const check: ShopCheck = { name, ok: false, detail: error.message, exitCode: error.exitCode };
    if (error.hint !== undefined) check.hint = error.hint;
    return check;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name, ok: false, detail: redact(`unexpected error: ${message}`) };
}

function finish(result: ShopVerification, skippedBecause: string | null): ShopVerification {
  if (skippedBecause !== null) {
    const done = new Set(result.checks.map((c) => c.name));
    for (const name of CHECK_NAMES) {
      if (!done.has(name)) result.checks.push({ name, ok: false, detail: `not checked: ${skippedBecause}` });
    }
  }
  result.ok = result.checks.every((c) => c.ok);
  return result;
}

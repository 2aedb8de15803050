import { UsageError } from '../../errors.js';
import { shopConfigPath } from './dir.js';

/**
 * `--shops DIR --shop NAME` as the config it stands for (DIR/NAME.json) and the shop's name; without
 * `--shops`, the options pass through. `--shop` without `--shops` (or the reverse, where one shop is needed)
 * is a usage error naming the fix.
 */
export function pickShop(opts: { config?: string; shops?: string; shop?: string }, needOne = true): { config: string | undefined; shop: string | null } {
  if (opts.shops === undefined) {
    if (opts.shop !== undefined) throw new UsageError('--shop needs --shops DIR (the directory of shop configs)', { hint: 'e.g. --shops /etc/smsmatch/shops --shop acme' });
    return { config: opts.config, shop: null };
  }
  if (opts.config !== undefined) throw new UsageError('--config and --shops cannot be combined', { hint: 'with --shops DIR, name the shop with --shop NAME (DIR/NAME.json)' });
  if (opts.shop === undefined) {
    if (needOne) throw new UsageError('--shops DIR needs --shop NAME here', { hint: 'name one shop: its config file name without .json; `smsmatch status --shops DIR` lists them' });
    return { config: undefined, shop: null };
  }
  return { config: shopConfigPath(opts.shops, opts.shop), shop: opts.shop };
}

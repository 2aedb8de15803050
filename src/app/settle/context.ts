import type { Ledger } from '../../adapters/ledger/index.js';
import { openLedgerAt } from '../../adapters/ledger/index.js';
import type { ShopClient } from '../../adapters/woocommerce/client.js';
import { createShopClient } from '../../adapters/woocommerce/client.js';
import { loadConfig, type LoadedConfig } from '../../config/load.js';
import { resolveLedgerTarget } from '../../config/ledger-target.js';
import { shopLedger } from '../../config/shop-paths.js';
import { pickShop } from '../shops/pick.js';
import { ConfigError } from '../../errors.js';
import type { Io } from '../../io.js';
import type { Logger } from '../../log/logger.js';
import { createLogger } from '../../log/logger.js';
import { defaultLogFormat, levelColour } from '../../log/terminal.js';

export interface SettleCommandOptions {
  config?: string;
  state?: string;
  /** `--shops DIR --shop NAME`: the shop `NAME` of a daemon serving `DIR/*.json`. */
  shops?: string;
  shop?: string;
  stateDir?: string;
}

export interface SettleContext {
  loaded: LoadedConfig;
  ledger: Ledger;
  log: Logger;
}

/**
 * Config and ledger exactly as `reconcile` resolves them. Read-only opens take no lock and never write;
 * a writing open takes the ledger lock (BusyError, exit 75, while another run holds it).
 */
export async function openSettle(opts: SettleCommandOptions, io: Io, mode: { readOnly: boolean; command: string }): Promise<SettleContext> {
  const picked = pickShop(opts);
  const loaded = loadConfig(picked.config, io.env);
  const log = createLogger({ stream: io.stderr, format: defaultLogFormat(io), colour: levelColour(io) });
  for (const w of loaded.warnings) log.warn(w);
  const target = picked.shop !== null && opts.state === undefined ? shopLedger(picked.shop, loaded, io.env, opts.stateDir).target : resolveLedgerTarget(opts.state, loaded, io.env).target;
  const ledger = await openLedgerAt(target, {
    readOnly: mode.readOnly, retentionDays: loaded.config.ledger.retentionDays, command: mode.command,
  });
  return { loaded, ledger, log };
}

export function shopFor(loaded: LoadedConfig): ShopClient {
  const shop = loaded.config.shop;
  if (!shop) {
    throw new ConfigError('no shop configured: assigning a payment writes the order in WooCommerce', { hint: 'run `smsmatch init`, or set SMSMATCH_SHOP_URL, SMSMATCH_CONSUMER_KEY and SMSMATCH_CONSUMER_SECRET (README → Configuration)' });
  }
  return createShopClient({ url: shop.url, consumerKey: shop.consumerKey, consumerSecret: shop.consumerSecret, queryStringAuth: shop.queryStringAuth, timeoutMs: shop.timeoutSeconds * 1000 });
}

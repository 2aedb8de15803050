import { createDropboxClient, type DropboxClient } from '../adapters/dropbox/client.js';
import { createShopClient, type ShopClient } from '../adapters/woocommerce/client.js';
import type { Config, DropboxConfig, ShopConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { MessageSource } from './types.js';

/** The clients a reconcile pass needs, built the same way by `reconcile` and by each daemon config (re)load. */
export function requireShop(config: Config): ShopConfig {
  if (!config.shop) {
    throw new ConfigError('no shop configured: smsmatch needs the WooCommerce URL and API keys', { hint: 'run `smsmatch init`, or set SMSMATCH_SHOP_URL, SMSMATCH_CONSUMER_KEY and SMSMATCH_CONSUMER_SECRET (README → Configuration)' });
  }
  return config.shop;
}

export function requireDropbox(config: Config, alternative = ''): DropboxConfig {
  if (!config.dropbox) {
    throw new ConfigError(`no drop-box configured${alternative}: there is nowhere to read SMS from`, {
      hint: `install the drop-box plugin and run \`smsmatch init --dropbox-url … --dropbox-token …\`${alternative ? ', or pass --messages FILE' : ''} (README → Configuration)`,
    });
  }
  return config.dropbox;
}

export function buildShopClient(shop: ShopConfig): ShopClient {
  return createShopClient({
    url: shop.url, consumerKey: shop.consumerKey, consumerSecret: shop.consumerSecret,
    queryStringAuth: shop.queryStringAuth, timeoutMs: shop.timeoutSeconds * 1000,
  });
}

export function buildDropboxClient(config: Config): DropboxClient {
  const dropbox = requireDropbox(config);
  return createDropboxClient({ url: dropbox.url, token: dropbox.token, timeoutMs: config.shop ? config.shop.timeoutSeconds * 1000 : 20_000 });
}

export function dropboxSource(client: DropboxClient, config: Config): MessageSource {
  return { kind: 'dropbox', client, pageSize: requireDropbox(config).pageSize, maxPages: 50 };
}

/** The drop-box's outbox when SMS receipts are on (`apply.smsReceipt`): commands that read no SMS still send them. */
export function receiptOutbox(config: Config): DropboxClient | null {
  return config.apply.smsReceipt.enabled && config.dropbox ? buildDropboxClient(config) : null;
}

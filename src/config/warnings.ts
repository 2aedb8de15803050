import type { Config } from './schema.js';

/** Valid settings that do not do what the operator probably expects; `config check` and every run print them. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.shop?.queryStringAuth && new URL(config.shop.url).protocol === 'http:') {
    // Over plain http the WooCommerce client signs with OAuth 1.0a and never sends the key in the query string.
    warnings.push('shop.queryStringAuth is ignored: it only applies to an https shop.url (over http the key is sent as an OAuth 1.0a signature); use the https URL, or remove queryStringAuth');
  }
  return warnings;
}

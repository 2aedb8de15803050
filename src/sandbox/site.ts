import { forbidden } from './auth.js';
import type { Call } from './context.js';
import { json, type Reply } from './http.js';
import { currencySymbol } from './order-model.js';
import { offsetMinutes } from './time.js';

const CURRENCY_NAMES: Record<string, string> = {
  KES: 'Kenyan shilling',
  UGX: 'Ugandan shilling',
  TZS: 'Tanzanian shilling',
  RWF: 'Rwandan franc',
  GHS: 'Ghana cedi',
  NGN: 'Nigerian naira',
  ZAR: 'South African rand',
  USD: 'United States (US) dollar',
};

export const NAMESPACES = ['oembed/1.0', 'smsmatch/v1', 'wc/v1', 'wc/v2', 'wc/v3', 'wc/store/v1', 'wp/v2', 'wp-site-health/v1'];

/** GET /wp-json: the site index (public). `routes` lists only what the sandbox serves. */
export function siteIndex({ env }: Call, routes: Record<string, string[]>): Reply {
  const offsetHours = offsetMinutes(env.now(), env.timezone) / 60;
  return json(200, {
    name: 'Sandbox Shop',
    description: 'A local WooCommerce-compatible shop for smsmatch',
    url: env.url,
    home: env.url,
    gmt_offset: offsetHours,
    timezone_string: env.timezone,
    page_for_posts: 0,
    page_on_front: 0,
    show_on_front: 'posts',
    namespaces: NAMESPACES,
    authentication: [],
    routes: Object.fromEntries(Object.entries(routes).map(([r, methods]) => [r, { namespace: r.split('/').slice(1, 3).join('/'), methods }])),
    site_logo: 0,
    site_icon: 0,
    site_icon_url: '',
    _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
  });
}

export function currentCurrency({ env, auth }: Call): Reply {
  const denied = forbidden(auth, 'woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
  if (denied) return denied;
  return json(200, {
    code: env.currency,
    name: CURRENCY_NAMES[env.currency] ?? env.currency,
    symbol: currencySymbol(env.currency),
    _links: { self: [{ href: `${env.wcBase}/data/currencies/current` }], collection: [{ href: `${env.wcBase}/data/currencies` }] },
  });
}

interface Setting {
  id: string;
  label: string;
  type: string;
  value: string;
  default: string;
}

export function generalSettings({ env, auth }: Call): Reply {
  const denied = forbidden(auth, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  if (denied) return denied;
  const settings: Setting[] = [
    { id: 'woocommerce_store_address', label: 'Address line 1', type: 'text', value: 'Moi Avenue 12', default: '' },
    { id: 'woocommerce_store_city', label: 'City', type: 'text', value: 'Nairobi', default: '' },
    { id: 'woocommerce_default_country', label: 'Country / State', type: 'select', value: 'KE:30', default: 'US:CA' },
    { id: 'woocommerce_store_postcode', label: 'Postcode / ZIP', type: 'text', value: '00100', default: '' },
    { id: 'woocommerce_currency', label: 'Currency', type: 'select', value: env.currency, default: 'USD' },
    { id: 'woocommerce_currency_pos', label: 'Currency position', type: 'select', value: 'left_space', default: 'left' },
    { id: 'woocommerce_price_thousand_sep', label: 'Thousand separator', type: 'text', value: ',', default: ',' },
    { id: 'woocommerce_price_decimal_sep', label: 'Decimal separator', type: 'text', value: '.', default: '.' },
    { id: 'woocommerce_price_num_decimals', label: 'Number of decimals', type: 'number', value: '2', default: '2' },
  ];
  return json(
    200,
    settings.map((s) => ({
      ...s,
      description: '',
      tip: '',
      group_id: 'general',
      _links: { self: [{ href: `${env.wcBase}/settings/general/${s.id}` }], collection: [{ href: `${env.wcBase}/settings/general` }] },
    })),
  );
}

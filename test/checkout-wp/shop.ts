// The test shop (WooCommerce site of .ci/wordpress-up.sh) as a customer's browser and the owner see it: the Store
// API the Checkout block uses, the classic checkout form, WooCommerce's REST API with the admin's application password.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { wordpressService } from '../helpers/services.js';
import type { WpAvailability, WpEnv, WpSite } from '../dropbox-wp/wp-env.js';
import { explainUnavailable } from '../dropbox-wp/wp-env.js';

export type Shop = WpSite & Required<Pick<WpSite, 'woo' | 'users' | 'products'>>;

/** One suite on the shop site; without WordPress a skipped placeholder suite (see describeSites). */
export function describeShop(wp: WpAvailability, title: string, body: (shop: Shop, env: WpEnv) => void): void {
  const skip = explainUnavailable(wp);
  if (!wp.ok || skip !== undefined || !wp.env.pretty.woo) {
    describe.skip(title, () => {
      it.skip(`needs a running WordPress + WooCommerce: ${wordpressService.howTo}`, () => undefined);
    });
    return;
  }
  const env = wp.env;
  installTestPlugins(env.pretty as Shop);
  // A checkout costs WordPress a second or more, several while CI or other suites load the machine.
  describe(title, { timeout: 300_000 }, () => body(env.pretty as Shop, env));
}

const helper = fileURLToPath(new URL('shop-helper.php', import.meta.url));

export function shopHelper<T>(shop: Shop, command: string, ...args: string[]): T {
  return JSON.parse(execFileSync('php', [helper, shop.config, shop.wp_root, command, ...args], { encoding: 'utf8' })) as T;
}

/**
 * Test-only files, copied in whenever they differ from the site's copy: must-use plugins (the wake recorder, which
 * counts smsmatch_wake_daemon calls; the per-request theme switch) and the classic fixture theme it serves. The
 * WooCommerce 10.0.2 file-name fix is installed by .ci/wordpress-up.sh (.ci/wordpress/wc-case-fix.php).
 */
export function installTestPlugins(shop: Shop): void {
  const content = `${shop.wp_root}/wp-content`;
  const files: Array<[string, string]> = [
    ['wake-recorder.php', 'mu-plugins/smsmatch-test-wake-recorder.php'],
    ['theme-switch.php', 'mu-plugins/smsmatch-test-theme-switch.php'],
    ...['style.css', 'index.php', 'functions.php'].map((f): [string, string] => [`classic-theme/${f}`, `themes/smsmatch-classic-test/${f}`]),
  ];
  for (const [file, name] of files) {
    const source = readFileSync(fileURLToPath(new URL(file, import.meta.url)));
    const target = `${content}/${name}`;
    if (existsSync(target) && readFileSync(target).equals(source)) continue;
    // Written aside and renamed: other test files' requests may be loading the old copy right now.
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.${process.pid}.tmp`, source);
    renameSync(`${target}.${process.pid}.tmp`, target);
  }
}

export interface Http {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- decoded JSON from the shop under test; tests assert its shape.
  json: any;
}

export async function http(url: string, init: RequestInit = {}): Promise<Http> {
  const res = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

function adminAuth(shop: Shop): Record<string, string> {
  const admin = shop.users.admin;
  return { Authorization: `Basic ${Buffer.from(`${admin.login}:${admin.app_password}`).toString('base64')}`, 'X-Forwarded-Proto': 'https' };
}

/** WooCommerce REST (wc/v3) as the shop's admin. */
export function wooRest(shop: Shop, path: string, init: { method?: string; body?: unknown } = {}): Promise<Http> {
  return http(`${shop.url}/wp-json/wc/v3/${path}`, {
    method: init.method ?? 'GET',
    headers: { ...adminAuth(shop), 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export const GATEWAY_SETTINGS = {
  title: 'Pay with M-PESA',
  pay_to_type: 'till',
  pay_to: '5123456',
  network: 'mpesa-ke',
  network_name: 'M-PESA',
  instructions: 'Please pay {amount} for order {order_number} to {pay_to}.',
};

/** Puts the gateway in a known state over PUT /wc/v3/payment_gateways/smsmatch. */
export async function configureGateway(shop: Shop, settings: Partial<typeof GATEWAY_SETTINGS> = {}): Promise<Http> {
  return wooRest(shop, 'payment_gateways/smsmatch', { method: 'PUT', body: { enabled: true, settings: { ...GATEWAY_SETTINGS, ...settings } } });
}

export const KENYAN_ADDRESS = { address_1: 'Moi Avenue 1', city: 'Nairobi', state: 'KE30', postcode: '00100', country: 'KE' };

export interface Customer {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
}

export const JANE: Customer = { first_name: 'Jane', last_name: 'Wanjiku', email: 'jane@example.com', phone: '0712 345 678' };

/** A guest's cart in the Store API: GET cart for the token and nonce, then add-item. */
export async function storeCart(shop: Shop, product: number = shop.products.simple): Promise<Record<string, string>> {
  const cart = await http(`${shop.url}/wp-json/wc/store/v1/cart`);
  const headers = { 'Cart-Token': cart.headers.get('cart-token') ?? '', Nonce: cart.headers.get('nonce') ?? '', 'Content-Type': 'application/json' };
  if (!headers['Cart-Token']) throw new Error(`GET cart gave no Cart-Token (status ${cart.status})`);
  const added = await http(`${shop.url}/wp-json/wc/store/v1/cart/add-item`, { method: 'POST', headers, body: JSON.stringify({ id: product, quantity: 1 }) });
  if (added.status !== 201 && added.status !== 200) throw new Error(`add-item answered ${added.status}: ${added.text.slice(0, 200)}`);
  return headers;
}

/** The Checkout block's request: POST /wc/store/v1/checkout with payment_data. */
export async function storeCheckout(shop: Shop, paymentData: Record<string, string>, opts: { customer?: Customer; product?: number; method?: string } = {}): Promise<Http & { cart: Record<string, string> }> {
  const cart = await storeCart(shop, opts.product);
  const c = opts.customer ?? JANE;
  const address = { first_name: c.first_name, last_name: c.last_name, ...KENYAN_ADDRESS };
  const res = await http(`${shop.url}/wp-json/wc/store/v1/checkout`, {
    method: 'POST',
    headers: cart,
    body: JSON.stringify({
      billing_address: { ...address, email: c.email, phone: c.phone },
      shipping_address: address,
      payment_method: opts.method ?? 'smsmatch',
      payment_data: Object.entries(paymentData).map(([key, value]) => ({ key, value })),
    }),
  });
  return { ...res, cart };
}

export function metaOf(order: { meta_data: Array<{ key: string; value: unknown }> }): Record<string, unknown> {
  return Object.fromEntries(order.meta_data.map((m) => [m.key, m.value]));
}

export interface Mail {
  to: string | string[];
  subject: string;
  message: string;
}

/** Mails logged after `offset` bytes of the mail log. */
export function mailsSince(env: WpEnv, offset: number): Mail[] {
  const text = readFileSync(env.mail_log, 'utf8').slice(offset);
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Mail);
}

export function mailOffset(env: WpEnv): number {
  return existsSync(env.mail_log) ? readFileSync(env.mail_log, 'utf8').length : 0;
}

/** Visible text of an HTML page or mail, whitespace collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#8211;|&ndash;/g, '–')
    .replace(/&#8212;|&mdash;/g, '—')
    .replace(/&rarr;|&#8594;/g, '→')
    .replace(/&#822[01];|&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

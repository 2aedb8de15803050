// The shop site of the test WordPress as the admin-page tests use it: orders by PHP CLI, payments by SMSsync,
// passes of the real daemon (in-process), admin REST with Application Passwords.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { mpesaTime, sms } from '../e2e/helpers.js';
import { captureIo } from '../helpers/io.js';
import { wordpressService } from '../helpers/services.js';
import { encodeBody, explainUnavailable, request, type WpAvailability, type WpSite } from './wp-env.js';

const helper = fileURLToPath(new URL('shop-helper.php', import.meta.url));

/** The shop site only (WooCommerce is active there); a skipped placeholder without WordPress. */
export function describeShop(wp: WpAvailability, title: string, body: (site: WpSite) => void): void {
  const skip = explainUnavailable(wp);
  if (!wp.ok || skip !== undefined || !wp.env.pretty.woo || !wp.env.pretty.users) {
    describe.skip(title, () => {
      it.skip(`needs a running WordPress + WooCommerce: ${wordpressService.howTo}`, () => undefined);
    });
    return;
  }
  describe(title, () => {
    body(wp.env.pretty);
  });
}

export function createOrder(site: WpSite, total: string, status: string, first: string, phone: string): number {
  return (JSON.parse(execFileSync('php', [helper, site.config, site.wp_root, 'create', total, status, first, phone, String(site.products!.simple)], { encoding: 'utf8' })) as { id: number }).id;
}

export interface OrderState {
  status: string;
  transaction_id: string;
  paid_notes: number;
  notes: string[];
}

export function orderState(site: WpSite, id: number): OrderState {
  return JSON.parse(execFileSync('php', [helper, site.config, site.wp_root, 'order', String(id)], { encoding: 'utf8' })) as OrderState;
}

/** A fresh config + ledger for the daemon against this site. */
export function daemonWorkspace(site: WpSite): { config: string; ledger: string } {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-wp-admin-'));
  const config = join(dir, 'config.json');
  const ledger = join(dir, 'ledger.json');
  writeFileSync(config, JSON.stringify({
    shop: { url: site.url, consumerKey: site.woo!.consumer_key, consumerSecret: site.woo!.consumer_secret, timeoutSeconds: 20 },
    dropbox: { url: site.daemon_url, token: site.token },
    ledger: { path: ledger },
    daemon: { timezone: 'Africa/Nairobi' },
  }), { mode: 0o600 });
  return { config, ledger };
}

/** One pass of the real daemon, in-process (`smsmatch daemon --once`). */
export async function pass(config: string): Promise<string> {
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  const code = await main(['daemon', '--once', '--config', config], io);
  expect(code, io.err()).toBe(0);
  return io.err();
}

/** An M-PESA receipt from a stranger for `amount` (e.g. "4,321.00"), posted by "the phone". */
export async function receivePayment(site: WpSite, code: string, amount: string): Promise<void> {
  const text = `${code} Confirmed.You have received Ksh${amount} from PETER KAMAU 0799***321 on ${mpesaTime(new Date(Date.now() - 120_000))} New M-PESA balance is Ksh50,000.00.`;
  // A random message_id: the drop-box keeps the first copy of an id, and ids must not repeat across test runs.
  const { body, type } = encodeBody({ secret: site.secret, ...sms(text, 'MPESA'), message_id: randomUUID() }, 'form');
  const res = await request(site.smssync_url, { method: 'POST', body, headers: { 'Content-Type': type } });
  expect(res.status).toBe(200);
}

export type Role = 'admin' | 'shop_manager' | 'customer';

/** Admin REST with an Application Password (over "HTTPS", as the router takes X-Forwarded-Proto). */
export function asUser(site: WpSite, role: Role | 'anonymous' | 'wrong'): Record<string, string> {
  const headers: Record<string, string> = { 'X-Forwarded-Proto': 'https' };
  if (role === 'anonymous') return headers;
  const u = site.users![role === 'wrong' ? 'admin' : role];
  headers['Authorization'] = `Basic ${Buffer.from(`${u.login}:${role === 'wrong' ? 'abcd efgh ijkl mnop qrst uvwx' : u.app_password}`).toString('base64')}`;
  return headers;
}

export function adminUrl(site: WpSite, route: string): string {
  const base = `${site.daemon_url}/admin${route}`;
  return base;
}

export function queueAction(site: WpSite, body: Record<string, unknown>, role: Role = 'admin') {
  return request(adminUrl(site, '/actions'), { method: 'POST', headers: { ...asUser(site, role), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

let amounts = Math.floor(Math.random() * 4000);
/** A KES amount no other test (in this run) uses, so payments never meet another test's orders. */
export function freshAmount(): { total: string; printed: string } {
  amounts += 7;
  const n = 20_000 + amounts;
  return { total: `${n}.00`, printed: `${n.toLocaleString('en-US')}.00` };
}

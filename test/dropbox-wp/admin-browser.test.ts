// One real browser on the test WordPress: a shop owner settles a waiting payment from WooCommerce → Mobile money.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { browserService, CHROMIUM_PATH, failInCi } from '../helpers/services.js';
import { createOrder, daemonWorkspace, describeShop, freshAmount, orderState, pass, receivePayment } from './admin-shop.js';
import { findWordPress } from './wp-env.js';

const wp = await findWordPress();
const browserMissing = await browserService.missing();
if (browserMissing !== undefined) failInCi(browserService, browserMissing);
const artifacts = join(process.cwd(), 'test-artifacts');

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

if (browserMissing !== undefined) {
  describe.skip('wp-admin in a real browser', () => {
    it.skip(`needs Chromium: ${browserService.howTo}`, () => undefined);
  });
} else {
  describeShop(wp, 'wp-admin in a real browser', (site) => {
    it('the admin opens Needs you, confirms a payment for an order with the keyboard, the row turns done and the order is processing', { timeout: 240_000 }, async () => {
      mkdirSync(artifacts, { recursive: true });
      const ws = daemonWorkspace(site);
      const { total, printed } = freshAmount();
      const [first, second] = [createOrder(site, total, 'on-hold', 'Alice', '0733100200'), createOrder(site, total, 'pending', 'Bob', '0733300400')];
      const code = `UB${Date.now().toString(36).toUpperCase().slice(-6)}`;
      await receivePayment(site, code, printed);
      await pass(ws.config);
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const admin = site.users!.admin;

      await page.goto(`${site.url}/wp-login.php`);
      await page.getByLabel('Username or Email Address').fill(admin.login);
      await page.getByLabel('Password', { exact: true }).fill(admin.password);
      await Promise.all([page.waitForURL(/wp-admin/), page.getByRole('button', { name: 'Log In' }).click()]);
      await page.goto(`${site.url}/wp-admin/admin.php?page=smsmatch-payments`);
      const row = page.locator(`#smsmatch-payment-${code.toLowerCase()}`);
      await expect.poll(() => row.count()).toBe(1);
      expect(await page.getByRole('link', { name: /^Needs you \(\d+\)$/ }).getAttribute('aria-current')).toBe('page');
      expect(await row.getByLabel('Reason').getAttribute('required')).not.toBeNull();
      expect(await row.getByLabel('Confirm for order #').count()).toBe(1);
      expect(await row.getByRole('link', { name: `#${second}` }).count()).toBe(1);
      await page.screenshot({ path: join(artifacts, 'admin-needs-you.png') });
      await row.screenshot({ path: join(artifacts, 'admin-needs-you-row.png') });

      const confirm = row.getByRole('button', { name: `Confirm for order #${first}` });
      await confirm.focus();
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
      await expect.poll(() => page.locator('.notice-success').textContent()).toMatch(/^Queued as #\d+ for /);
      const status = page.locator(`#smsmatch-payment-${code.toLowerCase()} .smsmatch-status`);
      expect(await status.getAttribute('data-status')).toBe('queued');
      await pass(ws.config);
      await status.and(page.locator('[data-status="done"]')).waitFor({ timeout: 60_000 });
      await row.screenshot({ path: join(artifacts, 'admin-done-row.png') });

      expect(await status.textContent()).toContain(`order #${first} marked paid with ${code}`);
      expect(orderState(site, first)).toMatchObject({ status: 'processing', transaction_id: code, paid_notes: 1 });
      expect(orderState(site, second).status).toBe('pending');
      await page.goto(`${site.url}/wp-admin/admin.php?page=wc-orders&action=edit&id=${first}`);
      const box = page.locator('#smsmatch-mobile-money');
      await box.scrollIntoViewIfNeeded();
      expect(await box.textContent()).toContain(code);
      await box.screenshot({ path: join(artifacts, 'admin-order-box.png') });
      await page.goto(`${site.url}/wp-admin/admin.php?page=smsmatch-payments&tab=health`);
      expect(await page.locator('#smsmatch-health-daemon').textContent()).toContain('OK');
      await page.screenshot({ path: join(artifacts, 'admin-health.png') });
    });
  });
}

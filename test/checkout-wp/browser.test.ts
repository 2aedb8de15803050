// One real browser, one test per page kind. The block checkout: a guest pays with "Pay with M-PESA", a relative's
// payment SMS reaches the plugin's SMSsync URL, `smsmatch reconcile` runs against the shop, and the order page turns to
// paid by itself. My account → order: a logged-in customer's own M-PESA order has the same live panel, and nothing
// of the panel is on another method's order or on another customer's. A classic theme's checkout and order-received
// page (the fixture theme, served to this browser only: see theme-switch.php), also at a phone's width.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { mpesaTime } from '../e2e/helpers.js';
import { captureIo } from '../helpers/io.js';
import { CHROMIUM_PATH, browserService, failInCi } from '../helpers/services.js';
import { findWordPress } from '../dropbox-wp/wp-env.js';
import type { Shop } from './shop.js';
import { KENYAN_ADDRESS, configureGateway, describeShop, http, shopHelper, wooRest } from './shop.js';

const wp = await findWordPress();
const missingBrowser = await browserService.missing();
if (missingBrowser && wp.ok) failInCi(browserService, missingBrowser);

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
// The block checkout renders in the browser; on a loaded CI machine that takes seconds, not expect.poll's default 1 s.
const SLOW = { timeout: 60_000, interval: 250 };

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `checkout-${name}.png`), fullPage: true });
}

const panelStatus = (page: Page) => page.locator('.smsmatch-panel .smsmatch-panel-status').textContent();

/** An order as the shop's admin creates it over REST, for `customer` (0: a guest) and paid with `method`. */
const TITLES: Record<string, string> = { smsmatch: 'Pay with M-PESA', bacs: 'Direct bank transfer' };

async function createOrder(shop: Shop, customer: number, method: 'smsmatch' | 'bacs'): Promise<{ id: number; order_key: string }> {
  const res = await wooRest(shop, 'orders', {
    method: 'POST',
    body: {
      customer_id: customer, payment_method: method, payment_method_title: TITLES[method], status: 'on-hold',
      billing: { first_name: 'Wanjiru', last_name: 'Test', email: 'wanjiru@example.com', phone: '0712 345 678', ...KENYAN_ADDRESS },
      line_items: [{ product_id: shop.products.virtual, quantity: 1 }],
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: number; order_key: string };
}

/** What the shop phone's SMSsync app posts for a payment from the customer's uncle (number masked by M-PESA). */
async function postPaymentSms(shop: Shop, code: string, total: string, masked: string): Promise<void> {
  const amount = Number(total).toLocaleString('en-US', { minimumFractionDigits: 2 });
  const text = `${code} Confirmed.You have received Ksh${amount} from JOHN KAMAU ${masked} on ${mpesaTime(new Date())} New M-PESA balance is Ksh${amount}. Separate personal and business funds through Pochi la Biashara on *334#.`;
  const body = new URLSearchParams({ secret: shop.secret, from: 'MPESA', message: text, message_id: crypto.randomUUID(), sent_timestamp: String(Date.now()), sent_to: '', device_id: 'shop-phone' });
  const res = await http(shop.smssync_url, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  expect(res.json).toEqual({ payload: { success: true, error: null } });
}

/** `smsmatch reconcile` as the owner runs it: a config with the shop's REST key and the drop-box token. */
async function reconcileShop(shop: Shop): Promise<{ code: number; json: { decisions: Array<{ code: string; decision: string; orderId: number | null; reasons: string[] }> } }> {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-browser-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    shop: { url: shop.url, consumerKey: shop.woo.consumer_key, consumerSecret: shop.woo.consumer_secret, timeoutSeconds: 60 },
    dropbox: { url: shop.daemon_url, token: shop.token },
    ledger: { path: join(dir, 'ledger.json') },
    // A fresh ledger reads every SMS other suites left in the shared drop-box, so the balance chain cannot hold.
    apply: { balanceChain: { enabled: false } },
  }), { mode: 0o600 });
  const io = captureIo({ env: { HOME: dir, USER: 'tester' } });
  const code = await main(['reconcile', '--config', config, '--json'], io);
  return { code, json: JSON.parse(io.out()) as { decisions: Array<{ code: string; decision: string; orderId: number | null; reasons: string[] }> } };
}

if (missingBrowser) {
  describe.skip('block checkout in a real browser', () => {
    it.skip(`needs Chromium: ${browserService.howTo}`, () => undefined);
  });
} else {
  describeShop(wp, 'block checkout in a real browser', (shop) => {
    let browser: Browser;
    beforeAll(async () => {
      shopHelper(shop, 'reset-limits');
      expect((await configureGateway(shop)).status).toBe(200);
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('a guest pays with M-PESA; the order page says where to pay and turns to paid once the SMS is reconciled', async () => {
      // The uncle's number is new on every run: orders other suites (and earlier runs) left open must not fit it.
      const tail = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
      const uncle = `0799 ${tail.slice(0, 3)} ${tail.slice(3)}`;
      const masked = `0799***${tail.slice(3)}`;
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      page.setDefaultTimeout(90_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));

      await page.goto(`${shop.url}/?add-to-cart=${shop.products.simple}`);
      await page.goto(`${shop.url}/checkout/`);
      await page.locator('#email').fill('jane.guest@example.com');
      for (const prefix of ['shipping', 'billing']) {
        if (!(await page.locator(`#${prefix}-first_name`).isVisible())) continue;
        await page.locator(`#${prefix}-first_name`).fill('Jane');
        await page.locator(`#${prefix}-last_name`).fill('Wanjiku');
        await page.locator(`#${prefix}-address_1`).fill('Moi Avenue 1');
        await page.locator(`#${prefix}-city`).fill('Nairobi');
        await page.locator(`#${prefix}-state`).selectOption('KE30');
        await page.locator(`#${prefix}-postcode`).fill('00100');
        await page.locator(`#${prefix}-phone`).fill('0712 345 678');
      }
      await page.locator('label[for="radio-control-wc-payment-method-options-smsmatch"]').click();
      const phone = page.locator('#smsmatch-phone');
      await expect.poll(() => phone.inputValue(), SLOW).toBe('0712 345 678');
      await shot(page, '1-method-prefilled');

      await phone.fill('0812 34');
      await phone.blur();
      const error = page.locator('#smsmatch-phone-error');
      await expect.poll(() => error.textContent(), SLOW).toBe('Enter the M-PESA number you will pay from as 07… or 01… (10 digits), 254… or +254…; spaces are fine.');
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.waitForTimeout(1500);
      expect(page.url()).toContain('/checkout/');
      await shot(page, '2-bad-number');

      await phone.fill(uncle);
      await page.locator('#smsmatch-payer-name').fill('John Kamau');
      await expect.poll(() => error.count(), SLOW).toBe(0);
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.waitForURL(/order-received/);
      const panel = page.locator('.smsmatch-panel');
      await expect.poll(() => panel.locator('.smsmatch-panel-status').textContent(), SLOW).toBe('Waiting for your payment…');
      const steps = await page.locator('.smsmatch-steps li').allTextContents();
      expect(steps[1]).toBe('Till number: 5123456');
      expect(steps[2]).toMatch(/^Amount: KSh[\d,]+\.00$/);
      await shot(page, '3-instructions');

      const id = Number(/order-received\/(\d+)/.exec(page.url())?.[1]);
      const order = (await wooRest(shop, `orders/${id}`)).json as { total: string; status: string };
      expect(order.status).toBe('on-hold');
      const code = `UB${String(id).padStart(4, '0')}X${String(Date.now()).slice(-3)}Z`.slice(0, 10);
      await postPaymentSms(shop, code, order.total, masked);
      const run = await reconcileShop(shop);
      const decision = run.json.decisions.find((d) => d.code === code);
      expect(decision, JSON.stringify(run.json.decisions)).toMatchObject({ decision: 'confirm', orderId: id });
      expect(decision!.reasons[0]).toBe(`masked phone +254799***${tail.slice(3)} fits the number declared at checkout and the name matches "John Kamau" on #${id}`);

      await expect.poll(() => panel.locator('.smsmatch-panel-status').textContent(), { timeout: 90_000, interval: 1000 }).toBe('Payment received — thank you');
      expect(await page.locator('.smsmatch-instructions').isHidden()).toBe(true);
      await shot(page, '4-paid');
      expect((await wooRest(shop, `orders/${id}`)).json.status).toBe('processing');
      expect(errors).toEqual([]);
    });

    it("My account → order: the customer's own M-PESA order has the steps and the live panel; other orders have none", async () => {
      const customer = shop.users.customer;
      const own = await createOrder(shop, customer.id, 'smsmatch');
      const bacs = await createOrder(shop, customer.id, 'bacs');
      const other = await createOrder(shop, shop.users.shop_manager.id, 'smsmatch');
      const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
      page.setDefaultTimeout(90_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${shop.url}/wp-login.php`);
      await page.locator('#user_login').fill(customer.login);
      await page.locator('#user_pass').fill(customer.password);
      await page.locator('#wp-submit').click();
      await page.waitForURL((url) => !url.pathname.includes('wp-login'));

      await page.goto(`${shop.url}/my-account/view-order/${bacs.id}/`);
      expect(await page.locator('.woocommerce-order-details').count()).toBe(1);
      expect(await page.locator('.smsmatch-order').count()).toBe(0);
      await page.goto(`${shop.url}/my-account/view-order/${other.id}/`);
      expect(await page.locator('body').innerText()).toContain('Invalid order.');
      expect(await page.locator('.smsmatch-order').count()).toBe(0);
      expect(await page.content()).not.toContain(other.order_key);
      // Left open they would be candidates for other suites' payments of the same amount.
      for (const done of [bacs, other]) await wooRest(shop, `orders/${done.id}`, { method: 'PUT', body: { status: 'cancelled' } });

      await page.goto(`${shop.url}/my-account/view-order/${own.id}/`);
      await expect.poll(() => panelStatus(page), SLOW).toBe('Waiting for your payment…');
      expect(await page.locator('.smsmatch-steps li').last().textContent()).toContain('this page turns to "Payment received"');
      await shot(page, '5-my-account-waiting');
      expect((await wooRest(shop, `orders/${own.id}`, { method: 'PUT', body: { status: 'processing' } })).status).toBe(200);
      await expect.poll(() => panelStatus(page), { timeout: 60_000, interval: 500 }).toBe('Payment received — thank you');
      expect(await page.locator('.smsmatch-instructions').isHidden()).toBe(true);
      expect(await page.locator('mark.order-status').textContent()).toBe('Processing');
      await shot(page, '6-my-account-paid');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a classic theme: a guest pays through the classic checkout; the order-received page has the steps and turns to paid', async () => {
      const classicCheckout = shopHelper<{ url: string }>(shop, 'classic-page').url;
      const context = await browser.newContext({ viewport: { width: 1000, height: 1200 } });
      await context.addCookies([{ name: 'smsmatch_test_theme', value: 'classic', url: shop.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(90_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));

      await page.goto(`${shop.url}/?add-to-cart=${shop.products.simple}`);
      await page.goto(classicCheckout);
      expect(await page.locator('link#smsmatch-classic-test-css').count()).toBe(1);
      const fields = { first_name: 'Amina', last_name: 'Hassan', address_1: 'Digo Road 5', city: 'Mombasa', postcode: '80100', phone: '0722 111 222', email: 'amina.guest@example.com' };
      for (const [name, value] of Object.entries(fields)) await page.locator(`#billing_${name}`).fill(value);
      // The state is a select2 box over a hidden <select>: set it the way select2 would.
      await page.evaluate("jQuery('#billing_state').val('KE28').trigger('change')");
      await page.locator('#payment_method_smsmatch').check();
      await expect.poll(() => page.locator('#smsmatch_phone').inputValue(), SLOW).toBe('0722 111 222');
      await expect.poll(() => page.locator('.blockUI').count(), SLOW).toBe(0);
      // Prefilled by script after WooCommerce validated the empty field: the row must not stay marked "required".
      expect(await page.locator('#smsmatch_phone').evaluate((el) => el.closest('.form-row')!.className)).not.toContain('woocommerce-invalid');
      await shot(page, '7-classic-checkout');
      await page.locator('#place_order').click();
      await page.waitForURL(/order-received/);

      await expect.poll(() => panelStatus(page), SLOW).toBe('Waiting for your payment…');
      expect(await page.locator('link#smsmatch-classic-test-css').count()).toBe(1);
      const steps = await page.locator('.smsmatch-steps li').allTextContents();
      expect(steps).toContain('Enter your PIN and confirm.');
      expect(steps.some((step) => /^Amount: KSh[\d,]+\.00$/.test(step))).toBe(true);
      await shot(page, '8-classic-instructions');
      await page.setViewportSize({ width: 390, height: 844 });
      // Nothing of the panel reaches past a phone's screen.
      const right = await page.locator('.smsmatch-order').evaluate((el) => el.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(390);
      await shot(page, '9-classic-instructions-390px');

      const id = Number(/order-received\/(\d+)/.exec(page.url())?.[1]);
      expect((await wooRest(shop, `orders/${id}`)).json.status).toBe('on-hold');
      expect((await wooRest(shop, `orders/${id}`, { method: 'PUT', body: { status: 'processing' } })).status).toBe(200);
      await expect.poll(() => panelStatus(page), { timeout: 60_000, interval: 500 }).toBe('Payment received — thank you');
      expect(await page.locator('.smsmatch-instructions').isHidden()).toBe(true);
      await shot(page, '10-classic-paid-390px');
      expect(errors).toEqual([]);
      await context.close();
    });
  });
}

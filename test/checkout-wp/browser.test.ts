// One real browser on the real block checkout: a guest pays with "Pay with M-PESA", a relative's payment SMS reaches
// the plugin's SMSsync URL, `smsmatch reconcile` runs against the shop, and the order page turns to paid by itself.
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
import { configureGateway, describeShop, http, shopHelper, wooRest } from './shop.js';

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
  });
}

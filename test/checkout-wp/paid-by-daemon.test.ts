// Checkout orders paid by `smsmatch reconcile` against the real plugin and WooCommerce, with SMS receipts on: a
// relative pays and the order gets one receipt in the plugin's outbox, to the number declared at checkout, however
// often reconcile runs; a payment only a person could place is matched once the customer types its code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { receiptUuid } from '../../src/app/receipts.js';
import { main } from '../../src/main.js';
import { findWordPress } from '../dropbox-wp/wp-env.js';
import { mpesaTime } from '../e2e/helpers.js';
import { captureIo } from '../helpers/io.js';
import type { Shop } from './shop.js';
import { configureGateway, describeShop, http, shopHelper, storeCheckout, wooRest } from './shop.js';

const wp = await findWordPress();
const TEMPLATE = 'Asante! We got {code} ({amount}) for order {order_number}.';

interface Decision { code: string; decision: string; orderId: number | null; candidates: number[] }

/** The SMS the shop phone's SMSsync posts for a payment (the payer's number masked, as M-PESA does since 2026). */
async function phoneForwards(shop: Shop, code: string, total: string, payer: string): Promise<void> {
  const amount = Number(total).toLocaleString('en-US', { minimumFractionDigits: 2 });
  const text = `${code} Confirmed.You have received Ksh${amount} from ${payer} on ${mpesaTime(new Date())} New M-PESA balance is Ksh${amount}.`;
  const body = new URLSearchParams({ secret: shop.secret, from: 'MPESA', message: text, message_id: crypto.randomUUID(), sent_timestamp: String(Date.now()), sent_to: '', device_id: 'shop-phone' });
  expect((await http(shop.smssync_url, { method: 'POST', body })).json).toEqual({ payload: { success: true, error: null } });
}

const decisionsOf = (run: { out: string }): Decision[] => (JSON.parse(run.out) as { decisions: Decision[] }).decisions;
const randomCode = (prefix: string): string => `${prefix}${Array.from({ length: 8 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 32)]).join('')}`;

async function reconcile(shop: Shop, dir: string): Promise<{ code: number; out: string; err: string }> {
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    shop: { url: shop.url, consumerKey: shop.woo.consumer_key, consumerSecret: shop.woo.consumer_secret, timeoutSeconds: 60 },
    dropbox: { url: shop.daemon_url, token: shop.token },
    ledger: { path: join(dir, 'ledger.json') },
    // A fresh ledger reads every SMS other suites left in the shared drop-box, so the balance chain cannot hold.
    apply: { balanceChain: { enabled: false }, smsReceipt: { enabled: true, template: TEMPLATE } },
  }), { mode: 0o600 });
  const io = captureIo({ env: { HOME: dir, USER: 'tester' } });
  const code = await main(['reconcile', '--config', config, '--json'], io);
  return { code, out: io.out(), err: io.err() };
}

describeShop(wp, 'SMS receipts through the real outbox', (shop) => {
  it('one receipt per confirmed payment, to the number the customer declared, however often reconcile runs', async () => {
    expect((await configureGateway(shop)).status).toBe(200);
    const tail = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
    const declared = `+254798${tail}`;
    const placed = await storeCheckout(shop, { smsmatch_phone: `0798 ${tail.slice(0, 3)} ${tail.slice(3)}`, smsmatch_payer_name: 'John Kamau' });
    expect(placed.status, placed.text).toBe(200);
    const orderId = placed.json.order_id as number;
    const order = (await wooRest(shop, `orders/${orderId}`)).json as { total: string; number: string };
    const amount = Number(order.total).toLocaleString('en-US', { minimumFractionDigits: 2 });
    const code = randomCode('UR');
    await phoneForwards(shop, code, order.total, `JOHN KAMAU 0798***${tail.slice(3)}`);

    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-receipt-'));
    const first = await reconcile(shop, dir);
    expect(first.code, first.err).toBe(0);
    expect(decisionsOf(first).find((d) => d.code === code)).toMatchObject({ decision: 'confirm', orderId });
    expect((await reconcile(shop, dir)).code).toBe(0);

    const rows = shopHelper<Array<{ uuid: string; to: string; message: string; status: string }>>(shop, 'outbox-to', declared);
    expect(rows).toEqual([{
      uuid: receiptUuid(`mpesa-ke:${code}`, orderId), to: declared,
      message: `Asante! We got ${code} (KES ${amount}) for order ${order.number}.`,
      // Queued, or already handed to the phone if another suite polled the same site meanwhile.
      status: expect.stringMatching(/^(queued|sent_to_phone|queued_on_phone)$/),
    }]);
  });

  it('a payment from a stranger\'s number waits for a person until the customer types its code; then the next pass pays the order', async () => {
    expect((await configureGateway(shop)).status).toBe(200);
    shopHelper(shop, 'reset-limits');
    // Two orders for the same amount and an SMS from a number neither declared: only the code can tell them apart.
    const placed = [await storeCheckout(shop, { smsmatch_phone: '0711 000 001' }), await storeCheckout(shop, { smsmatch_phone: '0711 000 002' })];
    for (const p of placed) expect(p.status, p.text).toBe(200);
    const [mine, other] = placed.map((p) => ({ id: p.json.order_id as number, key: p.json.order_key as string }));
    const total = ((await wooRest(shop, `orders/${mine!.id}`)).json as { total: string }).total;
    const code = randomCode('UC');
    await phoneForwards(shop, code, total, 'PETER NJOROGE 0790***321');
    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-code-entry-'));

    const before = decisionsOf(await reconcile(shop, dir)).find((d) => d.code === code);
    // Other suites leave many open orders of the same amount on this site, so the candidate list (the oldest
    // ten) need not name ours; what matters is that nobody's order was paid on the amount alone.
    expect(before?.decision).toBe('review');
    expect(((await wooRest(shop, `orders/${mine!.id}`)).json as { status: string }).status).toBe('on-hold');

    const typed = await http(`${shop.url}/wp-json/smsmatch/v1/order-code`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ order: mine!.id, key: mine!.key, code: code.toLowerCase() }),
    });
    expect(typed.status, typed.text).toBe(200);
    const after = await reconcile(shop, dir);

    expect(after.code, after.err).toBe(0);
    expect(decisionsOf(after).find((d) => d.code === code)).toMatchObject({ decision: 'confirm', orderId: mine!.id });
    expect((await wooRest(shop, `orders/${mine!.id}`)).json).toMatchObject({ status: 'processing', transaction_id: code });
    expect((await wooRest(shop, `orders/${other!.id}`)).json).toMatchObject({ status: 'on-hold', transaction_id: '' });
    expect(shopHelper<Array<{ to: string }>>(shop, 'outbox-to', '+254711000001').filter((r) => r.to === '+254711000001').length).toBeGreaterThanOrEqual(1);
  });
});

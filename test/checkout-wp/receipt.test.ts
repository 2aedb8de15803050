// apply.smsReceipt against the real plugin: a relative pays for a Store API checkout, `smsmatch reconcile` confirms
// the order and queues one SMS receipt in the plugin's outbox, to the number declared at checkout; a second run
// queues nothing more.
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
    const code = `UR${String(orderId).padStart(5, '0')}${String(Date.now()).slice(-3)}`.slice(0, 10);
    const text = `${code} Confirmed.You have received Ksh${amount} from JOHN KAMAU 0798***${tail.slice(3)} on ${mpesaTime(new Date())} New M-PESA balance is Ksh${amount}.`;
    const body = new URLSearchParams({ secret: shop.secret, from: 'MPESA', message: text, message_id: crypto.randomUUID(), sent_timestamp: String(Date.now()), sent_to: '', device_id: 'shop-phone' });
    expect((await http(shop.smssync_url, { method: 'POST', body })).json).toEqual({ payload: { success: true, error: null } });

    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-receipt-'));
    const first = await reconcile(shop, dir);
    expect(first.code, first.err).toBe(0);
    const decision = (JSON.parse(first.out) as { decisions: Array<{ code: string; decision: string; orderId: number | null }> }).decisions.find((d) => d.code === code);
    expect(decision).toMatchObject({ decision: 'confirm', orderId });
    expect((await reconcile(shop, dir)).code).toBe(0);

    const rows = shopHelper<Array<{ uuid: string; to: string; message: string; status: string }>>(shop, 'outbox-to', declared);
    expect(rows).toEqual([{
      uuid: receiptUuid(`mpesa-ke:${code}`, orderId), to: declared,
      message: `Asante! We got ${code} (KES ${amount}) for order ${order.number}.`,
      // Queued, or already handed to the phone if another suite polled the same site meanwhile.
      status: expect.stringMatching(/^(queued|sent_to_phone|queued_on_phone)$/),
    }]);
  });
});

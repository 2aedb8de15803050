// The customer's order routes in a real WordPress: order-status and order-code, authorised by the order key only.
import { request } from 'node:http';
import { beforeEach, expect, it } from 'vitest';
import { findWordPress } from '../dropbox-wp/wp-env.js';
import type { Http, Shop } from './shop.js';
import { configureGateway, describeShop, http, metaOf, shopHelper, storeCheckout, wooRest } from './shop.js';

const wp = await findWordPress();

interface Placed { id: number; key: string }

async function place(shop: Shop, method = 'smsmatch'): Promise<Placed> {
  const res = await storeCheckout(shop, method === 'smsmatch' ? { smsmatch_phone: '0712345678' } : {}, { method });
  expect(res.status).toBe(200);
  return { id: res.json.order_id as number, key: res.json.order_key as string };
}

// The routes' limits count requests per client address, and the browser test's pages poll these routes from 127.0.0.1
// while this file runs (vitest runs files concurrently): this file's route requests come from another loopback address.
const OWN_ADDRESS = '127.0.0.2';

function fromOwnAddress(url: string, init: { method?: string; body?: string } = {}): Promise<Http> {
  return new Promise((resolve, reject) => {
    const headers = init.body === undefined ? {} : { 'Content-Type': 'application/json' };
    const req = request(url, { method: init.method ?? 'GET', headers, localAddress: OWN_ADDRESS, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const h = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') h.set(name, value);
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: h, text, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

function status(shop: Shop, order: number | string, key: string): Promise<Http> {
  return fromOwnAddress(`${shop.url}/wp-json/smsmatch/v1/order-status?${new URLSearchParams({ order: String(order), key }).toString()}`);
}

function sendCode(shop: Shop, body: unknown): Promise<Http> {
  return fromOwnAddress(`${shop.url}/wp-json/smsmatch/v1/order-code`, { method: 'POST', body: JSON.stringify(body) });
}

const NOT_FOUND = { code: 'smsmatch_not_found', message: 'No order matches that order number and key.', data: { status: 404 } };

describeShop(wp, 'order-status and order-code routes', (shop) => {
  beforeEach(async () => {
    shopHelper(shop, 'reset-limits');
    await configureGateway(shop);
  });

  it('order-status answers the right key with paid/status, and turns paid when the order is', async () => {
    const o = await place(shop);

    const waiting = await status(shop, o.id, o.key);
    await wooRest(shop, `orders/${o.id}`, { method: 'PUT', body: { status: 'processing', transaction_id: 'TJK4ABC12X' } });
    const paid = await status(shop, o.id, o.key);

    expect([waiting.status, waiting.json]).toEqual([200, { paid: false, status: 'on-hold', code_received: false }]);
    expect(waiting.headers.get('cache-control')).toContain('no-store');
    expect([paid.status, paid.json]).toEqual([200, { paid: true, status: 'processing', code_received: false }]);
  });

  it('answers a wrong key, a missing key, another order\'s key and a missing order with the same bare 404', async () => {
    const a = await place(shop);
    const b = await place(shop);
    const tries: Array<[number | string, string]> = [[a.id, `${a.key}x`], [a.id, ''], [a.id, b.key], [999_999, a.key], ['abc', a.key], [a.id, a.key.toUpperCase()]];

    for (const [order, key] of tries) {
      const s = await status(shop, order, key);
      const c = await sendCode(shop, { order, key, code: 'TJK4ABC12X' });
      expect([s.status, s.json]).toEqual([404, NOT_FOUND]);
      expect([c.status, c.json]).toEqual([404, NOT_FOUND]);
      expect(s.text).not.toMatch(/on-hold|wc_order_|paid/);
    }
    expect(metaOf((await wooRest(shop, `orders/${a.id}`)).json)).not.toHaveProperty('_smsmatch_entered_code');
  });

  it('order-code checks the shape, keeps the code, quotes it in a private note once, and wakes the daemon', async () => {
    const o = await place(shop);
    const wakes = shopHelper<Record<string, number>>(shop, 'wake-count')['code'] ?? 0;

    const empty = await sendCode(shop, { order: o.id, key: o.key, code: ' ' });
    const bad = await sendCode(shop, { order: o.id, key: o.key, code: 'paid 1500' });
    const good = await sendCode(shop, { order: o.id, key: o.key, code: ' tjk4 abc12x ' });
    const again = await sendCode(shop, { order: String(o.id), key: o.key, code: 'TJK4ABC12X' });

    expect([empty.status, empty.json.message]).toEqual([400, 'Enter the transaction code from your confirmation SMS.']);
    expect([bad.status, bad.json.code, bad.json.message]).toEqual([400, 'smsmatch_invalid_code', 'That does not look like an M-PESA transaction code: copy it from the confirmation SMS, e.g. TJK4ABC12X.']);
    expect([good.status, good.json]).toEqual([200, { paid: false, status: 'on-hold', code_received: true, accepted: true, code: 'TJK4ABC12X', message: 'Thank you: we are checking TJK4ABC12X against the payments the shop received.' }]);
    expect(again.status).toBe(200);
    const order = (await wooRest(shop, `orders/${o.id}`)).json;
    expect(metaOf(order)).toMatchObject({ _smsmatch_entered_code: 'TJK4ABC12X' });
    const notes = ((await wooRest(shop, `orders/${o.id}/notes`)).json as Array<{ note: string; customer_note: boolean }>).filter((n) => n.note.includes('TJK4ABC12X'));
    expect(notes).toEqual([expect.objectContaining({ note: 'The customer entered the payment code TJK4ABC12X on the order page.', customer_note: false })]);
    expect(shopHelper<Record<string, number>>(shop, 'wake-count')['code']).toBe(wakes + 1);
    const page = await http(`${shop.daemon_url}/messages?after=999999999`, { headers: { Authorization: `Bearer ${shop.token}` } });
    expect(Date.parse(page.json.last_code_at as string)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect((await status(shop, o.id, o.key)).json).toEqual({ paid: false, status: 'on-hold', code_received: true });
  });

  it('order-code answers a paid order without storing anything, and refuses orders of other payment methods', async () => {
    const o = await place(shop);
    await wooRest(shop, `orders/${o.id}`, { method: 'PUT', body: { status: 'processing' } });
    const cheque = await wooRest(shop, 'payment_gateways/cheque', { method: 'PUT', body: { enabled: true } });
    const other = await place(shop, 'cheque');

    const paid = await sendCode(shop, { order: o.id, key: o.key, code: 'TJK4ABC12X' });
    const foreign = await sendCode(shop, { order: other.id, key: other.key, code: 'TJK4ABC12X' });

    expect(cheque.status).toBe(200);
    expect([paid.status, paid.json]).toMatchObject([200, { paid: true, accepted: false, message: 'This order is already paid: no code is needed.' }]);
    expect(metaOf((await wooRest(shop, `orders/${o.id}`)).json)).not.toHaveProperty('_smsmatch_entered_code');
    expect([foreign.status, foreign.json.code]).toEqual([409, 'smsmatch_not_mobile_money']);
  });

  it('ships generous per-address limits (a proxy shows every customer at one address) and a tight per-order one', () => {
    expect(shopHelper(shop, 'set-limits', 'default')).toEqual({ status_per_minute: 300, codes_per_ip: 60, codes_per_order: 5 });
  });

  it('limits code entries per order (5 per 15 minutes) and per address, with Retry-After', async () => {
    shopHelper(shop, 'set-limits', '300', '20', '5');
    const o = await place(shop);
    const perOrder: number[] = [];
    for (let i = 0; i < 6; i++) perOrder.push((await sendCode(shop, { order: o.id, key: o.key, code: `TJK4ABC1${i}X` })).status);
    const limited = await sendCode(shop, { order: o.id, key: o.key, code: 'TJK4ABC19X' });

    expect(perOrder).toEqual([200, 200, 200, 200, 200, 429]);
    expect(limited.json).toEqual({ code: 'smsmatch_rate_limited', message: 'Too many tries: wait 15 minutes and try again.', data: { status: 429 } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(metaOf((await wooRest(shop, `orders/${o.id}`)).json)).toMatchObject({ _smsmatch_entered_code: 'TJK4ABC14X' });

    shopHelper(shop, 'reset-limits');
    const perIp: number[] = [];
    for (let i = 0; i < 21; i++) perIp.push((await sendCode(shop, { order: 999_999, key: 'wc_order_guess', code: 'TJK4ABC12X' })).status);
    shopHelper(shop, 'set-limits', 'default');
    expect(perIp.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(perIp[20]).toBe(429);
  });

  it('limits status polls per address and minute, good keys and guesses alike', async () => {
    shopHelper(shop, 'set-limits', '30', '60', '5');
    const o = await place(shop);
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await status(shop, o.id, i % 2 === 0 ? o.key : 'wc_order_guess')).status);
    // Another address (127.0.0.1, where the browser test's pages poll from) still has its own allowance.
    const elsewhere = await http(`${shop.url}/wp-json/smsmatch/v1/order-status?${new URLSearchParams({ order: String(o.id), key: o.key }).toString()}`);
    shopHelper(shop, 'set-limits', 'default');

    expect(codes.slice(0, 30).filter((c) => c === 200)).toHaveLength(15);
    expect(codes.slice(0, 30).filter((c) => c === 404)).toHaveLength(15);
    expect(codes[30]).toBe(429);
    expect(elsewhere.status).toBe(200);
  });
});

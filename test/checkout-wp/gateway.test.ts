// "Pay with M-PESA" in a real WooCommerce 10: settings over REST, Store API (block) checkouts, the classic form
// post, the order-received page and the on-hold email.
import { beforeAll, expect, it } from 'vitest';
import { findWordPress } from '../dropbox-wp/wp-env.js';
import type { Shop } from './shop.js';
import { JANE, configureGateway, describeShop, http, mailOffset, mailsSince, metaOf, shopHelper, storeCheckout, visibleText, wooRest } from './shop.js';

const wp = await findWordPress();

const PHONE_ERROR = 'Enter the M-PESA number you will pay from as 07… or 01… (10 digits), 254… or +254…; spaces are fine.';

async function order(shop: Shop, id: number) {
  const res = await wooRest(shop, `orders/${id}`);
  expect(res.status).toBe(200);
  return res.json as { id: number; status: string; number: string; total: string; order_key: string; meta_data: Array<{ key: string; value: unknown }>; line_items: Array<{ product_id: number }> };
}

async function notes(shop: Shop, id: number): Promise<string[]> {
  return ((await wooRest(shop, `orders/${id}/notes`)).json as Array<{ note: string }>).map((n) => n.note);
}

describeShop(wp, 'Pay with M-PESA gateway', (shop, env) => {
  beforeAll(async () => {
    expect((await configureGateway(shop)).status).toBe(200);
  });

  it('keeps its settings over PUT /wc/v3/payment_gateways/smsmatch and rejects values outside the choices', async () => {
    const put = await configureGateway(shop, { pay_to_type: 'paybill', pay_to: '247247', instructions: 'Pay {amount} to {pay_to}, account {order_number}.' });
    const got = await wooRest(shop, 'payment_gateways/smsmatch');
    const bad = await wooRest(shop, 'payment_gateways/smsmatch', { method: 'PUT', body: { settings: { pay_to_type: 'bank' } } });
    await configureGateway(shop);

    expect(put.status).toBe(200);
    expect(got.json).toMatchObject({ id: 'smsmatch', enabled: true, title: 'Pay with M-PESA', method_supports: ['products'] });
    const values = Object.fromEntries(Object.entries(got.json.settings as Record<string, { value: string }>).map(([k, v]) => [k, v.value]));
    expect(values).toMatchObject({ pay_to_type: 'paybill', pay_to: '247247', network: 'mpesa-ke', network_name: 'M-PESA', instructions: 'Pay {amount} to {pay_to}, account {order_number}.' });
    expect(Object.keys(got.json.settings.pay_to_type.options)).toEqual(['till', 'paybill', 'phone']);
    expect(bad.status).toBe(400);
  });

  it('a relative paying: puts the order on hold, keeps the declared number in E.164 and the name, reduces stock, empties the cart', async () => {
    const product = (await wooRest(shop, `products/${shop.products.simple}`)).json as { stock_quantity: number | null; manage_stock: boolean };
    const res = await storeCheckout(shop, { smsmatch_phone: '0722 000 111', smsmatch_payer_name: '  John   Kamau ' });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'on-hold', payment_method: 'smsmatch', payment_result: { payment_status: 'success' } });
    expect(res.json.payment_result.redirect_url).toContain(`order-received/${res.json.order_id}/?key=${res.json.order_key}`);
    const o = await order(shop, res.json.order_id);
    expect(o.status).toBe('on-hold');
    expect(metaOf(o)).toMatchObject({ _smsmatch_phone: '+254722000111', _smsmatch_payer_name: 'John Kamau' });
    expect(await notes(shop, o.id)).toContain('Awaiting M-PESA payment from +254722000111 by John Kamau. Order status changed from Pending payment to On hold.');
    const after = (await wooRest(shop, `products/${shop.products.simple}`)).json as { stock_quantity: number | null };
    expect(product.manage_stock).toBe(true);
    expect(after.stock_quantity).toBe((product.stock_quantity ?? 0) - 1);
    const cart = await http(`${shop.url}/wp-json/wc/store/v1/cart`, { headers: res.cart });
    expect(cart.json.items).toEqual([]);
  });

  it.each([
    ['07 form with spaces', '0712 345 678', '+254712345678'],
    ['01 form', '0112345678', '+254112345678'],
    ['254 form', '254712345678', '+254712345678'],
    ['+254 form with spaces', '+254 712 345 678', '+254712345678'],
    ['+254 with a trunk 0 and dashes', '+254-0712-345-678', '+254712345678'],
  ])('accepts the number in the %s', async (_label, typed, stored) => {
    const res = await storeCheckout(shop, { smsmatch_phone: typed });

    expect(res.status).toBe(200);
    expect(metaOf(await order(shop, res.json.order_id))).toMatchObject({ _smsmatch_phone: stored });
  });

  it.each([['letters', 'call me'], ['too short', '07123'], ['a landline-like 08 number', '0812345678'], ['another country', '+255712345678'], ['too long', '07123456789']])(
    'answers %s with the inline error and takes no order',
    async (_label, typed) => {
      const res = await storeCheckout(shop, { smsmatch_phone: typed });

      expect(res.status).toBe(400);
      expect(res.json.message).toBe(PHONE_ERROR);
      if (res.json.data?.order_id) expect((await order(shop, res.json.data.order_id)).status).not.toBe('on-hold');
    },
  );

  it('falls back to the billing phone when the field is left empty, and refuses when that is no M-PESA number either', async () => {
    const ok = await storeCheckout(shop, { smsmatch_phone: '' });
    const bad = await storeCheckout(shop, {}, { customer: { ...JANE, phone: '+44 20 7946 0000' } });

    expect(ok.status).toBe(200);
    expect(metaOf(await order(shop, ok.json.order_id))).toMatchObject({ _smsmatch_phone: '+254712345678' });
    expect(metaOf(await order(shop, ok.json.order_id))).not.toHaveProperty('_smsmatch_payer_name');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe(PHONE_ERROR);
  });

  it('the classic checkout form posts the same field names', async () => {
    const page = shopHelper<{ url: string }>(shop, 'classic-page').url;
    const jar = new Map<string, string>();
    const cookies = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const keep = (h: Headers): void => {
      for (const c of h.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    };
    const post = async (fields: Record<string, string>) => {
      const add = await http(`${shop.url}/?wc-ajax=add_to_cart`, { method: 'POST', headers: { Cookie: cookies(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ product_id: String(shop.products.virtual), quantity: '1' }).toString() });
      keep(add.headers);
      const form = await http(page, { headers: { Cookie: cookies() } });
      keep(form.headers);
      expect(form.text).toContain('id="smsmatch_phone"');
      expect(form.text).toContain('Name on that M-PESA account, if not yours');
      const nonce = /name="woocommerce-process-checkout-nonce" value="([^"]+)"/.exec(form.text)?.[1];
      expect(nonce).toBeTruthy();
      const body = new URLSearchParams({
        billing_first_name: 'Achieng', billing_last_name: 'Odhiambo', billing_country: 'KE', billing_address_1: 'Kenyatta Ave 2', billing_city: 'Kisumu',
        billing_state: 'KE30', billing_postcode: '40100', billing_phone: '0733 444 555', billing_email: 'achieng@example.com',
        payment_method: 'smsmatch', 'woocommerce-process-checkout-nonce': nonce!, _wp_http_referer: '/classic-checkout/', ...fields,
      });
      const res = await http(`${shop.url}/?wc-ajax=checkout`, { method: 'POST', headers: { Cookie: cookies(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: body.toString() });
      keep(res.headers);
      return res.json as { result: string; redirect?: string; messages?: string };
    };

    const bad = await post({ smsmatch_phone: '12345', smsmatch_payer_name: '' });
    const good = await post({ smsmatch_phone: '+254 733 444 556', smsmatch_payer_name: 'Otieno Odhiambo' });

    expect(bad.result).toBe('failure');
    expect(visibleText(bad.messages ?? '')).toContain(PHONE_ERROR);
    expect(good.result).toBe('success');
    const id = Number(/order-received\/(\d+)/.exec(good.redirect ?? '')?.[1]);
    const o = await order(shop, id);
    expect(o.status).toBe('on-hold');
    expect(metaOf(o)).toMatchObject({ _smsmatch_phone: '+254733444556', _smsmatch_payer_name: 'Otieno Odhiambo' });
  });

  it('the order-received page (block theme) gives numbered steps and the live panel', async () => {
    const res = await storeCheckout(shop, { smsmatch_phone: '0712345678' });
    const page = await http(res.json.payment_result.redirect_url);
    const o = await order(shop, res.json.order_id);
    const amount = `KSh${Number(o.total).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain(`How to pay Please pay ${amount} for order ${o.number} to 5123456.`);
    expect(text).toContain(`Till number: 5123456 Amount: ${amount} Enter your PIN and confirm.`);
    expect(page.text).toMatch(/<ol class="smsmatch-steps">(\s*<li>[^<]+<\/li>){5}\s*<\/ol>/);
    expect(text).toContain('Waiting for your payment…');
    expect(text).toContain('Paid already? Enter your M-PESA code');
    expect(page.text).toContain(`data-status-url="${shop.url}/wp-json/smsmatch/v1/order-status?order=${o.id}&#038;key=${o.order_key}"`);
    expect(page.text).toMatch(/smsmatch-panel\.js/);
  });

  it('a cancelled order\'s page says so at once: no steps, no code form, no "Waiting…" until the first poll', async () => {
    const res = await storeCheckout(shop, { smsmatch_phone: '0712345678' });
    expect((await wooRest(shop, `orders/${res.json.order_id}`, { method: 'PUT', body: { status: 'cancelled' } })).status).toBe(200);

    const page = await http(res.json.payment_result.redirect_url);

    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain('This order was cancelled. If you have paid, contact the shop with your payment code.');
    expect(page.text).toMatch(/class="smsmatch-panel is-closed"[^>]*data-closed="1"/);
    expect(text).not.toContain('Waiting for your payment…');
    expect(text).not.toContain('Paid already? Enter your M-PESA code');
    expect(page.text).not.toContain('smsmatch-steps');
  });

  it('for a Paybill the account is the order number, on the page and in the on-hold email; the admin copy has no steps', async () => {
    await configureGateway(shop, { pay_to_type: 'paybill', pay_to: '247247' });
    const before = mailOffset(env);
    const res = await storeCheckout(shop, { smsmatch_phone: '0712345678' });
    const page = visibleText((await http(res.json.payment_result.redirect_url)).text);
    await configureGateway(shop);
    const o = await order(shop, res.json.order_id);
    const mails = mailsSince(env, before);

    expect(page).toContain(`Lipa na M-PESA → Pay Bill. Business number: 247247 Account number: ${o.number} (your order number)`);
    const customer = mails.find((m) => String(m.to).includes(JANE.email));
    const admin = mails.find((m) => !String(m.to).includes(JANE.email));
    expect(customer, 'the on-hold email').toBeDefined();
    const text = visibleText(customer!.message);
    expect(text).toContain(`How to pay Please pay`);
    expect(text).toMatch(new RegExp(`On your phone open M-PESA and choose Lipa na M-PESA → Pay Bill\\. Business number: 247247 Account number: ${o.number} \\(your order number\\) Amount: KSh[\\d,.]+ Enter your PIN and confirm\\. Keep the M-PESA confirmation SMS`));
    expect(customer!.message).toMatch(/<ol class="smsmatch-steps">(\s*<li>[^<]+<\/li>){6}\s*<\/ol>/);
    expect(admin, 'the new-order email to the shop').toBeDefined();
    expect(admin!.message).not.toContain('How to pay');
  });

  it('is not offered until the owner sets where to pay', async () => {
    await configureGateway(shop, { pay_to: '' });
    const res = await storeCheckout(shop, { smsmatch_phone: '0712345678' });
    await configureGateway(shop);

    expect(res.status).toBe(400);
    expect(res.json.code).toBe('woocommerce_rest_checkout_payment_method_disabled');
  });
});

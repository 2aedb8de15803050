import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Order } from '../../src/core/order.js';
import { receiptUuid } from '../../src/app/receipts.js';
import { receiptPhone, receiptTemplateProblems, renderReceipt, RECEIPT_MAX_CHARS } from '../../src/core/receipt.js';
import { main } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

function order(billingPhone: string, declared?: string): Order {
  return {
    id: 7, number: '1007', status: 'on-hold', currency: 'KES', totalMinor: 150_000, createdAt: '2026-12-07T08:00:00Z', paymentMethod: 'smsmatch',
    transactionId: '', customerNote: '', billing: { firstName: 'Jane', lastName: 'Doe', phone: billingPhone, email: 'jane@example.com' },
    meta: declared === undefined ? {} : { _smsmatch_phone: declared },
  };
}

describe('SMS receipt text, number and identity', () => {
  it('fills {code}, {amount} and {order_number}; squeezes whitespace; cuts at three SMS parts', () => {
    const facts = { code: 'QK12AB34CD', amountMinor: 150_050, currency: 'KES', orderNumber: '1007' };
    expect(renderReceipt('Paid {code}:\n {amount} for #{order_number}. {code}', facts)).toBe('Paid QK12AB34CD: KES 1,500.50 for #1007. QK12AB34CD');
    const long = renderReceipt(`{code} ${'x'.repeat(600)}`, facts);
    expect(long).toHaveLength(RECEIPT_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });

  it('names unknown placeholders and a missing {code}', () => {
    expect(receiptTemplateProblems('Paid {code} for {order_number}')).toEqual([]);
    expect(receiptTemplateProblems('Paid {code} {amout} {order}')).toEqual(['unknown placeholders {amout}, {order}; use {code}, {amount}, {order_number}']);
    expect(receiptTemplateProblems('Thanks for paying {amount}')).toEqual(['must contain {code}, so the customer can quote the payment']);
  });

  it('goes to the number declared at checkout, else the billing phone, never to a masked or broken one', () => {
    expect(receiptPhone(order('0712 345 678', '+254799000111'), '254')).toBe('+254799000111');
    expect(receiptPhone(order('0712 345 678'), '254')).toBe('+254712345678');
    expect(receiptPhone(order('0712 345 678', ''), '254')).toBe('+254712345678');
    expect(receiptPhone(order('0712***678'), '254')).toBeNull();
    expect(receiptPhone(order('call me'), '254')).toBeNull();
    expect(receiptPhone(order('024 412 3456'), '233')).toBe('+233244123456');
  });

  it('gives one stable UUID per payment and order, in the shape the outbox accepts', () => {
    const a = receiptUuid('mpesa-ke:QK12AB34CD', 7);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(receiptUuid('mpesa-ke:QK12AB34CD', 7)).toBe(a);
    expect(receiptUuid('mpesa-ke:QK12AB34CD', 8)).not.toBe(a);
    expect(receiptUuid('mpesa-ke:QK12AB34CE', 7)).not.toBe(a);
  });
});

describe('apply.smsReceipt in the config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-receipt-config-'));
  const shop = { url: 'https://shop.example', consumerKey: 'ck_0123456789abcdef', consumerSecret: 'cs_0123456789abcdef' };
  const dropbox = { url: 'https://shop.example/wp-json/smsmatch/v1', token: 't'.repeat(32) };
  let n = 0;
  const write = (content: unknown): string => {
    const file = join(dir, `c${n++}.json`);
    writeFileSync(file, JSON.stringify(content));
    chmodSync(file, 0o600);
    return file;
  };
  const check = async (file: string) => {
    const io = captureIo({ env: { HOME: '/nonexistent' } });
    const code = await main(['config', 'check', '--config', file], io);
    return { code, err: io.err() };
  };

  it('is off by default, with a template that names the code, amount and order', () => {
    const loaded = loadConfig(write({ shop, dropbox }), {});
    expect(loaded.config.apply.smsReceipt).toEqual({ enabled: false, template: 'Payment {code} of {amount} received for order {order_number}. Thank you!' });
  });

  it('refuses a template with an unknown placeholder, naming the key and the placeholders to use', async () => {
    const r = await check(write({ shop, dropbox, apply: { smsReceipt: { enabled: true, template: 'Got {code} for {orderNumber}' } } }));
    expect(r.code).toBe(78);
    expect(r.err).toMatch(/apply\.smsReceipt\.template:? unknown placeholder \{orderNumber\}; use \{code\}, \{amount\}, \{order_number\}/);
  });

  it('refuses receipts without a drop-box: the shop phone sends them', async () => {
    const r = await check(write({ shop, apply: { smsReceipt: { enabled: true } } }));
    expect(r.code).toBe(78);
    expect(r.err).toMatch(/apply\.smsReceipt\.enabled:? needs the drop-box \(the shop's phone sends the receipt\)/);
  });
});

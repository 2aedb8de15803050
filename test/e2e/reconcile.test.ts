import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';
import { mpesaTime, sms, workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const ago = (min: number): string => new Date(now.getTime() - min * 60_000).toISOString();

async function shop(): Promise<Sandbox> {
  sandbox = await startSandbox({
    orders: [
      { id: 501, status: 'on-hold', total: 1500, createdAt: ago(60), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' } },
      { id: 502, status: 'pending', total: 2300, createdAt: ago(50), billing: { first_name: 'Otieno', last_name: 'Ouma', phone: '+254722000111', email: 'otieno@example.com' } },
      { id: 503, status: 'on-hold', total: 700, createdAt: ago(40), billing: { first_name: 'Amina', last_name: 'Ali', phone: '0733000222', email: 'amina@example.com' } },
    ],
  });
  return sandbox;
}

async function run(args: string[]): Promise<{ code: number; json: Record<string, unknown>; err: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  const code = await main(args, io);
  return { code, json: io.out().trim().startsWith('{') ? JSON.parse(io.out()) : {}, err: io.err() };
}

const payJane = () => sms(`UK1AB2CD3E Confirmed.You have received Ksh1,500.00 from JANE WANJIRU 0712345678 on ${mpesaTime(new Date(now.getTime() - 5 * 60_000))} New M-PESA balance is Ksh9,500.00.`);
const payOtieno = () => sms(`UK1AB2CD3F Confirmed.You have received Ksh2,300.00 from OTIENO OUMA 0722000111 on ${mpesaTime(new Date(now.getTime() - 4 * 60_000))} New M-PESA balance is Ksh11,800.00.`);
const amountOnly = () => sms(`UK1AB2CD3G Confirmed.You have received Ksh700.00 from JOHN DOE 0799888777 on ${mpesaTime(new Date(now.getTime() - 3 * 60_000))} New M-PESA balance is Ksh12,500.00.`);

describe('reconcile against the sandbox shop over HTTP', () => {
  it('marks the sure payments paid the WooCommerce way, notes the evidence, and leaves doubt to review', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const file = ws.messagesFile([payJane(), payOtieno(), amountOnly(), sms(payJane().message, '+254700111222')]);

    const { code, json } = await run(['reconcile', '--messages', file, '--config', ws.config, '--json']);

    expect(code).toBe(0);
    expect(json['counts']).toMatchObject({ confirm: 2, review: 1, ignored: 1, applied: 2 });
    expect(s.state.order(501)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3E' });
    expect(s.state.order(502)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3F' });
    expect(s.state.order(502)?.['date_paid_gmt']).toBeTruthy();
    expect(s.state.order(503)).toMatchObject({ status: 'on-hold', transaction_id: '' });
    const emails = s.state.emails.map((e) => `${e.orderId}:${e.template}`);
    expect(emails).toContain('501:customer_processing_order');
    expect(emails).toContain('502:customer_processing_order');
    expect(emails).toContain('502:new_order');
    expect(emails.filter((e) => e.startsWith('503:'))).toEqual([]);
    expect(s.state.notes(501).map((n) => n.note).join('\n')).toContain('smsmatch: payment UK1AB2CD3E of KES 1,500.00 from JANE WANJIRU +254712345678');
  });

  it('a second run with the same SMS changes nothing and asks the shop nothing', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const file = ws.messagesFile([payJane()]);
    await run(['reconcile', '--messages', file, '--config', ws.config, '--json']);
    const requestsBefore = s.state.requests.length;
    const emailsBefore = s.state.emails.length;

    const second = await run(['reconcile', '--messages', file, '--config', ws.config, '--json']);

    expect(second.code).toBe(0);
    expect(second.json['newMessages']).toBe(0);
    expect(second.json['requests']).toEqual({ shop: 0, dropbox: 0 });
    expect(s.state.requests.length).toBe(requestsBefore);
    expect(s.state.emails.length).toBe(emailsBefore);
  });

  it('--dry-run writes nothing anywhere and says what it would do', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const file = ws.messagesFile([payJane()]);

    const dry = await run(['reconcile', '--dry-run', '--messages', file, '--config', ws.config, '--json']);

    expect(dry.code).toBe(0);
    expect(dry.json['applied']).toEqual([expect.objectContaining({ orderId: 501, outcome: 'would-apply' })]);
    expect(s.state.order(501)).toMatchObject({ status: 'on-hold', transaction_id: '' });
    expect(s.state.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const { existsSync } = await import('node:fs');
    expect(existsSync(ws.ledger)).toBe(false);

    const real = await run(['reconcile', '--messages', file, '--config', ws.config, '--json']);
    expect(real.json['counts']).toMatchObject({ applied: 1 });
  });

  it('pulls from the drop-box with the cursor in the ledger', async () => {
    const s = await shop();
    const ws = workspace(s);
    for (const m of [payJane(), payOtieno()]) {
      const res = await fetch(s.smssyncUrl, { method: 'POST', body: new URLSearchParams({ secret: s.smssyncSecret, ...m }) });
      expect(res.status).toBe(200);
    }

    const first = await run(['reconcile', '--config', ws.config, '--json']);
    const second = await run(['reconcile', '--config', ws.config, '--json']);

    expect(first.json['newMessages']).toBe(2);
    expect(first.json['counts']).toMatchObject({ applied: 2 });
    expect(second.json['newMessages']).toBe(0);
    expect(second.json['requests']).toEqual({ shop: 0, dropbox: 1 });
  });
});

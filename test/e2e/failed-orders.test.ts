import { afterEach, describe, expect, it } from 'vitest';
import { runReview } from '../../src/commands/review.js';
import { main } from '../../src/main.js';
import type { Sandbox, SandboxOrderSeed } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';
import { cli, mpesaTime, sms, workspace, type Workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const ago = (min: number): string => new Date(now.getTime() - min * 60_000).toISOString();
const failed = (id: number, extra: Partial<SandboxOrderSeed> = {}): SandboxOrderSeed => ({
  id, status: 'failed', total: 850, createdAt: ago(60), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' }, ...extra,
});
const pay = (code: string, amount: string, from = 'JANE WANJIRU 0712345678') =>
  sms(`${code} Confirmed.You have received Ksh${amount} from ${from} on ${mpesaTime(new Date(now.getTime() - 10 * 60_000))} New M-PESA balance is Ksh9,850.00.`);

async function run(orders: SandboxOrderSeed[], messages: unknown[]): Promise<{ s: Sandbox; ws: Workspace; json: { decisions: Array<Record<string, unknown>> } }> {
  const s = (sandbox = await startSandbox({ orders }));
  const ws = workspace(s, {}, { dropbox: false });
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  expect(await main(['reconcile', '--messages', ws.messagesFile(messages), '--config', ws.config, '--json'], io)).toBe(0);
  return { s, ws, json: JSON.parse(io.out()) as { decisions: Array<Record<string, unknown>> } };
}

describe('a payment that fits a failed order exactly goes to review naming it (never confirmed)', () => {
  it('phone + name + full amount: review with the failed order as candidate, the order untouched', async () => {
    const { s, ws, json } = await run([failed(701)], [pay('UKF1A2B3C4', '850.00')]);

    expect(json.decisions[0]).toMatchObject({ decision: 'review', rule: 'failed-order', orderId: null, candidates: [701], suggestedOrderId: 701 });
    expect(String((json.decisions[0]?.['reasons'] as string[]).join(' '))).toContain('order #701 failed at checkout, but this payment fits it exactly: the billing phone, the name and the full amount all match; if the customer paid it this way, assign it with `smsmatch assign UKF1A2B3C4 701`');
    expect(s.state.order(701)).toMatchObject({ status: 'failed', transaction_id: '' });
    expect(s.state.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const review = await cli((io) => runReview({ config: ws.config, json: true }, io));
    expect(review.json['payments']).toEqual([expect.objectContaining({ code: 'UKF1A2B3C4' })]);
    expect(JSON.stringify(review.json['payments'])).toContain('701');
  });

  it('the code written on the failed order is enough, whatever the payer name', async () => {
    const { json } = await run([failed(702, { meta: { _mpesa_code: 'ukf1a2b3c5' }, billing: { first_name: 'Someone', last_name: 'Else', phone: '0700 000 000', email: 'x@example.com' } })], [pay('UKF1A2B3C5', '850.00', 'PETER MWANGI 0799000111')]);
    expect(json.decisions[0]).toMatchObject({ decision: 'review', rule: 'failed-order', candidates: [702], suggestedOrderId: 702 });
  });

  it('not exact (another amount, or the phone without the name) stays unmatched; an open order still wins', async () => {
    const partial = await run([failed(703)], [pay('UKF1A2B3C6', '800.00')]);
    expect(partial.json.decisions[0]).toMatchObject({ decision: 'unmatched', candidates: [] });
    await partial.s.close();

    const otherName = await run([failed(704)], [pay('UKF1A2B3C7', '850.00', 'PETER MWANGI 0712345678')]);
    expect(otherName.json.decisions[0]).toMatchObject({ decision: 'unmatched' });
    await otherName.s.close();

    const open: SandboxOrderSeed = { ...failed(706), status: 'on-hold', createdAt: ago(30) };
    const both = await run([failed(705), open], [pay('UKF1A2B3C8', '850.00')]);
    expect(both.json.decisions[0]).toMatchObject({ decision: 'confirm', orderId: 706 });
    expect(both.s.state.order(705)).toMatchObject({ status: 'failed' });
  });
});

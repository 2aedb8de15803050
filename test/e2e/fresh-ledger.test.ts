import { renameSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runReview } from '../../src/commands/review.js';
import { main } from '../../src/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { postSms } from '../faults/helpers.js';
import { captureIo } from '../helpers/io.js';
import { cli, mpesaTime, sms, workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const ago = (min: number): string => new Date(now.getTime() - min * 60_000).toISOString();
const receipt = (code: string, amount: string, from: string, min: number, balance: string) =>
  `${code} Confirmed.You have received Ksh${amount} from ${from} on ${mpesaTime(new Date(now.getTime() - min * 60_000))} New M-PESA balance is Ksh${balance}.`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent', USER: 'tester' } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('a new ledger (after moving a corrupt one aside) starts from the shop truth', () => {
  it('records paid payments as applied without writing, keeps a dismissed forgery dismissed-like, and decides only what is new', async () => {
    const s = (sandbox = await startSandbox({
      orders: [
        { id: 501, status: 'on-hold', total: 1500, createdAt: ago(90), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' } },
        { id: 502, status: 'pending', total: 2300, createdAt: ago(80), billing: { first_name: 'Otieno', last_name: 'Ouma', phone: '+254722000111', email: 'otieno@example.com' } },
        { id: 503, status: 'on-hold', total: 700, createdAt: ago(70), billing: { first_name: 'Amina', last_name: 'Ali', phone: '0733000222', email: 'amina@example.com' } },
      ],
    }));
    const ws = workspace(s);
    const args = ['--config', ws.config];
    const old = Date.now() - 60_000;
    // Jane pays order 501; a "payment" of 700 from a stranger fits 503 by amount only and is dismissed as a forgery.
    expect(await postSms(s, [
      sms(receipt('UK1AB2CD3E', '1,500.00', 'JANE WANJIRU 0712345678', 20, '9,500.00'), 'MPESA', old),
      sms(receipt('UK1AB2CD3G', '700.00', 'JOHN DOE 0799888777', 15, '10,200.00'), 'MPESA', old),
    ])).toEqual([200, 200]);
    expect((await run(['reconcile', ...args])).code).toBe(0);
    expect(s.state.order(501)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3E' });
    expect((await run(['dismiss', 'UK1AB2CD3G', '--reason', 'forged receipt', ...args])).code).toBe(0);

    // The ledger breaks; the hint says what a new one will do.
    writeFileSync(ws.ledger, '{ "schemaVersion": 3, "payments": { ');
    const broken = await run(['reconcile', ...args]);
    expect(broken.code).toBe(65);
    expect(broken.err).toContain("a new ledger starts from the shop's truth");
    renameSync(ws.ledger, `${ws.ledger}.corrupt`);

    // Otieno pays order 502 after that.
    expect(await postSms(s, [sms(receipt('UK1AB2CD3F', '2,300.00', 'OTIENO OUMA 0722000111', 1, '12,500.00'))])).toEqual([200]);
    s.state.clearLogs();
    const fresh = await run(['reconcile', '--json', ...args]);

    expect(fresh.code).toBe(0);
    const report = JSON.parse(fresh.out) as { decisions: Array<{ code: string; decision: string; rule: string }>; warnings: string[]; applied: Array<{ orderId: number; outcome: string }> };
    const byCode = Object.fromEntries(report.decisions.map((d) => [d.code, d]));
    expect(byCode['UK1AB2CD3E']).toMatchObject({ decision: 'confirm', rule: 'already-in-shop' });
    expect(byCode['UK1AB2CD3G']).toMatchObject({ decision: 'ignored', rule: 'before-this-ledger' });
    expect(byCode['UK1AB2CD3F']).toMatchObject({ decision: 'confirm' });
    expect(report.applied).toEqual([expect.objectContaining({ orderId: 502, outcome: 'applied' })]);
    expect(report.warnings.join('\n')).toContain("new ledger: 1 payment(s) received before smsmatch's latest write in the shop were not decided again (UK1AB2CD3G)");
    expect(s.state.requests.filter((r) => r.method !== 'GET').every((r) => /\/orders\/(502|batch)|notes/.test(r.path))).toBe(true);
    expect(s.state.notes(501).filter((n) => n.note.includes('UK1AB2CD3E'))).toHaveLength(1);
    expect(s.state.order(503)).toMatchObject({ status: 'on-hold', transaction_id: '' });
    const review = await cli((io) => runReview({ config: ws.config, json: true }, io));
    expect(review.json['payments']).toEqual([]);

    // The first payment is really settled: it cannot be assigned again.
    const again = await run(['assign', 'UK1AB2CD3E', '502', ...args]);
    expect(again.code).toBe(65);
    expect(again.err).toContain('already paid order #501');
  });

  it('on a first install (no earlier smsmatch writes in the shop) every payment in the drop-box is decided', async () => {
    const s = (sandbox = await startSandbox({ orders: [{ id: 501, status: 'on-hold', total: 1500, createdAt: ago(90), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' } }] }));
    const ws = workspace(s);
    expect(await postSms(s, [sms(receipt('UK1AB2CD3E', '1,500.00', 'JANE WANJIRU 0712345678', 20, '9,500.00'), 'MPESA', Date.now() - 3_600_000)])).toEqual([200]);

    const first = await run(['reconcile', '--json', '--config', ws.config]);

    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ counts: { confirm: 1, applied: 1 } });
    expect(s.state.order(501)).toMatchObject({ status: 'processing', transaction_id: 'UK1AB2CD3E' });
  });
});

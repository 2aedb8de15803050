import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerData } from '../../src/adapters/ledger/index.js';
import type { Step } from '../../src/app/types.js';
import { main } from '../../src/main.js';
import type { Sandbox, SandboxOrderSeed } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';
import { mpesaTime, sms, workspace, type Workspace } from './helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const ago = (min: number): Date => new Date(now.getTime() - min * 60_000);
const billing = (first: string, last: string, phone: string): SandboxOrderSeed['billing'] => ({ first_name: first, last_name: last, phone, email: `${first.toLowerCase()}@example.com` });

const JANE = { id: 501, status: 'on-hold', total: 1500, createdAt: ago(60).toISOString(), billing: billing('Jane', 'Wanjiru', '0712 345 678') };
const OTIENO = { id: 502, status: 'pending', total: 2300, createdAt: ago(50).toISOString(), billing: billing('Otieno', 'Ouma', '+254722000111') };
const AMINA = { id: 503, status: 'on-hold', total: 700, createdAt: ago(40).toISOString(), billing: billing('Amina', 'Ali', '0733000222') };

async function shop(orders: SandboxOrderSeed[] = [JANE, OTIENO, AMINA]): Promise<Sandbox> {
  sandbox = await startSandbox({ orders });
  return sandbox;
}

/** An M-PESA receipt `min` minutes ago, received a minute later. */
function receipt(code: string, amount: string, payer: string, phone: string, min: number, balance: string): ReturnType<typeof sms> {
  return sms(`${code} Confirmed.You have received Ksh${amount} from ${payer} ${phone} on ${mpesaTime(ago(min))} New M-PESA balance is Ksh${balance}.`, 'MPESA', ago(min - 1).getTime());
}
const reversalOf = (code: string, original: string, amount: string, min: number): ReturnType<typeof sms> =>
  sms(`${code} Confirmed. Reversal of transaction ${original} has been successfully reversed on ${mpesaTime(ago(min))} and Ksh${amount} is debited from your M-PESA account. New M-PESA account balance is Ksh8,000.00.`, 'MPESA', ago(min - 1).getTime());
const withdrawal = (code: string, amount: string, min: number, balance: string): ReturnType<typeof sms> =>
  sms(`${code} Confirmed.on ${mpesaTime(ago(min))}Withdraw Ksh${amount} from 123456 - AGENT SHOP New M-PESA balance is Ksh${balance}. Transaction cost, Ksh29.00.`, 'MPESA', ago(min - 1).getTime());

async function reconcile(ws: Workspace, messages: unknown[]): Promise<{ code: number; json: Record<string, unknown>; err: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  const code = await main(['reconcile', '--messages', ws.messagesFile(messages), '--config', ws.config, '--json'], io);
  return { code, json: io.out().trim().startsWith('{') ? (JSON.parse(io.out()) as Record<string, unknown>) : {}, err: io.err() };
}

function spawnReconcile(ws: Workspace, messages: unknown[], step: Step): Promise<{ signal: NodeJS.Signals | null; err: string }> {
  const args = [join(root, 'bin', 'smsmatch.js'), 'reconcile', '--messages', ws.messagesFile(messages), '--config', ws.config, '--json'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', TZ: 'UTC', SMSMATCH_TEST_CRASH_AT: step } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, err }));
  });
}

const ledgerOf = (ws: Workspace): LedgerData => JSON.parse(readFileSync(ws.ledger, 'utf8')) as LedgerData;
const alerts = (ws: Workspace): string[] => Object.values(ledgerOf(ws).alerts).map((a) => `${a.id} ${a.message}`);
const reasons = (ws: Workspace, key: string): string => (ledgerOf(ws).payments[key]?.history ?? []).flatMap((h) => h.reasons).join(' | ');
const notesOf = (s: Sandbox, id: number, prefix: string): string[] => s.state.notes(id).map((n) => n.note).filter((n) => n.startsWith(prefix));
const holds = (s: Sandbox, id: number): number => s.state.notes(id).filter((n) => /^Order status changed from Processing to On hold\.$/.test(n.note)).length;

describe('reversals', () => {
  it('puts the order a reversed payment confirmed on hold, with a note and an alert, exactly once', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const pay = receipt('UK1AB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', 30, '9,500.00');
    expect((await reconcile(ws, [pay])).json['counts']).toMatchObject({ confirm: 1, applied: 1 });
    const reversal = reversalOf('RV1AB2CD3E', 'UK1AB2CD3E', '1,500.00', 10);

    const run = await reconcile(ws, [reversal]);
    const again = await reconcile(ws, [reversal]);

    expect(run.code).toBe(0);
    expect(run.json['applied']).toEqual([expect.objectContaining({ orderId: 501, outcome: 'applied' })]);
    expect(s.state.order(501)).toMatchObject({ status: 'on-hold', transaction_id: 'UK1AB2CD3E' });
    expect(s.state.order(501)?.meta_data).toEqual(expect.arrayContaining([expect.objectContaining({ key: '_smsmatch_reversed', value: 'UK1AB2CD3E' })]));
    expect(notesOf(s, 501, 'smsmatch: REVERSAL of payment UK1AB2CD3E')).toHaveLength(1);
    expect(notesOf(s, 501, 'smsmatch: REVERSAL')[0]).toContain('Reversal of transaction UK1AB2CD3E');
    expect(holds(s, 501)).toBe(1);
    expect(ledgerOf(ws).payments['mpesa-ke:UK1AB2CD3E']?.state).toBe('reversed');
    expect(alerts(ws).join('\n')).toMatch(/reversal:mpesa-ke:UK1AB2CD3E payment UK1AB2CD3E .* order #501 was reversed by reversal RV1AB2CD3E: the order is now on hold/);
    expect(again.json['applied']).toEqual([]);
    expect(s.state.requests.filter((r) => r.method !== 'GET').length).toBe(4); // confirm, note, hold, reversal note
  });

  it('does not overwrite an order a person completed: alert instead', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    await reconcile(ws, [receipt('UK2AB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', 30, '9,500.00')]);
    s.state.setOrderStatus(501, 'completed');

    const run = await reconcile(ws, [reversalOf('RV2AB2CD3E', 'UK2AB2CD3E', '1,500.00', 10)]);

    expect(run.json['applied']).toEqual([expect.objectContaining({ orderId: 501, outcome: 'skipped' })]);
    expect(s.state.order(501)?.status).toBe('completed');
    expect(notesOf(s, 501, 'smsmatch: REVERSAL')).toEqual([]);
    expect(ledgerOf(ws).payments['mpesa-ke:UK2AB2CD3E']?.state).toBe('reversed');
    expect(alerts(ws).join('\n')).toContain('but the order is completed: smsmatch did not change it');
  });

  it.each<Step>(['after-decide', 'after-intents', 'after-write', 'after-outcome', 'after-note-intent', 'after-note'])(
    'kill -9 at %s while holding: after a restart the order is held once, with one note',
    async (step) => {
      const s = await shop();
      const ws = workspace(s, {}, { dropbox: false });
      await reconcile(ws, [receipt('UK3AB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', 30, '9,500.00')]);
      const reversal = reversalOf('RV3AB2CD3E', 'UK3AB2CD3E', '1,500.00', 10);

      const crashed = await spawnReconcile(ws, [reversal], step);
      const restarted = await reconcile(ws, [reversal]);
      const writes = s.state.requests.filter((r) => r.method !== 'GET').length;
      const third = await reconcile(ws, [reversal]);

      expect(crashed.signal, crashed.err).toBe('SIGKILL');
      expect(restarted.code, restarted.err).toBe(0);
      expect(third.code).toBe(0);
      expect(s.state.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
      expect(s.state.order(501)?.status).toBe('on-hold');
      expect(holds(s, 501)).toBe(1);
      expect(notesOf(s, 501, 'smsmatch: REVERSAL of payment UK3AB2CD3E')).toHaveLength(1);
      const ledger = ledgerOf(ws);
      expect(ledger.payments['mpesa-ke:UK3AB2CD3E']?.state).toBe('reversed');
      expect(Object.values(ledger.writes).filter((w) => w.outcome === null)).toEqual([]);
      expect(Object.values(ledger.writes).filter((w) => w.kind === 'hold' && w.outcome?.status === 'applied')).toHaveLength(1);
      expect(Object.keys(ledger.alerts)).toContain('reversal:mpesa-ke:UK3AB2CD3E');
    },
  );

  it('a reversed partial payment stops counting toward its order; a reversed review payment leaves the queue', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const partial = receipt('UK4AB2CD3E', '1,000.00', 'OTIENO OUMA', '0722000111', 40, '9,000.00');
    const unsure = receipt('UK4AB2CD3F', '700.00', 'JOHN DOE', '0799888777', 39, '9,700.00');
    expect((await reconcile(ws, [partial, unsure])).json['counts']).toMatchObject({ partial: 1, review: 1 });

    await reconcile(ws, [reversalOf('RV4AB2CD3E', 'UK4AB2CD3E', '1,000.00', 30), reversalOf('RV4AB2CD3F', 'UK4AB2CD3F', '700.00', 29)]);
    const full = await reconcile(ws, [receipt('UK4AB2CD3G', '2,300.00', 'OTIENO OUMA', '0722000111', 10, '10,300.00')]);

    const ledger = ledgerOf(ws);
    expect(ledger.payments['mpesa-ke:UK4AB2CD3E']?.state).toBe('reversed');
    expect(ledger.payments['mpesa-ke:UK4AB2CD3F']?.state).toBe('reversed');
    expect(reasons(ws, 'mpesa-ke:UK4AB2CD3F')).toContain('reversed by reversal RV4AB2CD3F while it was review');
    expect(notesOf(s, 502, 'smsmatch: REVERSAL of partial payment UK4AB2CD3E')).toHaveLength(1);
    // Had the reversed KES 1,000 still counted, KES 2,300 would be an overpayment of the KES 1,300 left.
    expect(full.json['decisions']).toEqual([expect.objectContaining({ decision: 'confirm', orderId: 502, overpaidMinor: 0 })]);
    expect(s.state.order(502)?.status).toBe('processing');
    expect(s.state.order(503)?.status).toBe('on-hold');
  });

  it('a reversal of a payment smsmatch never recorded touches no order', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });

    const run = await reconcile(ws, [reversalOf('RV5AB2CD3E', 'OUT5AB2CD3', '300.00', 10)]);

    expect(run.code).toBe(0);
    expect(run.json['applied']).toEqual([]);
    expect(run.err).toContain('reversal recorded, nothing to settle');
    expect(s.state.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(ledgerOf(ws).alerts).toEqual({});
  });
});

describe('late payments to cancelled orders', () => {
  const cancelled = { ...AMINA, status: 'cancelled' };

  it('go to review by default, with the way to revive the order', async () => {
    const s = await shop([JANE, cancelled]);
    const ws = workspace(s, {}, { dropbox: false });

    const run = await reconcile(ws, [receipt('UK6AB2CD3E', '700.00', 'AMINA ALI', '0733000222', 10, '9,700.00')]);

    expect(run.json['decisions']).toEqual([expect.objectContaining({ decision: 'review', orderId: null, suggestedOrderId: 503 })]);
    expect(reasons(ws, 'mpesa-ke:UK6AB2CD3E')).toContain('order #503 was cancelled before the payment arrived (unpaid-order timeout); revive it with `smsmatch assign UK6AB2CD3E 503`');
    expect(s.state.order(503)).toMatchObject({ status: 'cancelled', transaction_id: '' });
  });

  it('revive the order with apply.lateCancelled = revive', async () => {
    const s = await shop([JANE, cancelled]);
    const ws = workspace(s, { apply: { lateCancelled: 'revive' } }, { dropbox: false });

    const run = await reconcile(ws, [receipt('UK7AB2CD3E', '700.00', 'AMINA ALI', '0733000222', 10, '9,700.00')]);

    expect(run.json['counts']).toMatchObject({ confirm: 1, applied: 1 });
    expect(s.state.order(503)).toMatchObject({ status: 'processing', transaction_id: 'UK7AB2CD3E' });
  });

  it('never outrank an open order of the same customer, and tie to review among themselves', async () => {
    const open = { ...AMINA, id: 504, status: 'pending', createdAt: ago(20).toISOString() };
    const twin = { ...cancelled, id: 505, createdAt: ago(30).toISOString() };
    const s = await shop([cancelled, open]);
    const ws = workspace(s, { apply: { lateCancelled: 'revive' } }, { dropbox: false });

    const run = await reconcile(ws, [receipt('UK8AB2CD3E', '700.00', 'AMINA ALI', '0733000222', 10, '9,700.00')]);

    expect(run.json['decisions']).toEqual([expect.objectContaining({ decision: 'confirm', orderId: 504 })]);
    expect(s.state.order(503)?.status).toBe('cancelled');
    await sandbox?.close();
    const s2 = await shop([cancelled, twin]);
    const ws2 = workspace(s2, { apply: { lateCancelled: 'revive' } }, { dropbox: false });
    const tie = await reconcile(ws2, [receipt('UK8AB2CD3F', '700.00', 'AMINA ALI', '0733000222', 10, '9,700.00')]);
    expect(tie.json['decisions']).toEqual([expect.objectContaining({ decision: 'review', orderId: null })]);
    expect([s2.state.order(503)?.status, s2.state.order(505)?.status]).toEqual(['cancelled', 'cancelled']);
  });
});

describe('the balance chain', () => {
  it('sends a payment with a forged balance to review, and calls it forged when the next SMS ignores it', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const forged = receipt('UK9AB2CD3F', '2,300.00', 'OTIENO OUMA', '0722000111', 20, '99,999.00');

    const first = await reconcile(ws, [receipt('UK9AB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', 30, '9,500.00'), forged]);
    const next = await reconcile(ws, [receipt('UK9AB2CD3G', '700.00', 'AMINA ALI', '0733000222', 10, '10,200.00')]);

    expect(first.json['counts']).toMatchObject({ confirm: 1, review: 1, applied: 1 });
    expect(s.state.order(502)).toMatchObject({ status: 'pending', transaction_id: '' });
    expect(reasons(ws, 'mpesa-ke:UK9AB2CD3F')).toContain('balance chain broken: its SMS says the new balance is KES 99,999.00, but KES 9,500.00 after UK9AB2CD3E plus KES 2,300.00 makes KES 11,800.00');
    expect(next.json['counts']).toMatchObject({ confirm: 1, applied: 1 });
    expect(s.state.order(503)?.status).toBe('processing');
    const all = alerts(ws).join('\n');
    expect(all).toContain(`balance-chain:break:${forged.message_id} balance chain broken at UK9AB2CD3F`);
    expect(all).toContain('UK9AB2CD3F looks forged: UK9AB2CD3G continues from the balance before it (KES 9,500.00)');
  });

  it('stays valid through an outgoing SMS', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });

    const run = await reconcile(ws, [
      receipt('UKAAB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', 30, '9,500.00'),
      withdrawal('UKAAB2CD3W', '2,000.00', 25, '7,471.00'),
      receipt('UKAAB2CD3F', '2,300.00', 'OTIENO OUMA', '0722000111', 20, '9,771.00'),
    ]);

    expect(run.json['counts']).toMatchObject({ confirm: 2, applied: 2, ignored: 1 });
    expect(ledgerOf(ws).alerts).toEqual({});
  });

  it('raises "SMS may be missing" when later SMS continue from a jumped balance', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    await reconcile(ws, [receipt('UKBAB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', 30, '9,500.00')]);
    // KES 2,000 arrived in an SMS that never reached smsmatch.
    const jumped = await reconcile(ws, [receipt('UKBAB2CD3F', '2,300.00', 'OTIENO OUMA', '0722000111', 20, '13,800.00')]);

    const healed = await reconcile(ws, [receipt('UKBAB2CD3G', '700.00', 'AMINA ALI', '0733000222', 10, '14,500.00')]);

    expect(jumped.json['counts']).toMatchObject({ review: 1 });
    expect(healed.json['counts']).toMatchObject({ confirm: 1, applied: 1 });
    expect(alerts(ws).join('\n')).toMatch(/balance-chain:gap:\S+ SMS may be missing: UKBAB2CD3G continues from the balance of UKBAB2CD3F.*KES 2,000.00 more/);
  });

  it('can be switched to alert-only or off', async () => {
    const s = await shop();
    const ws = workspace(s, { apply: { balanceChain: { onBreak: 'alert' } } }, { dropbox: false });

    const run = await reconcile(ws, [
      receipt('UKCAB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', 30, '9,500.00'),
      receipt('UKCAB2CD3F', '2,300.00', 'OTIENO OUMA', '0722000111', 20, '99,999.00'),
    ]);

    expect(run.json['counts']).toMatchObject({ confirm: 2, applied: 2 });
    expect(alerts(ws).join('\n')).toContain('balance chain broken at UKCAB2CD3F');
  });
});

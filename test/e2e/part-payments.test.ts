import { afterEach, describe, expect, it } from 'vitest';
import type { Step } from '../../src/app/types.js';
import { main } from '../../src/main.js';
import type { Sandbox, SandboxOrderSeed } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { spawnCli } from '../faults/helpers.js';
import { captureIo } from '../helpers/io.js';
import { mpesaTime, sms, workspace, type Workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const ago = (min: number): string => new Date(now.getTime() - min * 60_000).toISOString();
const order = (status: string, extra: Partial<SandboxOrderSeed> = {}): SandboxOrderSeed => ({
  id: 601, status, total: 850, createdAt: ago(60), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' }, ...extra,
});
const pay = (code: string, amount: string, minAgo: number, balance: string, from = 'JANE WANJIRU 0712345678') =>
  sms(`${code} Confirmed.You have received Ksh${amount} from ${from} on ${mpesaTime(new Date(now.getTime() - minAgo * 60_000))} New M-PESA balance is Ksh${balance}.`);

async function shop(orders: SandboxOrderSeed[], extra: Record<string, unknown> = {}): Promise<{ s: Sandbox; ws: Workspace }> {
  const s = (sandbox = await startSandbox({ orders }));
  return { s, ws: workspace(s, extra, { dropbox: false }) };
}

async function reconcile(ws: Workspace, file: string): Promise<{ code: number; json: Record<string, unknown>; err: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  const code = await main(['reconcile', '--messages', file, '--config', ws.config, '--json'], io);
  return { code, json: io.out().trim().startsWith('{') ? (JSON.parse(io.out()) as Record<string, unknown>) : {}, err: io.err() };
}

const smsmatchNotes = (s: Sandbox, id: number) => s.state.notes(id).filter((n) => n.note.startsWith('smsmatch:'));

describe('part payments leave a private note on the order, exactly once', () => {
  it('"KES 500.00 of KES 850.00 received, CODE" once; a rerun adds nothing; the rest confirms and says so', async () => {
    const { s, ws } = await shop([order('on-hold')]);
    const first = ws.messagesFile([pay('UKR3D4E5F6', '500.00', 10, '9,500.00')]);

    expect((await reconcile(ws, first)).json['counts']).toMatchObject({ partial: 1 });
    expect((await reconcile(ws, first)).code).toBe(0);

    const notes = smsmatchNotes(s, 601);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ customer_note: false });
    expect(notes[0]?.note.split('\n')[0]).toBe('smsmatch: KES 500.00 of KES 850.00 received, UKR3D4E5F6; KES 350.00 still owed on order #601, which stays unpaid until the rest arrives.');
    expect(notes[0]?.note).toContain('Part payment UKR3D4E5F6 from JANE WANJIRU +254712345678');
    expect(s.state.order(601)).toMatchObject({ status: 'on-hold', transaction_id: '' });

    const rest = ws.messagesFile([pay('UKR3D4E5F6', '500.00', 10, '9,500.00'), pay('UKR3D4E5F7', '350.00', 5, '9,850.00')]);
    expect((await reconcile(ws, rest)).json['counts']).toMatchObject({ confirm: 1 });
    expect(s.state.order(601)).toMatchObject({ status: 'processing', transaction_id: 'UKR3D4E5F7' });
    const after = smsmatchNotes(s, 601).map((n) => n.note.split('\n')[0]);
    expect(after).toHaveLength(2);
    expect(after[0]).toContain('KES 500.00 of KES 850.00 received, UKR3D4E5F6');
    expect(after[1]).toContain('smsmatch: payment UKR3D4E5F7 of KES 350.00');
  });

  it('a second part payment counts what came before: "KES 700.00 of KES 850.00 received"', async () => {
    const { s, ws } = await shop([order('on-hold')]);
    await reconcile(ws, ws.messagesFile([pay('UKR3D4E5F6', '500.00', 10, '9,500.00')]));
    await reconcile(ws, ws.messagesFile([pay('UKR3D4E5F8', '200.00', 5, '9,700.00')]));

    const firstLines = smsmatchNotes(s, 601).map((n) => n.note.split('\n')[0]);
    expect(firstLines).toEqual([
      'smsmatch: KES 500.00 of KES 850.00 received, UKR3D4E5F6; KES 350.00 still owed on order #601, which stays unpaid until the rest arrives.',
      'smsmatch: KES 700.00 of KES 850.00 received, UKR3D4E5F8 (this payment KES 200.00); KES 150.00 still owed on order #601, which stays unpaid until the rest arrives.',
    ]);
  });

  it.each<Step>(['after-decide', 'after-note-intent', 'after-note'])('kill -9 at %s: the next run leaves exactly one part-payment note', async (step) => {
    const { s, ws } = await shop([order('on-hold')]);
    const file = ws.messagesFile([pay('UKR3D4E5F6', '500.00', 10, '9,500.00')]);
    const args = ['reconcile', '--messages', file, '--config', ws.config, '--json'];

    const crashed = await spawnCli(args, { SMSMATCH_TEST_CRASH_AT: step });
    expect(crashed.signal, crashed.err).toBe('SIGKILL');
    expect((await reconcile(ws, file)).code).toBe(0);
    expect((await reconcile(ws, file)).code).toBe(0);

    expect(smsmatchNotes(s, 601).filter((n) => n.note.includes('UKR3D4E5F6'))).toHaveLength(1);
    expect(s.state.order(601)).toMatchObject({ status: 'on-hold', transaction_id: '' });
  });
});

describe('apply.underpaymentToleranceMinor and overpayments', () => {
  it('short by at most the tolerance confirms, with the shortfall in the note; without it the same payment is partial', async () => {
    const tolerant = await shop([order('on-hold')], { apply: { underpaymentToleranceMinor: 500 } });
    const file = tolerant.ws.messagesFile([pay('UKR3D4E5F6', '845.00', 10, '9,845.00')]);

    expect((await reconcile(tolerant.ws, file)).json['counts']).toMatchObject({ confirm: 1, partial: 0, applied: 1 });
    expect(tolerant.s.state.order(601)).toMatchObject({ status: 'processing', transaction_id: 'UKR3D4E5F6' });
    expect(smsmatchNotes(tolerant.s, 601).map((n) => n.note).join('\n')).toContain('Short by KES 5.00: accepted as paid (within apply.underpaymentToleranceMinor).');
    await tolerant.s.close();

    const strict = await shop([order('on-hold')]);
    expect((await reconcile(strict.ws, strict.ws.messagesFile([pay('UKR3D4E5F6', '845.00', 10, '9,845.00')]))).json['counts']).toMatchObject({ confirm: 0, partial: 1 });
    expect(strict.s.state.order(601)).toMatchObject({ status: 'on-hold' });
  });

  it('short by more than the tolerance stays a part payment', async () => {
    const { s, ws } = await shop([order('on-hold')], { apply: { underpaymentToleranceMinor: 500 } });
    expect((await reconcile(ws, ws.messagesFile([pay('UKR3D4E5F6', '844.00', 10, '9,844.00')]))).json['counts']).toMatchObject({ confirm: 0, partial: 1 });
    expect(s.state.order(601)).toMatchObject({ status: 'on-hold' });
  });

  it('an overpayment confirms and the note says by how much', async () => {
    const { s, ws } = await shop([order('on-hold')]);
    expect((await reconcile(ws, ws.messagesFile([pay('UKR3D4E5F6', '1,000.00', 10, '10,000.00')]))).json['counts']).toMatchObject({ confirm: 1 });
    expect(smsmatchNotes(s, 601).map((n) => n.note).join('\n')).toContain('Overpaid by KES 150.00: the customer may be owed the difference.');
  });
});

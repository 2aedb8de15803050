import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runReconcile } from '../../src/commands/reconcile.js';
import { main, reportError } from '../../src/main.js';
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
    ],
  });
  return sandbox;
}

const payments = () => [
  sms(`UK1AB2CD3E Confirmed.You have received Ksh1,500.00 from JANE WANJIRU 0712345678 on ${mpesaTime(new Date(now.getTime() - 5 * 60_000))} New M-PESA balance is Ksh9,500.00.`),
  sms(`UK1AB2CD3F Confirmed.You have received Ksh2,300.00 from OTIENO OUMA 0722000111 on ${mpesaTime(new Date(now.getTime() - 4 * 60_000))} New M-PESA balance is Ksh11,800.00.`),
];

describe('Ctrl-C during reconcile', () => {
  it('stops at the next safe step with one line and exit 130, releases the lock, and the next run finishes the job exactly once', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const file = ws.messagesFile(payments());
    const signals = new EventEmitter();
    // The person presses Ctrl-C while the order write is on its way to the shop.
    s.faults.delay(200, (req) => {
      const write = req.method === 'POST' && req.route === '/wc/v3/orders/batch';
      if (write) signals.emit('SIGINT');
      return write;
    }, { times: 1 });

    const stopped = captureIo({ env: { HOME: '/nonexistent' } });
    const code = await runReconcile({ messages: file, config: ws.config, signals, exit: () => { throw new Error('quit at once'); } }, stopped).catch((error: unknown) => reportError(error, stopped, false));

    expect(code).toBe(130);
    expect(stopped.err().split('\n')).toEqual([
      'SIGINT received: stopping at the next safe step (a request in flight is allowed to finish; Ctrl-C again quits at once)',
      'smsmatch: reconcile stopped by SIGINT (after step after-write); the lock is released and the next run finishes what was started: nothing is lost or applied twice',
      '',
    ]);
    expect(existsSync(`${ws.ledger}.lock`)).toBe(false);
    expect(signals.listenerCount('SIGINT')).toBe(0);

    const io = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await main(['reconcile', '--messages', file, '--config', ws.config, '--json'], io)).toBe(0);
    expect(io.err()).not.toContain('stale');
    const report = JSON.parse(io.out()) as { recovered: Array<{ orderId: number }> };
    expect(report.recovered.map((r) => r.orderId).sort()).toEqual([501, 502]);
    for (const id of [501, 502]) {
      expect(s.state.order(id)).toMatchObject({ status: 'processing' });
      expect(s.state.notes(id).filter((n) => n.note.startsWith('smsmatch: payment'))).toHaveLength(1);
    }
    expect(s.state.requests.filter((r) => r.method === 'POST' && r.route === '/wc/v3/orders/batch')).toHaveLength(1);
  });

  it('a second Ctrl-C quits at once and still removes the lock file', async () => {
    const s = await shop();
    const ws = workspace(s, {}, { dropbox: false });
    const file = ws.messagesFile(payments());
    const signals = new EventEmitter();
    let exitCode: number | null = null;
    let lockDuringRun = false;
    s.faults.delay(300, (req) => {
      const write = req.method === 'POST' && req.route === '/wc/v3/orders/batch';
      if (write) {
        lockDuringRun = existsSync(`${ws.ledger}.lock`);
        signals.emit('SIGINT');
        signals.emit('SIGINT');
      }
      return write;
    }, { times: 1 });

    const io = captureIo({ env: { HOME: '/nonexistent' } });
    const run = runReconcile({ messages: file, config: ws.config, signals, exit: (code) => { exitCode = code; } }, io).catch(() => undefined);
    for (let i = 0; i < 200 && exitCode === null; i++) await new Promise((r) => setTimeout(r, 10));

    expect(lockDuringRun).toBe(true);
    expect(exitCode).toBe(130);
    expect(existsSync(`${ws.ledger}.lock`)).toBe(false);
    expect(io.err()).toContain('reconcile quit at once (SIGINT again)');
    await run;
  });
});

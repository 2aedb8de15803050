import { afterEach, describe, expect, it } from 'vitest';
import { runExplain } from '../../src/commands/explain.js';
import { main } from '../../src/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';
import { cli, mpesaTime, sms, workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('SMS size cap (4 KB) where SMS enter the ledger', () => {
  it('a 2 MB "SMS" in a messages file is stored cut and marked, warned about, never trusted, and explain prints the cut text', async () => {
    const now = new Date();
    const s = (sandbox = await startSandbox({ orders: [{ id: 501, status: 'on-hold', total: 1500, createdAt: new Date(now.getTime() - 3_600_000).toISOString(), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712345678', email: 'j@example.com' } }] }));
    const ws = workspace(s, {}, { dropbox: false });
    const receipt = `UK9AB2CD3E Confirmed.You have received Ksh1,500.00 from JANE WANJIRU 0712345678 on ${mpesaTime(new Date(now.getTime() - 300_000))} New M-PESA balance is Ksh9,500.00.`;
    const huge = sms(`${receipt} ${'é'.repeat(1024 * 1024)}`);
    const io = captureIo({ env: { HOME: '/nonexistent' } });

    expect(await main(['reconcile', '--messages', ws.messagesFile([huge]), '--config', ws.config], io)).toBe(0);

    expect(io.err()).toMatch(/warning: SMS \S+ from MPESA was 2,097,\d{3} bytes, more than any real SMS \(4096 bytes\): kept its first 4096 bytes and its SHA-256 [0-9a-f]{16}…; it is never trusted as a payment/);
    expect(s.state.order(501)).toMatchObject({ status: 'on-hold', transaction_id: '' });
    const explained = await cli((e) => runExplain('UK9AB2CD3E', { config: ws.config }, e));
    expect(explained.code).toBe(0);
    expect(explained.out.length).toBeLessThan(10_000);
    expect(explained.out).toContain('UK9AB2CD3E Confirmed.You have received Ksh1,500.00');
    expect(explained.out).toMatch(/cut: the SMS was 2,097,\d{3} bytes; only its first 4096 are kept \(SHA-256 of the whole: [0-9a-f]{64}\)/);
    expect(explained.out).toContain('NOT trusted (the SMS was');
  });
});

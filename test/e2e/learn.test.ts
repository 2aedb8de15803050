import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';
import { sms, workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();

/** `d/m/yy saa HH:mm` in Nairobi time: the Swahili receipt of a provider smsmatch does not ship. */
function tarehe(date: Date): string {
  const local = new Date(date.getTime() + 3 * 3600_000);
  return `${local.getUTCDate()}/${local.getUTCMonth() + 1}/${String(local.getUTCFullYear()).slice(2)} saa ${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

const receipt = (code: string, amount: string, name: string, phone: string, when: string, balance: string): string =>
  `Umepokea KES ${amount} kutoka ${name} ${phone} tarehe ${when}. Kumbukumbu: ${code}. Salio jipya ni KES ${balance}. Asante kwa kutumia HaloKE`;

const SAMPLES = [
  receipt('HK41XY802A', '250.00', 'PETER OTIENO', '254722000111', '14/8/26 saa 09:05', '1,250.00'),
  receipt('HK52ZZ913B', '1,200.50', 'MARY WANJIKU KAMAU', '254733000222', '2/9/26 saa 18:40', '2,450.50'),
  receipt('HK63AB024C', '75.00', 'AMINA', '254711000333', '30/9/26 saa 21:15', '2,525.50'),
].join('\n\n');

describe('a shop teaches smsmatch its provider, then reconcile confirms with it', () => {
  it('learn --write, then reconcile marks the matching order paid on the sandbox shop', async () => {
    sandbox = await startSandbox({
      orders: [{ id: 601, status: 'on-hold', total: 1500, createdAt: new Date(now.getTime() - 3600_000).toISOString(), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' } }],
    });
    const ws = workspace(sandbox, {}, { dropbox: false });
    const samples = join(ws.dir, 'samples.txt');
    writeFileSync(samples, SAMPLES);

    const learnt = captureIo({ env: { HOME: '/nonexistent' } });
    const learnCode = await main(['learn', '--sender', 'HaloKE', '--currency', 'KES', '--calling-code', '254', '--country', 'KE', '--non-interactive', '--config', ws.config, '--write', samples], learnt);
    expect(learnCode, learnt.err()).toBe(0);
    expect(learnt.out()).toMatch(/HK52ZZ913B +KES 1200\.50 +MARY WANJIKU KAMAU +\+254733000222/);

    const pay = sms(receipt('HK99QQ777Z', '1,500.00', 'JANE WANJIRU', '254712345678', tarehe(new Date(now.getTime() - 5 * 60_000)), '4,025.50'), 'HaloKE');
    const spoof = sms(receipt('HK99QQ777Y', '1,500.00', 'JANE WANJIRU', '254712345678', tarehe(new Date(now.getTime() - 4 * 60_000)), '5,525.50'), '+254700111222');
    const io = captureIo({ env: { HOME: '/nonexistent' } });
    const code = await main(['reconcile', '--messages', ws.messagesFile([spoof, pay]), '--config', ws.config, '--json'], io);

    expect(code, io.err()).toBe(0);
    const report = JSON.parse(io.out()) as { counts: Record<string, number> };
    expect(report.counts).toMatchObject({ confirm: 1, applied: 1, ignored: 1 });
    expect(sandbox.state.order(601)).toMatchObject({ status: 'processing', transaction_id: 'HK99QQ777Z' });
  });
});

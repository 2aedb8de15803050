import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import type { StatusReport } from '../../src/commands/status.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { postSms, receipt, shopPayments, shopWith } from '../faults/helpers.js';
import { captureIo } from '../helpers/io.js';
import { sms, workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const env = { HOME: '/nonexistent', USER: 'owner' };

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function status(config: string): Promise<StatusReport> {
  const r = await run(['status', '--json', '--config', config]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as StatusReport;
}

describe('status shows what went wrong', () => {
  it('a cron reconcile failing with 77 then 69 is shown with its message and hint until a pass works again', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = workspace(s);
    const wrongKey = workspace(s, { shop: { url: s.url, consumerKey: s.consumerKey, consumerSecret: `${s.consumerSecret}0`, timeoutSeconds: 5 }, ledger: { path: ws.ledger } });
    const down = workspace(s, { dropbox: { url: 'http://127.0.0.1:9/wp-json/smsmatch/v1', token: s.dropboxToken }, ledger: { path: ws.ledger } });
    expect((await run(['reconcile', '--config', ws.config])).code).toBe(0);
    await postSms(s, [shopPayments(now, 'RO1')[0]!.message]);

    expect((await run(['reconcile', '--config', wrongKey.config])).code).toBe(77);
    const afterAuth = await status(ws.config);
    const text = await run(['status', '--config', ws.config]);
    expect((await run(['reconcile', '--config', down.config])).code).toBe(69);
    expect((await run(['reconcile', '--config', down.config])).code).toBe(69);
    const afterDown = await status(ws.config);
    expect((await run(['reconcile', '--config', ws.config])).code).toBe(0);
    const healed = await status(ws.config);

    expect(afterAuth.lastRun).toMatchObject({ command: 'reconcile', via: 'reconcile', outcome: 'failed', exitCode: 77 });
    expect(afterAuth.failing).toEqual([expect.objectContaining({ via: 'reconcile', result: 'failed', exitCode: 77, message: expect.stringMatching(/secret|credentials|rejected/i), hint: expect.any(String), by: expect.stringMatching(/@/) })]);
    expect(text.out).toMatch(/^last run: {3}reconcile failed \(exit 77\)/m);
    expect(text.out).toMatch(/^failing: {4}reconcile by \S+@\S+ exit 77 /m);
    expect(text.out).toMatch(/^ {12}hint: /m);
    expect(afterDown.failing.map((f) => [f.exitCode, f.times])).toEqual([[69, 2], [77, 1]]);
    expect(healed.failing).toEqual([]);
    expect(healed.lastRun).toMatchObject({ outcome: 'ok', exitCode: 0, counts: expect.objectContaining({ confirm: 1 }) });
    for (const secret of [s.consumerSecret, s.dropboxToken]) expect(JSON.stringify([afterAuth, afterDown]) + text.out).not.toContain(secret);
  });

  it('a daemon tick failing is recorded too, and the first good tick clears it', async () => {
    const s = (sandbox = await shopWith());
    const ws = workspace(s);
    const badToken = workspace(s, { dropbox: { url: s.dropboxUrl, token: 'x'.repeat(32) }, ledger: { path: ws.ledger } });

    expect((await run(['daemon', '--once', '--config', badToken.config])).code).toBe(77);
    const failing = await status(ws.config);
    expect((await run(['daemon', '--once', '--config', ws.config])).code).toBe(0);
    const healed = await status(ws.config);

    expect(failing.failing).toEqual([expect.objectContaining({ via: 'daemon', exitCode: 77, message: expect.stringContaining('rejected the token') })]);
    expect(healed.failing).toEqual([]);
    expect(healed.lastRun).toMatchObject({ via: 'daemon', outcome: 'ok' });
  });
});

describe('alerts leave status when settled or acknowledged', () => {
  it('a balance-chain alert closes when its payment is assigned; another by `alerts ack`', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = workspace(s, {}, { dropbox: false });
    const at = (min: number): Date => new Date(now.getTime() - min * 60_000);
    // Each receipt's balance should be the previous one plus the payment; the last two are not.
    const file = ws.messagesFile([
      sms(receipt('UK1AB2CD3E', '1,500.00', 'JANE WANJIRU', '0712345678', at(5), '9,500.00'), 'MPESA', at(5).getTime()),
      sms(receipt('UK1AB2CD3F', '2,300.00', 'OTIENO OUMA', '0722000111', at(4), '99,800.00'), 'MPESA', at(4).getTime()),
      sms(receipt('UK1AB2CD3G', '700.00', 'AMINA ALI', '0733000222', at(3), '5,000.00'), 'MPESA', at(3).getTime()),
    ]);
    expect((await run(['reconcile', '--config', ws.config, '--messages', file])).code).toBe(0);
    const before = await status(ws.config);
    const chain = before.alerts.filter((a) => a.id.startsWith('balance-chain:'));
    expect(chain.length, JSON.stringify(before.alerts)).toBeGreaterThanOrEqual(2);

    const review = (JSON.parse((await run(['review', '--json', '--config', ws.config])).out) as { payments: Array<{ code: string; messageId: string }> }).payments;
    const otieno = review.find((p) => p.code === 'UK1AB2CD3F')!;
    const assign = await run(['assign', 'UK1AB2CD3F', '502', '--config', ws.config]);
    const afterAssign = await status(ws.config);
    const rest = afterAssign.alerts.map((a) => a.id);
    const ack = await run(['alerts', 'ack', ...rest, '--config', ws.config]);
    const afterAck = await status(ws.config);
    const unknown = await run(['alerts', 'ack', 'no-such-alert', '--config', ws.config]);

    expect(assign.code, assign.err).toBe(0);
    expect(assign.out).toContain(`alert balance-chain:`);
    expect(assign.out).toContain(`:${otieno.messageId} closed: its payment is settled`);
    expect(rest.some((id) => id.endsWith(`:${otieno.messageId}`))).toBe(false);
    expect(rest.length).toBeGreaterThan(0);
    expect(ack.code, ack.err).toBe(0);
    expect(ack.out).toMatch(/^alert balance-chain:\S+ closed$/m);
    expect(afterAck.alerts).toEqual([]);
    expect(afterAck.acknowledged).toBe(0);
    expect(unknown.code).toBe(65);
    expect(unknown.err.split('\n')[0]).toBe('smsmatch: no open alert "no-such-alert"');
  });

  it('an acknowledged health alert stays silent while its condition holds and is gone once it clears', async () => {
    const s = (sandbox = await shopWith());
    const ws = workspace(s);
    const badToken = workspace(s, { dropbox: { url: s.dropboxUrl, token: 'x'.repeat(32) }, ledger: { path: ws.ledger } });
    expect((await run(['daemon', '--once', '--config', badToken.config])).code).toBe(77);
    expect((await status(ws.config)).alerts.map((a) => a.id)).toEqual(['credentials']);

    const ack = await run(['alerts', 'ack', 'credentials', '--config', ws.config]);
    const acked = await status(ws.config);
    expect((await run(['daemon', '--once', '--config', badToken.config])).code).toBe(77);
    const stillBad = await status(ws.config);
    const listed = await run(['alerts', '--config', ws.config]);
    expect((await run(['daemon', '--once', '--config', ws.config])).code).toBe(0);
    const fixed = await status(ws.config);
    const text = await run(['status', '--config', ws.config]);

    expect(ack.out).toContain('alert credentials acknowledged (kept silent until its condition clears)');
    expect(acked).toMatchObject({ alerts: [], acknowledged: 1 });
    expect(stillBad).toMatchObject({ alerts: [], acknowledged: 1 });
    expect(listed.out).toContain('No open alerts.');
    expect(fixed).toMatchObject({ alerts: [], acknowledged: 0 });
    expect(text.out).toMatch(/^alerts: {5}none$/m);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { runConfigCheck } from '../../../src/commands/config-check.js';
import { runStatus } from '../../../src/commands/status.js';
import { signalFileName, startSandbox } from '../../../src/sandbox/index.js';
import { workspace } from '../../e2e/helpers.js';
import { captureIo } from '../../helpers/io.js';
import { postSms, proveExactlyOnce, shopOrders, shopPayments, shopWith } from '../../faults/helpers.js';
import { appliedInLog, pause, phpRequests, settled, startDaemonInproc, staticRequests, until, type InprocDaemon } from './wake-helpers.js';

// Real processes and real timers on a shared, loaded machine: generous, never asserted as figures.
vi.setConfig({ testTimeout: 90_000 });

let sandbox: Sandbox | undefined;
let daemon: InprocDaemon | undefined;
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await sandbox?.close();
  sandbox = undefined;
});

// Where requests are counted the safety-net pass is set to once a year, so a 5-minute boundary cannot add one.
const NEVER = '0 0 1 1 *';

describe('daemon woken by the drop-box signal file (the safety-net pass never fires here unless a test sets it)', () => {
  it('a payment SMS is confirmed on the signal alone, and an idle daemon then asks WordPress nothing', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.1, schedule: NEVER }));
    await until(() => (d.status()?.['wake'] as { mode?: string } | null)?.mode === 'signal', 20_000, 'signal mode', d.io);
    const [pay] = shopPayments(now, 'UW1');
    expect(await postSms(s, [pay!.message])).toEqual([200]);
    await until(() => settled(s, 501, pay!.code), 20_000, 'order 501 paid', d.io);
    expect(s.state.order(501)?.transaction_id).toBe(pay!.code);

    await until(() => ((d.status()?.['latency'] as { count?: number } | undefined)?.count ?? 0) === 1, 20_000, 'latency recorded', d.io);
    const latency = d.status()?.['latency'] as { last: { seconds: number; orderId: number } };
    expect(latency.last.orderId).toBe(501);
    expect(latency.last.seconds).toBeGreaterThanOrEqual(0);
    await until(() => appliedInLog(d.io) >= 1, 20_000, 'the pass finished', d.io);

    await pause(300); // let the pass's own status write settle
    const phpBefore = phpRequests(s);
    const staticBefore = staticRequests(s).length;
    await pause(1500);
    expect(phpRequests(s)).toBe(phpBefore);
    const idleStatic = staticRequests(s).slice(staticBefore);
    expect(idleStatic.length).toBeGreaterThan(3);
    expect(idleStatic.every((r) => r.status === 304)).toBe(true);
    const status = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await runStatus({ config: d.ws.config }, status)).toBe(0);
    expect(status.out()).toMatch(/^woken by: {3}drop-box signal file \(signal file checked every 0\.1 s\)/m);
    expect(status.out()).toMatch(/^latency: {4}last payment \d+(\.\d)? s from SMS to paid, order #501/m);
    expect(await d.stop()).toBe(0);
    expect(proveExactlyOnce(s, d.ws.ledger, [{ code: pay!.code, orderId: 501 }], { messageIds: [pay!.message.message_id] }).problems).toEqual([]);
  });

  it('config check says how the daemon would be woken, and why it would poll', async () => {
    const s = (sandbox = await shopWith(new Date()));
    const ws = workspace(s);
    const ok = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await runConfigCheck({ config: ws.config }, ok)).toBe(0);
    expect(ok.out()).toMatch(/^ {2}wake-up {4}signal file, checked every 1 s \(the signal file is served without PHP\)$/m);
    expect(ok.out()).not.toContain(s.dropboxToken);
    expect(ok.out()).not.toContain(signalFileName(s.dropboxToken));

    s.state.dropbox.signal.writable = false;
    const polling = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await runConfigCheck({ config: ws.config }, polling)).toBe(0);
    expect(polling.out()).toMatch(/^ {2}wake-up {4}polling the drop-box every 30 s: the drop-box cannot write its signal file \(wp-content\/uploads\/smsmatch is not writable by the web server\)/m);
    expect(polling.err()).toMatch(/^warning: payments will take up to 30 s instead of seconds/m);
  });

  it('uploads not writable: the daemon says so and polls the drop-box instead; the payment is still confirmed once', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    s.state.dropbox.signal.writable = false;
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.1, pollSeconds: 1 }));
    await until(() => (d.status()?.['wake'] as { detail?: string } | null)?.detail?.includes('not writable') === true, 20_000, 'polling with the reason', d.io);
    expect((d.status()?.['wake'] as { mode: string }).mode).toBe('polling');
    const [pay] = shopPayments(now, 'UW2');
    await postSms(s, [pay!.message]);
    await until(() => settled(s, 501, pay!.code), 20_000, 'order 501 paid by polling', d.io);
    expect(staticRequests(s)).toEqual([]);
    expect(d.io.err()).toMatch(/polling the drop-box every 1 s: the drop-box cannot write its signal file/);
    await until(() => appliedInLog(d.io) >= 1, 20_000, 'the pass finished', d.io);
    await d.stop();
    expect(proveExactlyOnce(s, d.ws.ledger, [{ code: pay!.code, orderId: 501 }], { messageIds: [pay!.message.message_id] }).problems).toEqual([]);
  });

  it('signal file deleted: the daemon notices (404), polls, and nothing is lost', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.1, pollSeconds: 1 }));
    await until(() => (d.status()?.['wake'] as { mode?: string } | null)?.mode === 'signal', 20_000, 'signal mode', d.io);
    s.state.dropbox.signal.file = null;
    s.state.dropbox.signal.writable = false; // and it cannot come back by itself
    await until(() => (d.status()?.['wake'] as { detail?: string } | null)?.detail?.includes('gone') === true, 20_000, 'polling after 404', d.io);
    const [pay] = shopPayments(now, 'UW3');
    await postSms(s, [pay!.message]);
    await until(() => settled(s, 501, pay!.code), 20_000, 'order 501 paid by polling', d.io);
    await until(() => appliedInLog(d.io) >= 1, 20_000, 'the pass finished', d.io);
    await d.stop();
    expect(proveExactlyOnce(s, d.ws.ledger, [{ code: pay!.code, orderId: 501 }], { messageIds: [pay!.message.message_id] }).problems).toEqual([]);
  });

  it('a cache answering for the signal file (Age header) is not trusted: polling, and the payment is confirmed', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.1, pollSeconds: 1 }));
    await until(() => (d.status()?.['wake'] as { mode?: string } | null)?.mode === 'signal', 20_000, 'signal mode', d.io);
    s.faults.failNext(1000, { status: 200, body: `${s.state.dropbox.signal.nonce}\n`, headers: { Age: '120', 'Content-Type': 'text/plain' }, match: (r) => r.path.startsWith('/wp-content/') });
    await until(() => (d.status()?.['wake'] as { detail?: string } | null)?.detail?.includes('Age: 120') === true, 20_000, 'polling after a cached answer', d.io);
    const [pay] = shopPayments(now, 'UW4');
    await postSms(s, [pay!.message]);
    await until(() => settled(s, 501, pay!.code), 20_000, 'order 501 paid by polling', d.io);
    await d.stop();
  });

  it('a daemon that was down when the SMS arrived confirms it at start, before any signal or schedule', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const [a, b] = shopPayments(now, 'UW5');
    await postSms(s, [a!.message, b!.message]);
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.1 }));
    await until(() => settled(s, 501, a!.code) && settled(s, 502, b!.code), 20_000, 'both paid at start', d.io);
    await until(() => appliedInLog(d.io) >= 2, 20_000, 'the pass finished', d.io);
    await d.stop();
    // A restart finds nothing new and pays nothing twice.
    const again = (daemon = startDaemonInproc(s, { signalSeconds: 0.1 }, d.ws));
    await until(() => (again.status()?.['wake'] as { mode?: string } | null)?.mode === 'signal', 20_000, 'signal mode again', again.io);
    await pause(500);
    await again.stop();
    daemon = undefined;
    expect(proveExactlyOnce(s, d.ws.ledger, [{ code: a!.code, orderId: 501 }, { code: b!.code, orderId: 502 }], { messageIds: [a!.message.message_id, b!.message.message_id] }).problems).toEqual([]);
  });

  it('a proxy keeps serving an old copy: the safety-net pass finds the payment, the daemon spots the stale file and polls', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.2, pollSeconds: 1, schedule: '*/2 * * * * *' }));
    await until(() => (d.status()?.['wake'] as { mode?: string } | null)?.mode === 'signal', 20_000, 'signal mode', d.io);
    s.state.dropbox.signal.proxyCopy = s.state.dropbox.signal.file;
    const [a, b] = shopPayments(now, 'UW6');
    await postSms(s, [a!.message]);
    await until(() => settled(s, 501, a!.code), 20_000, 'order 501 paid by the scheduled pass', d.io);
    await until(() => (d.status()?.['wake'] as { detail?: string } | null)?.detail?.includes("did not show the drop-box's latest change") === true, 20_000, 'stale file detected', d.io);
    expect((d.status()?.['wake'] as { mode: string }).mode).toBe('polling');
    await postSms(s, [b!.message]);
    await until(() => settled(s, 502, b!.code), 20_000, 'order 502 paid by polling', d.io);
    await until(() => appliedInLog(d.io) >= 2, 20_000, 'the passes finished', d.io);
    await d.stop();
    expect(proveExactlyOnce(s, d.ws.ledger, [{ code: a!.code, orderId: 501 }, { code: b!.code, orderId: 502 }], { messageIds: [a!.message.message_id, b!.message.message_id] }).problems).toEqual([]);
  });

  it('a signal that fires during a pass gets exactly one more pass after it; both payments confirmed once', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.1, schedule: NEVER }));
    await until(() => (d.status()?.['wake'] as { mode?: string } | null)?.mode === 'signal', 20_000, 'signal mode', d.io);
    await pause(300);
    const [a, b] = shopPayments(now, 'UW7');
    s.faults.delay(1000, (r) => r.method === 'GET' && r.route === '/wc/v3/orders', { times: 1 });
    const messagesBefore = s.state.requests.filter((r) => r.route === '/smsmatch/v1/messages').length;
    await postSms(s, [a!.message]);
    await until(() => s.state.requests.filter((r) => r.route === '/smsmatch/v1/messages').length > messagesBefore, 20_000, 'the pass for the first SMS', d.io);
    await postSms(s, [b!.message]); // the pass is waiting for the orders: this signal comes mid-pass
    await until(() => settled(s, 501, a!.code) && settled(s, 502, b!.code), 20_000, 'both paid', d.io);
    await pause(500);
    expect(s.state.requests.filter((r) => r.route === '/smsmatch/v1/messages').length - messagesBefore).toBe(2);
    await until(() => appliedInLog(d.io) >= 2, 20_000, 'the passes finished', d.io);
    await d.stop();
    expect(proveExactlyOnce(s, d.ws.ledger, [{ code: a!.code, orderId: 501 }, { code: b!.code, orderId: 502 }], { messageIds: [a!.message.message_id, b!.message.message_id] }).problems).toEqual([]);
  });

  it.each([10, -10])('shop clock %i min off the daemon: woken by the signal all the same, latency measured on one clock', async (hours) => {
    const now = new Date();
    const s = (sandbox = await startSandbox({ orders: shopOrders(now), now: () => new Date(Date.now() + hours * 60_000) }));
    const d = (daemon = startDaemonInproc(s, { signalSeconds: 0.1 }));
    await until(() => (d.status()?.['wake'] as { mode?: string } | null)?.mode === 'signal', 20_000, 'signal mode', d.io);
    await pause(300);
    const [pay] = shopPayments(now, hours > 0 ? 'UW8' : 'UW9');
    await postSms(s, [pay!.message]);
    await until(() => settled(s, 501, pay!.code), 20_000, 'order 501 paid', d.io);
    await until(() => ((d.status()?.['latency'] as { count?: number } | undefined)?.count ?? 0) === 1, 20_000, 'latency recorded', d.io);
    const seconds = (d.status()?.['latency'] as { last: { seconds: number } }).last.seconds;
    // Uncorrected, the figure would be off by the skew (600 s); corrected, it is the pass's own few seconds.
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(seconds).toBeLessThan(60);
    await d.stop();
  });
});

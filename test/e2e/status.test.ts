import { afterEach, describe, expect, it } from 'vitest';
import { runDaemonCommand } from '../../src/commands/daemon.js';
import { runStatus, type StatusReport } from '../../src/commands/status.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { postSms, shopPayments, shopWith } from '../faults/helpers.js';
import { captureIo } from '../helpers/io.js';
import { workspace } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const env = { HOME: '/nonexistent' };

async function status(config: string): Promise<StatusReport> {
  const io = captureIo({ env });
  expect(await runStatus({ config, json: true }, io)).toBe(0);
  return JSON.parse(io.out()) as StatusReport;
}

describe('smsmatch status', () => {
  it('reports the last run, today\'s counts, the drop-box and that no daemon runs, without locking the ledger', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = workspace(s, { daemon: { timezone: 'Africa/Nairobi' } });
    const [pay, late] = shopPayments(now, 'US1');
    s.state.setOrderStatus(502, 'cancelled'); // a payment for an order the shop already cancelled waits for review
    await postSms(s, [pay!.message, late!.message]);
    const io = captureIo({ env });
    expect(await runDaemonCommand({ config: ws.config, once: true }, io), io.err()).toBe(0);

    const report = await status(ws.config);

    expect(report.today).toMatchObject({ confirmed: 1, timezone: 'Africa/Nairobi' });
    expect(report.waitingForReview).toBe(1);
    expect(report.lastRun).toMatchObject({ command: 'reconcile', outcome: 'ok' });
    expect(report.daemon.state).toBe('stopped');
    expect(report.daemon.lastTick).toMatchObject({ outcome: 'ok', newMessages: 2 });
    expect(report.dropbox.source).toBe('health');
    expect(report.dropbox.lastSmsAt).not.toBeNull();
    expect(report.alerts, JSON.stringify(report.alerts)).toEqual([]);
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${ws.ledger}.lock`)).toBe(false);
  });

  it('shows an open alert raised by a tick (credentials rejected) and the daemon\'s auth failure', async () => {
    const s = (sandbox = await shopWith());
    const ws = workspace(s, { dropbox: { url: s.dropboxUrl, token: 'x'.repeat(32) } });
    const io = captureIo({ env });

    expect(await runDaemonCommand({ config: ws.config, once: true }, io)).toBe(77);
    const report = await status(ws.config);

    expect(io.err()).toMatch(/^error the drop-box at .* rejected the token/m);
    expect(report.alerts.map((a) => a.id)).toEqual(['credentials']);
    expect(report.daemon.authFailure).toContain('rejected the token');
    expect(report.dropbox.error).toContain('rejected the token');
  });
});

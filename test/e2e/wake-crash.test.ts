import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { postSms, proveExactlyOnce, root, shopPayments, shopWith } from '../faults/helpers.js';
import { settled, until } from '../integration/daemon/wake-helpers.js';
import { workspace } from './helpers.js';

// Real processes and real timers on a shared, loaded machine: generous, never asserted as figures.
vi.setConfig({ testTimeout: 90_000 });

let sandbox: Sandbox | undefined;
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await sandbox?.close();
  sandbox = undefined;
});

/** The real daemon process on the default schedule (5 min): only the signal file can wake it within the test. */
function daemon(config: string, env: Record<string, string> = {}): { exited: Promise<NodeJS.Signals | number | null>; err: () => string } {
  const child = spawn(process.execPath, [join(root, 'bin', 'smsmatch.js'), 'daemon', '--config', config], { env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', TZ: 'UTC', ...env } });
  children.push(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  return { exited: new Promise((resolve) => child.on('close', (code, signal) => resolve(signal ?? code))), err: () => err };
}

describe('kill -9 during a pass the signal file started', () => {
  it.each(['after-store-sms', 'after-decide', 'after-intents', 'after-write'])('killed at %s: after a restart the payment is applied exactly once', async (step) => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = workspace(s, { daemon: { timezone: 'UTC', signalSeconds: 0.2 } });
    const first = daemon(ws.config, { SMSMATCH_TEST_CRASH_AT: step });
    await until(() => /woken by the drop-box's signal file/.test(first.err()), 30_000, 'signal mode');
    const [pay] = shopPayments(now, 'UX1');
    await postSms(s, [pay!.message]);
    expect(await first.exited).toBe('SIGKILL');

    const second = daemon(ws.config);
    await until(() => settled(s, 501, pay!.code), 30_000, 'order 501 settled after the restart');
    await until(() => /tick: /.test(second.err()), 30_000, 'the restart pass logged');
    const proof = proveExactlyOnce(s, ws.ledger, [{ code: pay!.code, orderId: 501 }], { messageIds: [pay!.message.message_id] });
    expect(proof.problems).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Step } from '../../src/app/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { workspace } from '../e2e/helpers.js';
import { cli, postSms, proveExactlyOnce, shopPayments, shopWith, spawnCli } from './helpers.js';

// SMS receipts (apply.smsReceipt) are journalled like order writes: a kill -9 anywhere around them still gives each
// paying customer exactly one SMS. The steps from the confirmation's intent to the receipt's outcome.
const STEPS: Step[] = ['after-intents', 'after-write', 'after-outcome', 'after-note', 'after-receipt-intent', 'after-receipt'];
const TEMPLATE = 'Received {code} ({amount}) for order {order_number}. Asante!';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('SMS receipts under kill -9', () => {
  it.each(STEPS)('SIGKILL %s, restart: one receipt per paid order, to its customer, none lost or doubled', async (step) => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = workspace(s, { apply: { smsReceipt: { enabled: true, template: TEMPLATE } } });
    const pays = shopPayments(now, 'UR1');
    expect(await postSms(s, pays.map((p) => p.message))).toEqual([200, 200, 200]);
    const args = ['reconcile', '--config', ws.config, '--json'];

    const crashed = await spawnCli(args, { SMSMATCH_TEST_CRASH_AT: step });
    expect(crashed.signal, crashed.err).toBe('SIGKILL');
    const restarted = await cli(args);
    expect(restarted.code, restarted.err).toBe(0);
    expect((await cli(args)).code).toBe(0);

    const proof = proveExactlyOnce(s, ws.ledger, pays, { messageIds: pays.map((p) => p.message.message_id), cursor: 3 });
    expect(proof.problems).toEqual([]);
    const outbox = s.state.dropbox.outbox;
    const expected = [
      { to: '+254712345678', message: 'Received UR1AB2CD3E (KES 1,500.00) for order 501. Asante!' },
      { to: '+254722000111', message: 'Received UR1AB2CD3F (KES 2,300.00) for order 502. Asante!' },
      { to: '+254733000222', message: 'Received UR1AB2CD3G (KES 700.00) for order 503. Asante!' },
    ];
    expect(outbox.map((m) => ({ to: m.to, message: m.message })).sort((a, b) => a.to.localeCompare(b.to))).toEqual(expected);
    expect(new Set(outbox.map((m) => m.uuid)).size).toBe(3);
  });
});

describe('SMS receipts from the daemon', () => {
  it('a daemon pass queues the receipts too, and the next pass none again', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = workspace(s, { apply: { smsReceipt: { enabled: true, template: TEMPLATE } } });
    const pays = shopPayments(now, 'UR2');
    expect(await postSms(s, pays.map((p) => p.message))).toEqual([200, 200, 200]);

    const first = await cli(['daemon', '--once', '--config', ws.config]);
    const second = await cli(['daemon', '--once', '--config', ws.config]);

    expect(first.code, first.err).toBe(0);
    expect(second.code, second.err).toBe(0);
    expect(s.state.dropbox.outbox.map((m) => m.message).sort()).toEqual([
      'Received UR2AB2CD3E (KES 1,500.00) for order 501. Asante!',
      'Received UR2AB2CD3F (KES 2,300.00) for order 502. Asante!',
      'Received UR2AB2CD3G (KES 700.00) for order 503. Asante!',
    ]);
  });
});

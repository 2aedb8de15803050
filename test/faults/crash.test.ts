import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Step } from '../../src/app/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { workspace } from '../e2e/helpers.js';
import { cli, postSms, proveExactlyOnce, shopPayments, shopWith, shopWrites, spawnCli } from './helpers.js';
import { countCrashPoint, countFaultSurvived, writeReportPart } from './report.js';

// Every Step of src/app/types.ts, in the order a run passes them.
const STEPS: Step[] = ['after-store-sms', 'after-decide', 'after-intents', 'after-write', 'after-outcome', 'after-note-intent', 'after-note'];

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});
afterAll(() => {
  writeReportPart('crash');
});

describe.each(['dropbox', 'messages'] as const)('kill -9 at every step of a reconcile (%s source)', (source) => {
  it.each(STEPS)('SIGKILL %s, restart: every payment applied exactly once, none lost', async (step) => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    // The messages source also sends a customer note, so a crash between the two notes is covered too.
    const ws = workspace(s, source === 'messages' ? { apply: { customerNote: true } } : {}, { dropbox: source === 'dropbox' });
    const pays = shopPayments(now, source === 'dropbox' ? 'UK1' : 'UK2');
    const messages = pays.map((p) => p.message);
    const args = ['reconcile', '--config', ws.config, '--json'];
    if (source === 'dropbox') expect(await postSms(s, messages)).toEqual([200, 200, 200]);
    else args.push('--messages', ws.messagesFile(messages));

    const crashed = await spawnCli(args, { SMSMATCH_TEST_CRASH_AT: step });
    countCrashPoint();
    const restarted = await cli(args);
    const again = await cli(args);
    const writesAfterRestart = shopWrites(s);
    const third = await cli(args);

    expect(crashed.signal, crashed.err).toBe('SIGKILL');
    expect(restarted.code, restarted.err).toBe(0);
    expect(again.code).toBe(0);
    expect(third.code).toBe(0);
    expect(shopWrites(s)).toBe(writesAfterRestart);
    const proof = proveExactlyOnce(s, ws.ledger, pays, { messageIds: messages.map((m) => m.message_id), ...(source === 'dropbox' ? { cursor: 3 } : {}) });
    expect(proof.problems).toEqual([]);
    if (source === 'messages') {
      for (const p of pays) expect(s.state.notes(p.orderId).filter((n) => n.customer_note && n.note.includes(p.code))).toHaveLength(1);
    }
    countFaultSurvived();
  });
});

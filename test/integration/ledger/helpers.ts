import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { DecisionInput } from '../../../src/adapters/ledger/index.js';
import type { IncomingSms, ParsedSms } from '../../../src/core/sms/types.js';

export async function tempDir(): Promise<{ dir: string; file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'smsmatch-ledger-'));
  return { dir, file: join(dir, 'ledger.json'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A clock the test moves by hand. */
export function fakeClock(start = '2026-03-01T08:00:00.000Z'): { now: () => Date; advanceDays: (d: number) => void; set: (iso: string) => void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), advanceDays: (d) => { t += d * 86_400_000; }, set: (iso) => { t = Date.parse(iso); } };
}

export function sms(id: string, text = `QAB${id}XYZ Confirmed. Ksh1,500.00 received from JANE DOE 0712345678`): IncomingSms {
  return { message_id: id, from: 'MPESA', message: text, sent_timestamp: '1772352000000', sent_to: '+254700000000', device_id: 'dev-1' };
}

export function parsed(code: string | null, amountMinor = 150_000): ParsedSms {
  return {
    kind: 'payment', provider: 'mpesa-ke', template: 'received', trusted: true, untrustedReason: null, code,
    amount: String(amountMinor / 100), amountMinor, currency: 'KES', payerName: 'JANE DOE', payerPhone: '+254712345678',
    payerIsOrganisation: false, account: null, balance: null, balanceMinor: null, occurredAt: '2026-03-01T11:00:00+03:00', reverses: null,
  };
}

export function decision(messageId: string, code: string | null, over: Partial<DecisionInput> = {}): DecisionInput {
  return {
    messageId, code, provider: 'mpesa-ke', decision: 'confirm', orderId: 1042, candidates: [1042], rule: 'phone',
    reasons: ['billing phone matches'], amountMinor: 150_000, currency: 'KES', overpaidMinor: 0, remainingMinor: 0, ...over,
  };
}

/**
 * steno's TextFile with a switch that makes the next writes fail like a full disk: half the data lands in the
 * temp file (as a real ENOSPC would), then the error is thrown before the rename.
 */
export function faultyText(file: string, state: { fail: string | null; writes: number }): Adapter<string> {
  const real = new TextFile(file);
  return {
    read: () => real.read(),
    async write(text: string) {
      if (state.fail) {
        await writeFile(join(dirname(file), `.${basename(file)}.tmp`), text.slice(0, text.length >> 1));
        throw Object.assign(new Error(`${state.fail}: simulated`), { code: state.fail });
      }
      state.writes += 1;
      await real.write(text);
    },
  };
}

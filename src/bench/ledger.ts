import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLedger, type Ledger } from '../adapters/ledger/index.js';
import type { IncomingSms, ParsedSms } from '../core/sms/types.js';

const SETTLED = 100_000;
const PER_DAY = 100;
const DAY_MS = 86_400_000;
const START = Date.parse('2023-06-01T06:00:00.000Z');

function code(i: number): string {
  return `Q${i.toString(36).toUpperCase().padStart(9, '0')}`;
}

function incoming(i: number, at: number): IncomingSms {
  const text = `${code(i)} Confirmed. Ksh${(i % 9000) + 100}.00 received from JOHN DOE ${i % 1000} 0712${String(i % 1e6).padStart(6, '0')} on 1/6/23 at 9:00 AM New M-PESA balance is Ksh12,345.00.`;
  return { message_id: `m${i}`, from: 'MPESA', message: text, sent_timestamp: String(at), device_id: 'bench' };
}

function parsedSms(i: number, at: number): ParsedSms {
  const minor = ((i % 9000) + 100) * 100;
  return {
    kind: 'payment', provider: 'mpesa-ke', template: 'received', trusted: true, untrustedReason: null, code: code(i),
    amount: (minor / 100).toFixed(2), amountMinor: minor, currency: 'KES', payerName: `JOHN DOE ${i % 1000}`,
    payerPhone: `+254712${String(i % 1e6).padStart(6, '0')}`, payerIsOrganisation: false, account: null, balance: '12345.00',
    balanceMinor: 1_234_500, occurredAt: new Date(at).toISOString(), reverses: null,
  };
}

/** One payment the way a reconcile leaves it: message, engine decision, and (for settled ones) a final state. */
function record(ledger: Ledger, i: number, at: number, settle: boolean): void {
  const parsed = parsedSms(i, at);
  ledger.recordMessage(incoming(i, at), { parsed, dropboxId: String(i) });
  const p = ledger.recordDecision({
    messageId: `m${i}`, code: parsed.code, provider: parsed.provider, decision: 'confirm', orderId: 10_000 + i, candidates: [10_000 + i],
    rule: 'phone', reasons: ['billing phone matches the payer'], amountMinor: parsed.amountMinor, currency: 'KES', overpaidMinor: 0,
    remainingMinor: 0, payerName: parsed.payerName, payerPhone: parsed.payerPhone,
  });
  if (settle) ledger.setPaymentState(p.key, 'confirmed', { reason: `order ${10_000 + i} marked paid` });
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/**
 * A ledger with 100,000 settled payments (100 a day for 1,000 days, so all but the last 30 days are archived),
 * then one poll that stores 5 new SMS with their decisions, and one poll with nothing new. Prints nothing.
 * `settledCount` lets a comparison run show that poll cost depends on the retention window, not on history.
 */
export async function benchLedger(dir: string, settledCount = SETTLED): Promise<{
  settled: number; hotBytes: number; pollMs: number; pollBytesWritten: number; openMs: number; idlePollMs: number; idlePollBytesWritten: number;
}> {
  const file = join(dir, 'ledger.json');
  let now = START;
  const clock = (): Date => new Date(now);
  const builder = await openLedger(file, { clock, command: 'bench' });
  for (let i = 0; i < settledCount; i += 1) {
    now = START + Math.floor(i / PER_DAY) * DAY_MS + (i % PER_DAY) * 600_000;
    record(builder, i, now, true);
    // Commit every ten days, as a daemon would many times over; each commit past a day also archives.
    if ((i + 1) % (PER_DAY * 10) === 0) await builder.commit();
  }
  await builder.commit();
  await builder.close();

  now += 3_600_000;
  const opened = await timed(() => openLedger(file, { clock, command: 'bench' }));
  const ledger = opened.value;
  await ledger.commit(); // the daily archive pass of this process, before measuring polls
  const settled = ledger.stats.archivedCodes + ledger.paymentsByState('confirmed').length;

  now += 60_000;
  const before = ledger.stats.bytesWritten;
  const poll = await timed(async () => {
    for (let i = settledCount; i < settledCount + 5; i += 1) {
      if (!ledger.hasMessage(`m${i}`) && !ledger.codeSeen(`mpesa-ke:${code(i)}`)) record(ledger, i, now, false);
    }
    ledger.setCursor(`m${settledCount + 4}`);
    return ledger.commit();
  });
  const pollBytesWritten = ledger.stats.bytesWritten - before;

  now += 60_000;
  const idleBefore = ledger.stats.bytesWritten;
  const idle = await timed(async () => {
    ledger.setCursor(`m${settledCount + 4}`);
    return ledger.commit();
  });
  const idlePollBytesWritten = ledger.stats.bytesWritten - idleBefore;
  await ledger.close();
  const hotBytes = (await stat(file)).size;
  return { settled, hotBytes, pollMs: poll.ms, pollBytesWritten, openMs: opened.ms, idlePollMs: idle.ms, idlePollBytesWritten };
}

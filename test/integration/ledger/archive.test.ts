import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IoError } from '../../../src/errors.js';
import { appendArchive, loadArchiveIndex, type ArchiveLine } from '../../../src/adapters/ledger/archive.js';
import { archiveDir, findArchived, openLedger, readArchiveMonth, type Ledger } from '../../../src/adapters/ledger/index.js';
import { decision, fakeClock, faultyText, parsed, sms, tempDir } from './helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});

async function confirmPaid(ledger: Ledger, id: string, code: string, orderId: number): Promise<void> {
  ledger.recordMessage(sms(id), { parsed: parsed(code) });
  ledger.recordDecision(decision(id, code, { orderId }));
  const w = await ledger.recordIntent({ orderId, paymentKey: `mpesa-ke:${code}`, kind: 'confirm', transactionId: code, summary: {} });
  ledger.resolveIntent(w.writeId, { status: 'applied' });
}

/** Day 0: five settled payments, one in review, one confirmation whose write never finished. */
async function seed(ledger: Ledger): Promise<void> {
  await confirmPaid(ledger, 'm1', 'A1', 1001);
  ledger.recordMessage(sms('m2'), { parsed: null });
  ledger.recordDecision(decision('m2', null, { provider: null, decision: 'ignored', orderId: null }));
  ledger.recordDecision(decision('m3', 'P1', { decision: 'partial', orderId: 2000, amountMinor: 50_000, remainingMinor: 50_000 }));
  await confirmPaid(ledger, 'm4', 'P2', 2000);
  ledger.recordDecision(decision('m5', 'U1', { decision: 'unmatched', orderId: null }));
  ledger.recordDecision(decision('m6', 'R1', { decision: 'review', orderId: null }));
  ledger.recordDecision(decision('m7', 'F1', { orderId: 3000 }));
  await ledger.recordIntent({ orderId: 3000, paymentKey: 'mpesa-ke:F1', kind: 'confirm', transactionId: 'F1', summary: {} });
  await ledger.commit();
}

const ARCHIVED = ['mpesa-ke:A1', 'msg:m2', 'mpesa-ke:P1', 'mpesa-ke:P2'];

describe('ledger archive', () => {
  it('moves settled payments past retention to the monthly archive and still answers for their codes', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const clock = fakeClock('2026-01-10T00:00:00.000Z');
    const a = await openLedger(t.file, { clock: clock.now });
    await seed(a);
    clock.advanceDays(29);
    a.recordMessage(sms('m8'), { parsed: parsed('NEW') });
    await a.commit();
    const keptWhileRecent = a.stats.hotPayments;

    clock.advanceDays(2);
    a.recordMessage(sms('m9'), { parsed: parsed('NEW2') });
    await a.commit();
    await a.close();

    const b = await openLedger(t.file, { clock: clock.now });
    expect(keptWhileRecent).toBe(7);
    expect(Object.keys(JSON.parse(await readFile(t.file, 'utf8')).payments).sort()).toEqual(['mpesa-ke:F1', 'mpesa-ke:R1', 'mpesa-ke:U1']);
    expect(ARCHIVED.every((k) => b.codeSeen(k) && b.getPayment(k) === undefined)).toBe(true);
    expect(['m1', 'm2', 'm4'].every((m) => b.hasMessage(m) && b.getMessage(m) === undefined)).toBe(true);
    expect(b.history().codes.get('mpesa-ke:A1')).toMatchObject({ messageId: 'm1', decision: 'confirm', orderId: 1001 });
    expect(b.history().codes.get('mpesa-ke:R1')).toMatchObject({ decision: 'review' });
    expect([...b.history().confirmedOrders].sort()).toEqual([1001, 2000, 3000]);
    expect(b.openIntents().map((w) => w.orderId)).toEqual([3000]);
    const line = await b.findArchivedPayment('mpesa-ke:A1');
    expect(line?.payment.state).toBe('confirmed');
    expect(line?.messages.map((m) => m.raw)).toEqual([sms('m1')]);
    expect(line?.writes.map((w) => w.outcome?.status)).toEqual(['applied']);
    expect((await readArchiveMonth(archiveDir(t.file), '2026-01')).length).toBe(4);
    await b.close();
  });

  it('archives at most once a day on commit, and whenever compact() is called', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const clock = fakeClock('2026-01-10T00:00:00.000Z');
    const a = await openLedger(t.file, { clock: clock.now });
    await seed(a);
    clock.set('2026-01-20T00:00:00.000Z');
    a.setPaymentState('mpesa-ke:R1', 'dismissed', { reason: 'test payment' });
    await a.commit();

    clock.set('2026-02-19T00:00:00.000Z');
    a.setStatus('heartbeat', 1);
    await a.commit();
    const hotAfterDaily = a.stats.hotPayments;
    clock.set('2026-02-19T12:00:00.000Z'); // R1 is now past retention, but the daily pass already ran
    a.setStatus('heartbeat', 2);
    await a.commit();
    const r1HotAfterSecondCommit = a.getPayment('mpesa-ke:R1')?.state;
    const onDemand = await a.compact();

    expect(hotAfterDaily).toBe(3);
    expect(r1HotAfterSecondCommit).toBe('dismissed');
    expect(onDemand).toEqual({ archived: 1 });
    expect(a.getPayment('mpesa-ke:R1')).toBeUndefined();
    expect(a.codeSeen('mpesa-ke:R1')).toBe(true);
    expect(a.history().codes.get('mpesa-ke:R1')?.decision).toBe('ignored');
    await a.close();
  });

  it('loses nothing when the hot-file write fails after the archive append, and tolerates the duplicate lines', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const clock = fakeClock('2026-01-10T00:00:00.000Z');
    const fault = { fail: null as string | null, writes: 0 };
    const a = await openLedger(t.file, { clock: clock.now, textAdapter: (f) => faultyText(f, fault) });
    await seed(a);
    const hotBefore = await readFile(t.file, 'utf8');
    clock.advanceDays(31);
    fault.fail = 'ENOSPC';

    const error = await a.commit().catch((e: unknown) => e);
    const hotAfterFailure = await readFile(t.file, 'utf8');
    const inMemory = ARCHIVED.every((k) => a.getPayment(k) !== undefined);
    await a.close();
    const b = await openLedger(t.file, { clock: clock.now });
    await b.commit();
    await b.close();

    expect(error).toBeInstanceOf(IoError);
    expect(hotAfterFailure).toBe(hotBefore);
    expect(inMemory).toBe(true);
    const raw = (await readFile(join(archiveDir(t.file), '2026-01.jsonl'), 'utf8')).trim().split('\n');
    expect(raw.length).toBe(8);
    const lines = await readArchiveMonth(archiveDir(t.file), '2026-01');
    expect(lines.map((l) => l.payment.key).sort()).toEqual([...ARCHIVED].sort());
    const c = await openLedger(t.file, { readOnly: true });
    expect(ARCHIVED.every((k) => c.codeSeen(k) && c.getPayment(k) === undefined)).toBe(true);
    expect(c.stats.archivedCodes).toBe(4);
  });

  it('keeps a late duplicate of an archived code apart from the original', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const clock = fakeClock('2026-01-10T00:00:00.000Z');
    const a = await openLedger(t.file, { clock: clock.now });
    await confirmPaid(a, 'm1', 'A1', 1001);
    await a.commit();
    clock.advanceDays(31);
    await a.commit();

    a.recordDecision(decision('m9', 'A1', { decision: 'duplicate', orderId: null }));

    expect(a.getPayment('mpesa-ke:A1')).toMatchObject({ state: 'duplicate', messageIds: ['m9'] });
    expect(a.history().codes.get('mpesa-ke:A1')).toMatchObject({ messageId: 'm1', decision: 'confirm', orderId: 1001 });
    await a.close();
  });
});

describe('archive appends after a crash mid-append', () => {
  const line = (key: string, createdAt: string): ArchiveLine => ({
    v: 1, archivedAt: '2026-02-01T00:00:00.000Z', month: '2026-01',
    payment: {
      key, provider: 'mpesa-ke', code: key.slice(9), messageId: `m-${key}`, messageIds: [`m-${key}`], amountMinor: 1000, currency: 'KES', payerName: null,
      payerPhone: null, state: 'confirmed', orderId: 7, remainingMinor: null, createdAt, updatedAt: createdAt, history: [],
    },
    messages: [], writes: [],
  });

  it('starts the next append on a line of its own, so neither it nor its index entry is lost', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const dir = archiveDir(t.file);
    const index = await loadArchiveIndex(dir);
    await appendArchive(dir, [line('mpesa-ke:OLD1', '2026-01-01T00:00:00.000Z')], index);
    // The crash: half of the next line reached the month file and half an entry the index, no newline.
    const whole = JSON.stringify(line('mpesa-ke:TORN', '2026-01-02T00:00:00.000Z'));
    await appendFile(join(dir, '2026-01.jsonl'), whole.slice(0, 60));
    await appendFile(join(dir, 'codes.txt'), 'mpesa-ke:TORN\tconf');

    await appendArchive(dir, [line('mpesa-ke:NEW1', '2026-01-03T00:00:00.000Z')], index);

    expect((await readArchiveMonth(dir, '2026-01')).map((l) => l.payment.key)).toEqual(['mpesa-ke:OLD1', 'mpesa-ke:NEW1']);
    const reopened = await loadArchiveIndex(dir);
    expect([...reopened.codes.keys()].sort()).toEqual(['mpesa-ke:NEW1', 'mpesa-ke:OLD1']);
    expect(await findArchived(dir, reopened, 'mpesa-ke:NEW1')).toMatchObject({ payment: { key: 'mpesa-ke:NEW1', orderId: 7 } });
  });

  it('reads back a whole line that an older version glued onto a torn fragment', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const dir = archiveDir(t.file);
    await mkdir(dir, { recursive: true });
    const torn = JSON.stringify(line('mpesa-ke:TORN', '2026-01-02T00:00:00.000Z')).slice(0, 80);
    const glued = JSON.stringify(line('mpesa-ke:GLUED', '2026-01-03T00:00:00.000Z'));
    await writeFile(join(dir, '2026-01.jsonl'), `${JSON.stringify(line('mpesa-ke:OLD1', '2026-01-01T00:00:00.000Z'))}\n${torn}${glued}\n`);

    expect((await readArchiveMonth(dir, '2026-01')).map((l) => l.payment.key)).toEqual(['mpesa-ke:OLD1', 'mpesa-ke:GLUED']);
  });
});

import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { TextFile } from 'lowdb/node';
import { openLedger } from '../../../src/adapters/ledger/index.js';
import { decision, fakeClock, parsed, sms, tempDir } from './helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});

describe('ledger round-trip', () => {
  // What every store keeps and reads back is the contract suite's (contract.test.ts runs it on this file store
  // too); here, only what is the file's own.
  it('writes the hot file private to its owner and stamped with its schema version', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file, { clock: fakeClock().now });
    a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ') });
    expect(await a.commit()).toBe(true);
    await a.close();

    expect((await stat(t.file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(t.file, 'utf8'))).toMatchObject({ schemaVersion: 1, messages: { m1: { messageId: 'm1' } } });
  });

  it('writes nothing when a poll changed nothing', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ') });
    a.setCursor('m1');
    a.setStatus('lastSmsAt', 'x');
    expect(await a.commit()).toBe(true);
    const before = await stat(t.file);

    expect(a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ') })).toBe(false);
    a.setCursor('m1');
    a.setStatus('lastSmsAt', 'x');
    const wrote = await a.commit();
    await a.close();
    const b = await openLedger(t.file);
    const wroteAfterReopen = await b.commit();
    await b.close();

    const after = await stat(t.file);
    expect([wrote, wroteAfterReopen]).toEqual([false, false]);
    expect(a.stats.writes).toBe(1);
    expect(b.stats.writes).toBe(0);
    expect({ size: after.size, mtime: after.mtimeMs, ino: after.ino }).toEqual({ size: before.size, mtime: before.mtimeMs, ino: before.ino });
  });

  it('counts a change made while the file is being written as unsaved', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    let writing!: () => void;
    const started = new Promise<void>((resolve) => { writing = resolve; });
    const a = await openLedger(t.file, {
      textAdapter: (f) => {
        const real = new TextFile(f);
        return { read: () => real.read(), write: async (text) => { writing(); await gate; await real.write(text); } };
      },
    });
    a.recordMessage(sms('m1'), { parsed: null });

    const first = a.commit();
    await started;
    a.recordMessage(sms('m2'), { parsed: null });
    open();
    await first;
    const dirtyAfterFirst = a.dirty;
    const second = await a.commit();
    await a.close();

    expect([dirtyAfterFirst, second]).toEqual([true, true]);
    const b = await openLedger(t.file, { readOnly: true });
    expect([b.hasMessage('m1'), b.hasMessage('m2')]).toEqual([true, true]);
  });

  it.each(['constructor', '__proto__', 'toString'])('treats message id %s as an ordinary id', async (id) => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);

    const seenBefore = a.hasMessage(id);
    const stored = a.recordMessage(sms(id), { parsed: null });
    a.recordDecision(decision(id, null, { provider: null, decision: 'ignored', orderId: null }));
    await a.commit();
    await a.close();

    const b = await openLedger(t.file, { readOnly: true });
    expect([seenBefore, stored, b.hasMessage(id), b.getMessage(id)?.raw.message_id]).toEqual([false, true, true, id]);
    expect(b.getPayment(`msg:${id}`)?.state).toBe('ignored');
    expect(Object.getPrototypeOf(b.getMessage(id))).toBe(Object.prototype);
  });

  it('keeps a duplicate on the original payment without changing its state', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    a.recordDecision(decision('m1', 'QAB1XYZ'));
    a.recordDecision(decision('m2', 'QAB1XYZ', { decision: 'duplicate', orderId: null, rule: 'duplicate' }));
    a.recordDecision(decision('m3', null, { decision: 'ignored', orderId: null, provider: null }));

    expect(a.getPayment('mpesa-ke:QAB1XYZ')).toMatchObject({ state: 'matched', messageId: 'm1', messageIds: ['m1', 'm2'] });
    expect(a.getPayment('msg:m3')?.state).toBe('ignored');
    expect(a.paymentsByState('matched', 'ignored').map((p) => p.key).sort()).toEqual(['mpesa-ke:QAB1XYZ', 'msg:m3']);
    await a.close();
  });

  it('sums partial payments per order', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    a.recordDecision(decision('m1', 'P1', { decision: 'partial', amountMinor: 50_000, remainingMinor: 100_000 }));
    a.recordDecision(decision('m2', 'P2', { decision: 'partial', amountMinor: 30_000, remainingMinor: 70_000 }));

    expect(a.partialsByOrder().get(1042)).toEqual({ paidMinor: 80_000, currency: 'KES', codes: ['P1', 'P2'] });
    expect(a.history().partials.get(1042)?.paidMinor).toBe(80_000);
    await a.close();
  });
});

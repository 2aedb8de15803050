import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src/adapters/ledger/index.js';
import { decision, parsed, sms, tempDir } from './helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});

const intent = { orderId: 1042, paymentKey: 'mpesa-ke:QAB1XYZ', kind: 'confirm' as const, transactionId: 'QAB1XYZ', summary: { status: 'processing' } };

describe('order-write intents', () => {
  it('are on disk before recordIntent resolves, so a crash right after leaves an open intent', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ') });
    a.recordDecision(decision('m1', 'QAB1XYZ'));

    const write = await a.recordIntent(intent);
    // Crash: `a` never commits again and never releases its lock; a reader sees what is on disk.
    const b = await openLedger(t.file, { readOnly: true });

    expect(b.openIntents()).toEqual([write]);
    expect(b.getPayment('mpesa-ke:QAB1XYZ')?.state).toBe('matched');
    expect(b.hasMessage('m1')).toBe(true);
    await a.close();
  });

  it('stay open after a crash between the HTTP call and the outcome commit, and resolve on the next run', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    a.recordDecision(decision('m1', 'QAB1XYZ'));
    const write = await a.recordIntent(intent);
    a.resolveIntent(write.writeId, { status: 'applied' });
    await a.close(); // outcome never committed

    const b = await openLedger(t.file);
    const open = b.openIntents();
    expect(open.map((w) => [w.writeId, w.orderId, w.transactionId])).toEqual([[write.writeId, 1042, 'QAB1XYZ']]);
    b.resolveIntent(write.writeId, { status: 'applied', detail: 'transaction_id already QAB1XYZ in WooCommerce' });
    await b.commit();
    await b.close();

    const c = await openLedger(t.file, { readOnly: true });
    expect(c.openIntents()).toEqual([]);
    expect(c.getPayment('mpesa-ke:QAB1XYZ')?.state).toBe('confirmed');
  });

  it.each([
    [{ status: 'rejected', error: '400 woocommerce_rest_invalid' }, 'rejected (400 woocommerce_rest_invalid)'],
    [{ status: 'skipped', reason: 'order changed since it was read' }, 'skipped (order changed since it was read)'],
    [{ status: 'unknown', note: 'crash; order shows no smsmatch meta' }, 'unknown (crash; order shows no smsmatch meta)'],
  ] as const)('send the payment to review when a confirmation ends %o', async (outcome, reason) => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    a.recordDecision(decision('m1', 'QAB1XYZ'));
    const write = await a.recordIntent(intent);

    a.resolveIntent(write.writeId, outcome);

    const p = a.getPayment('mpesa-ke:QAB1XYZ');
    expect(p?.state).toBe('review');
    expect(p?.history.at(-1)?.reasons).toEqual([`order 1042 not updated: ${reason}`]);
    expect(a.history().confirmedOrders.has(1042)).toBe(false);
    await a.close();
  });

  it('flushes concurrent intents one write at a time, leaving valid JSON with all of them', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    for (let i = 0; i < 20; i += 1) a.recordDecision(decision(`m${i}`, `C${i}`, { orderId: 5000 + i }));

    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => a.recordIntent({ ...intent, orderId: 5000 + i, paymentKey: `mpesa-ke:C${i}`, transactionId: `C${i}` })),
    );
    const b = await openLedger(t.file, { readOnly: true });

    expect(b.openIntents().map((w) => w.writeId).sort()).toEqual(writes.map((w) => w.writeId).sort());
    expect(a.stats.writes).toBeLessThanOrEqual(20);
    await a.close();
  });

  it('a read-only ledger never writes, not even an intent', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file, { readOnly: true });
    a.recordDecision(decision('m1', 'QAB1XYZ'));

    await a.recordIntent(intent);
    const wrote = await a.commit();

    expect(wrote).toBe(false);
    expect(a.stats.writes).toBe(0);
    const b = await openLedger(t.file, { readOnly: true });
    expect(b.stats.hotPayments).toBe(0);
  });
});

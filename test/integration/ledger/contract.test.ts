import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closePools, LedgerCache, openLedgerAt, type Ledger, type LedgerTarget, type OpenLedgerOptions } from '../../../src/adapters/ledger/index.js';
import { BusyError } from '../../../src/errors.js';
import { freshShop, pgAvailable } from '../../helpers/pg.js';
import { postgresService } from '../../helpers/services.js';
import { decision, fakeClock, parsed, sms, tempDir } from './helpers.js';

/**
 * The ledger's contract, run against every store: the lowdb file and (when PostgreSQL is up) the PostgreSQL
 * ledger. The app relies on exactly these behaviours, whichever store is underneath.
 */
const pgEnv = await pgAvailable();

interface Backend {
  name: string;
  /** A new, empty ledger location and its cleanup. */
  fresh(): Promise<{ target: LedgerTarget; cleanup: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'lowdb',
    async fresh() {
      const t = await tempDir();
      return { target: { kind: 'file', path: t.file }, cleanup: t.cleanup };
    },
  },
  ...(pgEnv ? [pgBackend(pgEnv.url)] : []),
];

function pgBackend(url: string): Backend {
  return {
    name: 'postgres',
    fresh: () => Promise.resolve({ target: { kind: 'postgres', url, shop: freshShop('contract') }, cleanup: () => Promise.resolve() }),
  };
}

if (!pgEnv) {
  describe.skip('ledger contract on postgres', () => {
    it.skip(`needs PostgreSQL: ${postgresService.howTo}`, () => undefined);
  });
}

afterAll(async () => {
  await closePools();
});

describe.each(backends)('ledger contract on $name', (backend) => {
  const opened: Ledger[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const l of opened.splice(0)) await l.close();
    for (const c of cleanups.splice(0)) await c();
  });
  async function fresh(): Promise<LedgerTarget> {
    const f = await backend.fresh();
    cleanups.push(f.cleanup);
    return f.target;
  }
  async function open(target: LedgerTarget, opts: OpenLedgerOptions = {}): Promise<Ledger> {
    const l = await openLedgerAt(target, opts);
    opened.push(l);
    return l;
  }
  async function confirmPaid(ledger: Ledger, id: string, code: string, orderId: number): Promise<void> {
    ledger.recordMessage(sms(id), { parsed: parsed(code) });
    ledger.recordDecision(decision(id, code, { orderId }));
    const w = await ledger.recordIntent({ orderId, paymentKey: `mpesa-ke:${code}`, kind: 'confirm', transactionId: code, summary: {} });
    ledger.resolveIntent(w.writeId, { status: 'applied' });
  }

  it('stores every kind of record and reads it back after a reopen', async () => {
    const target = await fresh();
    const clock = fakeClock();
    const a = await open(target, { clock: clock.now });
    expect(a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ'), dropboxId: 'db-7' })).toBe(true);
    expect(a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ') })).toBe(false);
    a.recordDecision(decision('m1', 'qab1xyz'));
    const write = await a.recordIntent({ orderId: 1042, paymentKey: 'mpesa-ke:QAB1XYZ', kind: 'confirm', transactionId: 'QAB1XYZ', summary: { set_paid: true } });
    a.resolveIntent(write.writeId, { status: 'applied' });
    a.setCursor('m1');
    a.recordRun({ runId: 'r1', command: 'reconcile', startedAt: clock.now().toISOString(), endedAt: clock.now().toISOString(), outcome: 'ok', counts: { confirm: 1 }, errors: [] });
    a.raiseAlert('shop-down', 'shop unreachable');
    a.markAlertSent('shop-down', 'email');
    a.setStatus('lastSmsAt', '2026-03-01T08:00:00.000Z');
    expect(await a.commit()).toBe(true);
    await a.close();

    const b = await open(target, { clock: clock.now });
    expect(b.getMessage('m1')?.raw).toEqual(sms('m1'));
    expect(b.getMessage('m1')).toMatchObject({ dropboxId: 'db-7', receivedAt: '2026-03-01T08:00:00.000Z', paymentKey: 'mpesa-ke:QAB1XYZ' });
    const p = b.getPayment('mpesa-ke:QAB1XYZ');
    expect(p).toMatchObject({ state: 'confirmed', orderId: 1042, amountMinor: 150_000, currency: 'KES', messageIds: ['m1'] });
    expect(p?.history.map((h) => [h.source, h.state])).toEqual([['engine', 'matched'], ['write', 'confirmed']]);
    expect(b.getWrite(write.writeId)?.outcome).toMatchObject({ status: 'applied', at: '2026-03-01T08:00:00.000Z' });
    expect(b.openIntents()).toEqual([]);
    expect(b.cursor()).toBe('m1');
    expect(b.runs().map((r) => r.runId)).toEqual(['r1']);
    expect(b.openAlerts()).toMatchObject([{ id: 'shop-down', count: 1, sentTo: ['email'] }]);
    expect(b.getStatus('lastSmsAt')).toBe('2026-03-01T08:00:00.000Z');
    expect(b.history().confirmedOrders.has(1042)).toBe(true);
    expect(b.history().codes.get('mpesa-ke:QAB1XYZ')).toEqual({ messageId: 'm1', decision: 'confirm', orderId: 1042 });
  });

  it('has an intent durable before recordIntent resolves, and shows it open to the next run after a crash', async () => {
    const target = await fresh();
    const a = await open(target);
    a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ') });
    a.recordDecision(decision('m1', 'QAB1XYZ'));
    const w = await a.recordIntent({ orderId: 1042, paymentKey: 'mpesa-ke:QAB1XYZ', kind: 'confirm', transactionId: 'QAB1XYZ', summary: {} });
    // No commit, no close: what another process sees now is what survives a kill -9 here.
    const reader = await open(target, { readOnly: true });
    expect(reader.openIntents().map((x) => x.writeId)).toEqual([w.writeId]);
    expect(reader.getPayment('mpesa-ke:QAB1XYZ')?.state).toBe('matched');
    a.resolveIntent(w.writeId, { status: 'applied' });
    await a.commit();
    const after = await open(target, { readOnly: true });
    expect(after.openIntents()).toEqual([]);
    expect(after.getPayment('mpesa-ke:QAB1XYZ')?.state).toBe('confirmed');
  });

  it('keeps untrusted ids and awkward text exactly (prototype names, NUL, emoji, lone surrogates)', async () => {
    const target = await fresh();
    const a = await open(target);
    const odd = { ...sms('__proto__'), message: 'NUL\u0000 tab\t emoji 💸 lone \ud800 end' };
    expect(a.recordMessage(odd, { parsed: null })).toBe(true);
    expect(a.recordMessage(sms('constructor'), { parsed: null })).toBe(true);
    await a.commit();
    await a.close();
    const b = await open(target, { readOnly: true });
    expect(b.getMessage('__proto__')?.raw.message).toBe(odd.message);
    expect(b.hasMessage('constructor')).toBe(true);
    expect(b.hasMessage('toString')).toBe(false);
    expect(b.undecidedMessages().map((m) => m.messageId).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('lets one writer in at a time (busy, exit 75) while readers always get in', async () => {
    const target = await fresh();
    const a = await open(target, { command: 'smsmatch daemon' });
    await expect(openLedgerAt(target, { command: 'smsmatch assign' })).rejects.toBeInstanceOf(BusyError);
    await expect(openLedgerAt(target, { command: 'smsmatch assign' })).rejects.toThrow(/smsmatch daemon/);
    const reader = await open(target, { readOnly: true });
    expect(reader.readOnly).toBe(true);
    await a.close();
    const b = await open(target, { command: 'smsmatch assign' });
    expect(b.readOnly).toBe(false);
  });

  it('writes nothing when a poll changed nothing', async () => {
    const target = await fresh();
    const a = await open(target);
    a.recordMessage(sms('m1'), { parsed: null });
    a.setCursor('m1');
    expect(await a.commit()).toBe(true);
    const writes = a.stats.writes;
    a.setCursor('m1');
    a.setStatus('x', null);
    a.setStatus('x', null);
    await a.commit();
    const again = a.stats.writes;
    expect(await a.commit()).toBe(false);
    expect(a.stats.writes).toBe(again);
    expect(again - writes).toBeLessThanOrEqual(1);
  });

  it('archives settled payments past retention and still knows their codes, messages and orders', async () => {
    const target = await fresh();
    const clock = fakeClock('2026-01-10T00:00:00.000Z');
    const a = await open(target, { clock: clock.now });
    await confirmPaid(a, 'm1', 'A1', 1001);
    a.recordDecision(decision('m6', 'R1', { decision: 'review', orderId: null }));
    a.recordDecision(decision('m7', 'F1', { orderId: 3000 }));
    await a.recordIntent({ orderId: 3000, paymentKey: 'mpesa-ke:F1', kind: 'confirm', transactionId: 'F1', summary: {} });
    await a.commit();
    clock.advanceDays(31);
    a.recordMessage(sms('m9'), { parsed: parsed('NEW2') });
    await a.commit();
    await a.close();

    const b = await open(target, { clock: clock.now });
    expect(b.getPayment('mpesa-ke:A1')).toBeUndefined();
    expect(b.codeSeen('mpesa-ke:A1')).toBe(true);
    expect(b.hasMessage('m1')).toBe(true);
    expect(b.getPayment('mpesa-ke:R1')?.state).toBe('review');
    expect(b.getPayment('mpesa-ke:F1')?.state).toBe('matched');
    expect(b.history().confirmedOrders.has(1001)).toBe(true);
    expect(b.findPaymentKeys('a1')).toEqual(['mpesa-ke:A1']);
    const archived = await b.findArchivedPayment('mpesa-ke:A1');
    expect(archived?.payment).toMatchObject({ key: 'mpesa-ke:A1', state: 'confirmed', orderId: 1001 });
    expect(archived?.messages.map((m) => m.messageId)).toEqual(['m1']);
  });

  it('lets the daemon reuse what it read while nobody else wrote, and re-read after another writer', async () => {
    const target = await fresh();
    const cache = new LedgerCache();
    const a = await open(target, { cache });
    a.recordMessage(sms('m1'), { parsed: null });
    await a.commit();
    await a.close();
    const b = await open(target, { cache });
    expect(cache.counts.hotReused).toBe(1);
    await b.close();
    const other = await open(target, { command: 'smsmatch assign' });
    other.recordMessage(sms('m2'), { parsed: null });
    await other.commit();
    await other.close();
    const c = await open(target, { cache });
    expect(c.hasMessage('m2')).toBe(true);
    expect(cache.counts.hotReused).toBe(1);
  });

  it('refuses a writer that forgot to close: a second writable open stays busy until the first releases', async () => {
    const target = await fresh();
    const a = await open(target);
    a.recordMessage(sms('m1'), { parsed: null });
    await a.commit();
    await expect(openLedgerAt(target)).rejects.toBeInstanceOf(BusyError);
    await a.close();
    const b = await open(target);
    expect(b.hasMessage('m1')).toBe(true);
  });
});

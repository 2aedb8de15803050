import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { route } from '../../src/sandbox/index.js';
import { faultyText } from '../integration/ledger/helpers.js';
import { postSms, proveExactlyOnce, readLedger, shopPayments, shopWith, shopWrites } from './helpers.js';
import { reconcileOnce } from './inproc.js';
import { countFaultSurvived, writeReportPart } from './report.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});
afterAll(() => {
  writeReportPart('shop-faults');
});

const ledgerPath = (): string => join(mkdtempSync(join(tmpdir(), 'smsmatch-faults-')), 'ledger.json');
const BATCH = route('POST', '/wc/v3/orders/batch');
const NOTES = route('POST', /^\/wc\/v3\/orders\/\d+\/notes$/);

async function scenario(prefix: string): Promise<{ s: Sandbox; ledger: string; pays: ReturnType<typeof shopPayments> }> {
  const now = new Date();
  const s = (sandbox = await shopWith(now));
  const pays = shopPayments(now, prefix);
  expect(await postSms(s, pays.map((p) => p.message))).toEqual([200, 200, 200]);
  return { s, ledger: ledgerPath(), pays };
}

function prove(s: Sandbox, ledger: string, pays: ReturnType<typeof shopPayments>, untouched: number[] = []): void {
  const expected = pays.filter((p) => !untouched.includes(p.orderId));
  const proof = proveExactlyOnce(s, ledger, expected, { messageIds: pays.map((p) => p.message.message_id), cursor: 3, untouched });
  expect(proof.problems).toEqual([]);
  countFaultSurvived();
}

describe('the shop fails mid-batch; the next run settles everything exactly once', () => {
  it.each([
    ['500 after the shop applied the batch', (s: Sandbox) => s.faults.failNext(1, { status: 500, match: BATCH, afterHandling: true })],
    ['timeout after the shop applied the batch', (s: Sandbox) => s.faults.hang(BATCH, { times: 1, afterHandling: true })],
    ['500 before the shop applied anything', (s: Sandbox) => s.faults.failNext(1, { status: 500, match: BATCH })],
    ['timeout before the shop applied anything', (s: Sandbox) => s.faults.hang(BATCH, { times: 1 })],
    ['502 from a proxy on every note', (s: Sandbox) => s.faults.failNext(3, { status: 502, match: NOTES })],
    ['note answered 500 after it was added', (s: Sandbox) => s.faults.failNext(3, { status: 500, match: NOTES, afterHandling: true })],
  ])('%s', async (_name, inject) => {
    const { s, ledger, pays } = await scenario('UF1');
    inject(s);

    const first = await reconcileOnce(s, ledger, { timeoutMs: 400 });
    s.faults.reset();
    const second = await reconcileOnce(s, ledger);
    const third = await reconcileOnce(s, ledger);

    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    expect(third.report?.requests.shop).toBe(0);
    prove(s, ledger, pays);
  });

  it('the shop is down for the whole run (reads fail after retries): SMS kept undecided, paid on the next run', async () => {
    const { s, ledger, pays } = await scenario('UF2');
    s.faults.failNext(20, { status: 503, match: route('GET', '/wc/v3/orders') });

    const first = await reconcileOnce(s, ledger);
    const afterFirst = readLedger(ledger);
    s.faults.reset();
    const second = await reconcileOnce(s, ledger);

    expect((first.error as Error).constructor.name).toBe('UnavailableError');
    expect(Object.keys(afterFirst.messages)).toHaveLength(3);
    expect(Object.keys(afterFirst.writes)).toHaveLength(0);
    expect(second.report?.counts['applied']).toBe(3);
    prove(s, ledger, pays);
  });

  it('a batch where one item fails: the others are paid once, the failed one waits in review and is never retried blindly', async () => {
    const { s, ledger, pays } = await scenario('UF3');
    s.faults.rejectOrderUpdates([502]);

    const first = await reconcileOnce(s, ledger);
    s.faults.reset();
    const second = await reconcileOnce(s, ledger);

    expect(first.report?.exitCode).toBe(1);
    expect(first.report?.applied.find((a) => a.orderId === 502)?.outcome).toBe('rejected');
    expect(second.report?.requests.shop).toBe(0);
    const stored = readLedger(ledger).payments[`mpesa-ke:${pays[1]!.code}`];
    expect(stored?.state).toBe('review');
    expect(stored?.history.at(-1)?.reasons.join(' ')).toMatch(/critical error/);
    prove(s, ledger, pays, [502]);
  });
});

describe('drop-box pages', () => {
  it('a page failing halfway through a multi-page pull: the cursor stops at the last stored SMS, the next run continues', async () => {
    const { s, ledger, pays } = await scenario('UF4');
    s.faults.failNext(10, { status: 500, match: (r) => r.route === '/smsmatch/v1/messages' && r.query['after'] === '1' });

    const first = await reconcileOnce(s, ledger, { pageSize: 1 });
    const afterFirst = readLedger(ledger);
    s.faults.reset();
    await reconcileOnce(s, ledger, { pageSize: 1 });

    expect((first.error as Error).constructor.name).toBe('UnavailableError');
    expect(afterFirst.cursor.messageId).toBe('1');
    expect(Object.keys(afterFirst.messages)).toEqual([pays[0]!.message.message_id]);
    prove(s, ledger, pays);
  });

  it('pages of one with has_more: every page stored once, cursor at the end', async () => {
    const { s, ledger, pays } = await scenario('UF5');

    const first = await reconcileOnce(s, ledger, { pageSize: 1 });

    expect(first.report?.newMessages).toBe(3);
    expect(first.report?.requests.dropbox).toBe(3);
    prove(s, ledger, pays);
  });
});

describe('disk full while writing the ledger, at every write of a run', () => {
  it('ENOSPC on the n-th ledger write for every n: the run stops, the next one pays each payment exactly once', async () => {
    // A clean run first, to count its ledger writes.
    const counted = await scenario('UF6');
    const count = { fail: null as string | null, writes: 0 };
    await reconcileOnce(counted.s, counted.ledger, { textAdapter: (f) => faultyText(f, count) });
    prove(counted.s, counted.ledger, counted.pays);
    await counted.s.close();
    sandbox = undefined;
    expect(count.writes).toBeGreaterThan(4);

    for (let n = 0; n < count.writes; n++) {
      const { s, ledger, pays } = await scenario(`U${String(n).padStart(2, '0')}`);
      const state = { fail: null as string | null, writes: 0 };
      const adapter = (f: string) => {
        const inner = faultyText(f, state);
        return { read: () => inner.read(), write: (t: string) => { if (state.writes >= n) state.fail = 'ENOSPC'; return inner.write(t); } };
      };

      const first = await reconcileOnce(s, ledger, { textAdapter: adapter });
      const shopWritesAfterFirst = shopWrites(s);
      const second = await reconcileOnce(s, ledger);

      expect((first.error as Error | null)?.message ?? 'no error', `write ${n}`).toMatch(/ENOSPC/);
      expect(second.error, `write ${n}`).toBeNull();
      // Nothing reaches the shop before the SMS and the decisions are safely on disk.
      if (n <= 1) expect(shopWritesAfterFirst, `write ${n}`).toBe(0);
      prove(s, ledger, pays);
      await s.close();
      sandbox = undefined;
    }
  });
});

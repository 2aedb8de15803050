import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IoError } from '../../../src/errors.js';
import { openLedger } from '../../../src/adapters/ledger/index.js';
import { decision, faultyText, parsed, sms, tempDir } from './helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});

describe('ledger write failures', () => {
  it.each(['ENOSPC', 'EACCES'])('%s on commit: IoError naming the file, previous file intact, memory kept', async (code) => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const fault = { fail: null as string | null, writes: 0 };
    const a = await openLedger(t.file, { textAdapter: (f) => faultyText(f, fault) });
    a.recordMessage(sms('m1'), { parsed: parsed('QAB1XYZ') });
    await a.commit();
    const before = await readFile(t.file, 'utf8');
    a.recordDecision(decision('m1', 'QAB1XYZ'));
    fault.fail = code;

    const error = (await a.commit().catch((e: unknown) => e)) as IoError;
    const afterFailure = await readFile(t.file, 'utf8');
    const keptInMemory = a.getPayment('mpesa-ke:QAB1XYZ')?.state;
    fault.fail = null;
    const retried = await a.commit();
    await a.close();

    expect(error).toBeInstanceOf(IoError);
    expect(error.exitCode).toBe(74);
    expect(error.message).toBe(`cannot write ledger ${t.file}: ${code} ${code}: simulated`);
    expect(error.hint).toMatch(code === 'ENOSPC' ? /free some disk space/ : /owner and mode/);
    expect(afterFailure).toBe(before);
    expect(keptInMemory).toBe('matched');
    expect(retried).toBe(true);
    const b = await openLedger(t.file, { readOnly: true });
    expect(b.getPayment('mpesa-ke:QAB1XYZ')?.state).toBe('matched');
  });

  it('an intent that could not be flushed is not left behind as open', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const fault = { fail: 'ENOSPC' as string | null, writes: 0 };
    const a = await openLedger(t.file, { textAdapter: (f) => faultyText(f, fault) });
    a.recordDecision(decision('m1', 'QAB1XYZ'));

    const error = await a.recordIntent({ orderId: 1042, paymentKey: 'mpesa-ke:QAB1XYZ', kind: 'confirm', transactionId: 'QAB1XYZ', summary: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IoError);
    expect(a.openIntents()).toEqual([]);
    await a.close();
  });

  it.skipIf(process.getuid?.() === 0)('a read-only directory gives IoError and keeps the file', async () => {
    const t = await tempDir();
    cleanup = async () => {
      await chmod(t.dir, 0o700);
      await t.cleanup();
    };
    const a = await openLedger(t.file);
    a.recordMessage(sms('m1'), { parsed: null });
    await a.commit();
    const before = await readFile(t.file, 'utf8');
    a.recordMessage(sms('m2'), { parsed: null });
    await chmod(t.dir, 0o500);

    const error = await a.commit().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IoError);
    expect(await readFile(t.file, 'utf8')).toBe(before);
    await chmod(t.dir, 0o700);
    await a.close();
  });
});

describe('ledger permission warnings', () => {
  it('warns when the file or its directory is open to group/other', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const a = await openLedger(t.file);
    await a.commit();
    await a.close();
    await chmod(t.file, 0o644);
    await chmod(t.dir, 0o755);

    const b = await openLedger(t.file, { readOnly: true });

    expect(b.warnings).toEqual([
      `ledger file ${t.file} is accessible by group/other (mode 644); run: chmod 600 ${t.file}`,
      `ledger directory ${t.dir} is accessible by group/other (mode 755); run: chmod 700 ${t.dir}`,
    ]);
  });

  it('creates a new directory 0700 and the file 0600, so nothing to warn about', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'state', 'ledger.json');

    const a = await openLedger(file);
    await a.commit();
    await a.close();
    const b = await openLedger(file, { readOnly: true });

    expect(b.warnings).toEqual([]);
  });

  it('a loose temp file left by an earlier crash does not loosen the new ledger file', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    await mkdir(t.dir, { recursive: true });
    await writeFile(join(t.dir, '.ledger.json.tmp'), 'junk', { mode: 0o666 });
    await chmod(join(t.dir, '.ledger.json.tmp'), 0o666);

    const a = await openLedger(t.file);
    await a.commit();
    await a.close();

    const b = await openLedger(t.file, { readOnly: true });
    expect(b.warnings).toEqual([]);
  });
});

import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/errors.js';
import { emptyLedgerData, lockPathFor, migrateLedgerData, openLedger } from '../../../src/adapters/ledger/index.js';
import { decision, tempDir } from './helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});

async function refused(content: string): Promise<{ error: DataError; unchanged: boolean; lockLeft: boolean }> {
  const t = await tempDir();
  cleanup = t.cleanup;
  await writeFile(t.file, content);
  const error = (await openLedger(t.file).catch((e: unknown) => e)) as DataError;
  const unchanged = (await readFile(t.file, 'utf8')) === content;
  const lockLeft = await stat(lockPathFor(t.file)).then(() => true, () => false);
  return { error, unchanged, lockLeft };
}

describe('ledger refusals', () => {
  it('refuses a corrupt file, leaves it byte-identical and releases the lock', async () => {
    const { error, unchanged, lockLeft } = await refused('{"schemaVersion":1,"messages":{');

    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/^ledger \S+ledger\.json is corrupt \(not valid JSON: .*\)$/);
    expect(error.hint).toContain('left untouched');
    expect([unchanged, lockLeft]).toEqual([true, false]);
  });

  it('refuses a newer schema with a hint to upgrade', async () => {
    const content = JSON.stringify({ schemaVersion: 2, payments: {} });

    const { error, unchanged } = await refused(content);

    expect(error.message).toContain('has schemaVersion 2, newer than this smsmatch understands (1)');
    expect(error.hint).toContain('upgrade smsmatch');
    expect(unchanged).toBe(true);
  });

  it.each([
    ['[]', 'is not a JSON object'],
    ['{"payments":{}}', 'has no valid schemaVersion'],
    ['{"schemaVersion":1,"payments":{}}', 'is malformed at createdAt'],
    [JSON.stringify({ ...emptyLedgerData('2026-01-01T00:00:00.000Z'), payments: { k: { key: 'k', state: 'review' } } }), 'is malformed at payments.k.messageId'],
  ])('refuses %s', async (content, message) => {
    const { error, unchanged } = await refused(content);

    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toContain(message);
    expect(unchanged).toBe(true);
  });

  it('refuses an older schema it has no migration for', async () => {
    const { error, unchanged } = await refused('{"schemaVersion":0}');

    expect(error.message).toContain('no migration from v0');
    expect(unchanged).toBe(true);
  });
});

// A synthetic v0: payments were a list and there was no cursor object.
const v0 = {
  schemaVersion: 0, createdAt: '2025-01-01T00:00:00.000Z', messages: {}, writes: {}, lastMessageId: 'm9',
  payments: [{ key: 'mpesa-ke:OLD1', state: 'confirmed', messageId: 'm9', messageIds: ['m9'], updatedAt: '2025-01-01T00:00:00.000Z', history: [] }],
};
function v0toV1(d: Record<string, unknown>): Record<string, unknown> {
  const { lastMessageId, payments, ...rest } = d;
  const list = payments as { key: string }[];
  return {
    ...rest, runs: [], alerts: {}, status: {}, lastCompactedAt: null,
    cursor: { messageId: lastMessageId ?? null, updatedAt: null },
    payments: Object.fromEntries(list.map((p) => [p.key, p])),
  };
}

describe('ledger migrations', () => {
  it('runs pure steps from the file version up to the current one', () => {
    const input = structuredClone(v0);

    const { data, migratedFrom } = migrateLedgerData('ledger.json', input, { 0: v0toV1 });

    expect(migratedFrom).toBe(0);
    expect(data.schemaVersion).toBe(1);
    expect(data.cursor.messageId).toBe('m9');
    expect(Object.keys(data.payments)).toEqual(['mpesa-ke:OLD1']);
    expect(input).toEqual(v0);
  });

  it('migrates a file on open, keeps a backup of the old one, and writes v1 on commit', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    await writeFile(t.file, JSON.stringify(v0));

    const ledger = await openLedger(t.file, { migrations: { 0: v0toV1 }, clock: () => new Date('2025-01-02T00:00:00Z') });
    ledger.recordDecision(decision('m10', 'NEW1'));
    await ledger.commit();
    await ledger.close();

    expect(JSON.parse(await readFile(`${t.file}.v0.bak`, 'utf8'))).toEqual(v0);
    const stored = JSON.parse(await readFile(t.file, 'utf8'));
    expect(stored.schemaVersion).toBe(1);
    expect(Object.keys(stored.payments).sort()).toEqual(['mpesa-ke:NEW1', 'mpesa-ke:OLD1']);
  });

  it('a read-only open migrates in memory only', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    await writeFile(t.file, JSON.stringify(v0));

    const ledger = await openLedger(t.file, { readOnly: true, migrations: { 0: v0toV1 } });

    expect(ledger.codeSeen('mpesa-ke:OLD1')).toBe(true);
    expect(JSON.parse(await readFile(t.file, 'utf8'))).toEqual(v0);
    await expect(stat(`${t.file}.v0.bak`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

import { NEW_LEDGER } from './new-ledger-hint.js';
import { z } from 'zod';
import { DataError } from '../../errors.js';
import { LEDGER_SCHEMA_VERSION, type LedgerData } from './types.js';

/** One step: data at version `n` → data at version `n + 1`. Pure; never touches the file. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** Keyed by the version a step starts from. Only v1 exists so far, so there is nothing to migrate. */
export const LEDGER_MIGRATIONS: Readonly<Record<number, Migration>> = {};

// Top level only: the records are checked by hand below, because zod over a few thousand records costs more
// than reading the file.
const ledgerV1 = z.looseObject({
  schemaVersion: z.literal(LEDGER_SCHEMA_VERSION),
  createdAt: z.string(),
  messages: z.record(z.string(), z.unknown()),
  payments: z.record(z.string(), z.unknown()),
  writes: z.record(z.string(), z.unknown()),
  cursor: z.looseObject({ messageId: z.string().nullable() }),
  runs: z.array(z.unknown()),
  alerts: z.record(z.string(), z.unknown()),
  status: z.record(z.string(), z.unknown()),
  lastCompactedAt: z.string().nullable(),
});

const RECORD_FIELDS: Record<'messages' | 'payments' | 'writes', [string, 'string' | 'number' | 'array'][]> = {
  messages: [['messageId', 'string'], ['storedAt', 'string']],
  payments: [['key', 'string'], ['state', 'string'], ['messageId', 'string'], ['messageIds', 'array'], ['updatedAt', 'string'], ['history', 'array']],
  writes: [['writeId', 'string'], ['orderId', 'number'], ['paymentKey', 'string']],
};

/** The first record field that is missing or of the wrong type, as a dot path. */
function badRecordField(data: Record<string, unknown>): string | null {
  for (const [section, fields] of Object.entries(RECORD_FIELDS)) {
    for (const [id, record] of Object.entries(data[section] as Record<string, unknown>)) {
      if (typeof record !== 'object' || record === null) return `${section}.${id}`;
      for (const [name, type] of fields) {
        const v = (record as Record<string, unknown>)[name];
        if (type === 'array' ? !Array.isArray(v) : typeof v !== type) return `${section}.${id}.${name}`;
      }
    }
  }
  return null;
}

function versionOf(file: string, data: unknown): number {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DataError(`ledger ${file} is not a JSON object`, { hint: `restore it from a backup or move it aside: ${NEW_LEDGER}` });
  }
  const version = (data as Record<string, unknown>)['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new DataError(`ledger ${file} has no valid schemaVersion`, { hint: `restore it from a backup or move it aside: ${NEW_LEDGER}` });
  }
  return version;
}

/**
 * Brings parsed ledger JSON up to the current schema, or refuses it with a one-line DataError naming the file.
 * Returns whether a migration ran (the caller then writes the new shape on its next commit).
 */
export function migrateLedgerData(
  file: string,
  data: unknown,
  migrations: Readonly<Record<number, Migration>> = LEDGER_MIGRATIONS,
  target: number = LEDGER_SCHEMA_VERSION,
): { data: LedgerData; migratedFrom: number | null } {
  const from = versionOf(file, data);
  if (from > target) {
    throw new DataError(`ledger ${file} has schemaVersion ${from}, newer than this smsmatch understands (${target})`, {
      hint: 'upgrade smsmatch; the file was left untouched',
    });
  }
  let current = data as Record<string, unknown>;
  for (let v = from; v < target; v += 1) {
    const step = migrations[v];
    if (!step) {
      throw new DataError(`ledger ${file} has schemaVersion ${from} and there is no migration from v${v}`, {
        hint: 'open it with the smsmatch version that wrote it, or restore a backup',
      });
    }
    current = { ...step(current), schemaVersion: v + 1 };
  }
  const parsed = ledgerV1.safeParse(current);
  const issue = parsed.success ? null : parsed.error.issues[0];
  const where = parsed.success ? badRecordField(current) : issue?.path.join('.') || '(root)';
  if (where !== null) {
    throw new DataError(`ledger ${file} is malformed at ${where}: ${issue?.message ?? 'missing or wrong type'}`, {
      hint: `restore it from a backup or move it aside: ${NEW_LEDGER}; it was left untouched`,
    });
  }
  return { data: current as unknown as LedgerData, migratedFrom: from === target ? null : from };
}

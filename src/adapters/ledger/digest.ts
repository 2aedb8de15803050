import { createHash } from 'node:crypto';
import type { ArchiveLine } from './archive.js';
import { metaOf } from './postgres/rows.js';
import type { LedgerData } from './types.js';

/**
 * A ledger's content as counts plus a canonical hash per part, computed the same way from a lowdb ledger and
 * from PostgreSQL rows, so `ledger migrate` can prove that what it re-reads is what it read. Each stored text
 * is reduced to its own SHA-256 (PostgreSQL computes it next to the data, so 100,000 archive lines are not
 * shipped back), rows are sorted by key in JavaScript (a database collation could order them differently), and
 * every field is framed by its length, so no key or text can run into the next.
 */
export const DIGEST_PARTS = ['messages', 'payments', 'writes', 'archive', 'meta'] as const;
export type DigestPart = (typeof DIGEST_PARTS)[number];
export interface PartDigest {
  rows: number;
  sha256: string;
}
export type LedgerDigest = Record<DigestPart, PartDigest>;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Rows as `[key, ...fields]`; the order they come in does not matter. */
export function digestRows(rows: string[][]): PartDigest {
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const hash = createHash('sha256');
  for (const row of rows) for (const field of row) hash.update(`${field.length}:${field};`);
  return { rows: rows.length, sha256: hash.digest('hex') };
}

/** The fields PostgreSQL keeps beside an archive line (its index), as `insertArchive` derives them. */
export function archiveIndexFields(line: ArchiveLine): [key: string, createdAt: string, month: string, state: string, orderId: number | null, messageIds: string[], archivedAt: string] {
  const p = line.payment;
  return [p.key, p.createdAt, line.month, p.state, p.orderId, [p.messageId, ...p.messageIds.filter((id) => id !== p.messageId)], line.archivedAt];
}

/** One archive row: its identity, its index columns and the hash of its line. */
export function archiveRow(fields: ReturnType<typeof archiveIndexFields>, lineSha256: string): string[] {
  return [`${fields[0]}\u0000${fields[1]}`, JSON.stringify(fields.slice(2)), lineSha256];
}

/** A lowdb ledger's digest: each record and the meta as the PostgreSQL store serialises them, each archive line as read. */
export function sourceDigest(data: LedgerData, archive: ReadonlyArray<{ line: ArchiveLine; text: string }>): LedgerDigest {
  const part = (records: Record<string, unknown>): PartDigest => digestRows(Object.entries(records).map(([k, v]) => [k, sha256Hex(JSON.stringify(v))]));
  return {
    messages: part(data.messages), payments: part(data.payments), writes: part(data.writes),
    archive: digestRows(archive.map((a) => archiveRow(archiveIndexFields(a.line), sha256Hex(a.text)))),
    meta: digestRows([['meta', sha256Hex(JSON.stringify(metaOf(data)))]]),
  };
}

/** The parts whose count or hash differ, as `payments: 3000 row(s) but their content differs (…)`. */
export function digestDifferences(expected: LedgerDigest, actual: LedgerDigest): string[] {
  return DIGEST_PARTS.flatMap((part) => {
    const e = expected[part];
    const a = actual[part];
    if (e.rows !== a.rows) return [`${part}: ${a.rows} row(s) instead of ${e.rows}`];
    return e.sha256 === a.sha256 ? [] : [`${part}: ${a.rows} row(s) but their content differs (sha256 ${a.sha256.slice(0, 12)} instead of ${e.sha256.slice(0, 12)})`];
  });
}

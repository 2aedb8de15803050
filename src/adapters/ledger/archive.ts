import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { decisionForState } from './payments.js';
import type { DecisionKind, OrderWrite, PaymentState, StoredMessage, StoredPayment } from './types.js';

/**
 * Monthly JSON Lines archives plus a compact append-only index of every archived payment key. Archives are
 * appended (and fsynced) before the hot file drops the payments, so a crash in between only duplicates
 * lines; every reader here tolerates that.
 */
export interface ArchiveLine {
  v: 1;
  archivedAt: string;
  month: string;
  payment: StoredPayment;
  messages: StoredMessage[];
  writes: OrderWrite[];
}

export interface IndexEntry {
  key: string;
  state: PaymentState;
  orderId: number | null;
  month: string;
  messageId: string;
  messageIds: string[];
  /** How the matching engine sees this code (derived from `state` when loaded). */
  decision: DecisionKind;
}

export interface ArchiveIndex {
  codes: Map<string, IndexEntry>;
  messageIds: Set<string>;
  confirmedOrders: Set<number>;
}

export const INDEX_FILE = 'codes.txt';

export function archiveDir(ledgerPath: string): string {
  return join(dirname(ledgerPath), 'archive');
}

function esc(s: string): string {
  return s.replace(/[%\t,\n]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function unesc(s: string): string {
  return s.includes('%') ? decodeURIComponent(s) : s;
}

export function indexLine(e: IndexEntry): string {
  const ids = [e.messageId, ...e.messageIds.filter((id) => id !== e.messageId)].map(esc).join(',');
  return `${esc(e.key)}\t${e.state}\t${e.orderId ?? ''}\t${e.month}\t${ids}\n`;
}

export function addEntry(index: ArchiveIndex, e: IndexEntry): void {
  index.codes.set(e.key, e);
  for (const id of e.messageIds) index.messageIds.add(id);
  if (e.orderId !== null && (e.state === 'confirmed' || e.state === 'assigned-manually')) index.confirmedOrders.add(e.orderId);
}

/** Reads the index once at open; a torn last line (crash mid-append) is skipped. */
export async function loadArchiveIndex(dir: string): Promise<ArchiveIndex> {
  const index: ArchiveIndex = { codes: new Map(), messageIds: new Set(), confirmedOrders: new Set() };
  const text = await readFile(join(dir, INDEX_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f.length !== 5) continue;
    const ids = f[4]!.split(',').map(unesc);
    const orderId = f[2] === '' ? null : Number(f[2]);
    const state = f[1] as PaymentState;
    addEntry(index, { key: unesc(f[0]!), state, orderId, month: f[3]!, messageId: ids[0] ?? '', messageIds: ids, decision: decisionForState(state) });
  }
  return index;
}

async function appendSynced(file: string, text: string): Promise<void> {
  const handle = await open(file, 'a+', 0o600);
  try {
    // A crash mid-append can leave the last line unterminated: start on a line of our own, or this append
    // would be glued onto that fragment and become unreadable with it.
    const { size } = await handle.stat();
    let lead = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) lead = '\n';
    }
    await handle.appendFile(lead + text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Appends lines to their month files, then their keys to the index, and updates the in-memory index. */
export async function appendArchive(dir: string, lines: ArchiveLine[], index: ArchiveIndex): Promise<void> {
  if (lines.length === 0) return;
  // Serialise before the first await: the archive holds the payments exactly as they were selected.
  const byMonth = new Map<string, string[]>();
  for (const line of lines) {
    const list = byMonth.get(line.month) ?? [];
    list.push(JSON.stringify(line));
    byMonth.set(line.month, list);
  }
  const entries = lines.map((l): IndexEntry => ({
    key: l.payment.key, state: l.payment.state, orderId: l.payment.orderId, month: l.month,
    messageId: l.payment.messageId, messageIds: [...l.payment.messageIds], decision: decisionForState(l.payment.state),
  }));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [month, list] of byMonth) await appendSynced(join(dir, `${month}.jsonl`), `${list.join('\n')}\n`);
  await appendSynced(join(dir, INDEX_FILE), entries.map(indexLine).join(''));
  for (const e of entries) addEntry(index, e);
}

export async function listArchiveMonths(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /^\d{4}-\d{2}\.jsonl$/.test(n)).map((n) => n.slice(0, 7)).sort();
}

/**
 * One month's archived payments, each once: lines repeated by a crash between archive and hot-file write are
 * merged (the last copy wins), and a torn last line is skipped.
 */
export async function readArchiveMonth(dir: string, month: string): Promise<ArchiveLine[]> {
  const text = await readFile(join(dir, `${month}.jsonl`), 'utf8').catch(() => '');
  const seen = new Map<string, ArchiveLine>();
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const line = parseArchiveRow(raw)?.line;
    if (!line) continue;
    // A key can be archived twice legitimately (a late duplicate of an archived code): createdAt tells them apart.
    const id = `${line.payment.key}\u0000${line.payment.createdAt}`;
    seen.delete(id);
    seen.set(id, line);
  }
  return [...seen.values()];
}

/**
 * One row of a month file: a whole archived payment, or (null) nothing usable. A row that is an append cut short
 * by a crash with the next append glued onto it (files written before appends began on a line of their own)
 * gives back that next, whole line; `torn` says the row was not clean.
 */
export function parseArchiveRow(row: string): { line: ArchiveLine; text: string; torn: boolean } | null {
  const whole = parseArchiveJson(row);
  if (whole) return { line: whole, text: row, torn: false };
  const glued = row.lastIndexOf('{"v":1,');
  if (glued <= 0) return null;
  const text = row.slice(glued);
  const line = parseArchiveJson(text);
  return line ? { line, text, torn: true } : null;
}

function parseArchiveJson(text: string): ArchiveLine | null {
  try {
    const line = JSON.parse(text) as Partial<ArchiveLine> | null;
    const p = line?.payment;
    if (typeof line?.month !== 'string' || typeof line.archivedAt !== 'string' || typeof p?.key !== 'string' || typeof p.createdAt !== 'string') return null;
    if (!Array.isArray(p.messageIds) || !Array.isArray(line.messages) || !Array.isArray(line.writes)) return null;
    return line as ArchiveLine;
  } catch {
    return null;
  }
}

/** The latest archived copy of one payment, found through the index's month. */
export async function findArchived(dir: string, index: ArchiveIndex, key: string): Promise<ArchiveLine | null> {
  const entry = index.codes.get(key);
  if (!entry) return null;
  const lines = await readArchiveMonth(dir, entry.month);
  return lines.filter((l) => l.payment.key === key).at(-1) ?? null;
}

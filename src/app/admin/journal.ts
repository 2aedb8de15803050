import type { Ledger } from '../../adapters/ledger/index.js';

/**
 * The ledger's memory of admin actions, so that a crash (kill -9) between carrying one out and reporting it
 * neither repeats it nor loses it: `started` is on disk before the first write, the outcome right after.
 * Kept as one JSON status value (an additive change any ledger implementation stores), the newest 500 only.
 */
const KEY = 'adminActions';
const KEEP = 500;

export interface JournalEntry {
  id: number;
  phase: 'started' | 'done' | 'failed';
  detail: string;
  at: string;
}

export function readJournal(ledger: Ledger): Map<number, JournalEntry> {
  const raw = ledger.getStatus(KEY);
  if (typeof raw !== 'string') return new Map();
  try {
    const list = JSON.parse(raw) as JournalEntry[];
    return new Map(Array.isArray(list) ? list.filter((e) => Number.isInteger(e?.id)).map((e) => [e.id, e]) : []);
  } catch {
    return new Map();
  }
}

export function writeJournal(ledger: Ledger, entry: JournalEntry): void {
  const all = readJournal(ledger);
  all.delete(entry.id);
  all.set(entry.id, entry);
  ledger.setStatus(KEY, JSON.stringify([...all.values()].slice(-KEEP)));
}

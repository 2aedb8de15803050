import type { LearnOutcome, Reading } from '../../core/learn/types.js';

type Learnt = Extract<LearnOutcome, { ok: true }>;

const COLUMNS: Array<[string, (r: Reading) => string | null]> = [
  ['#', (r) => String(r.sample)],
  ['code', (r) => r.code],
  ['amount', (r) => (r.amount === null ? null : `${r.currency ?? ''} ${r.amount}`.trim())],
  ['payer', (r) => r.name],
  ['phone', (r) => r.phone],
  ['account', (r) => r.account],
  ['balance', (r) => r.balance],
  ['time', (r) => r.occurredAt],
];

/** The table a person checks at a glance: one row per sample, what the learnt provider reads from it. */
export function readingsTable(readings: readonly Reading[]): string[] {
  const rows = readings.map((r) => COLUMNS.map(([, get]) => get(r) ?? '-'));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(COLUMNS.map(([title]) => title)), ...rows.map(line)];
}

export function describeLearnt(learnt: Learnt): string[] {
  const out: string[] = [];
  out.push('provider definition (config "providers" entry):');
  out.push(...JSON.stringify(learnt.provider, null, 2).split('\n').map((l) => `  ${l}`));
  out.push('');
  out.push('what it reads from each sample:');
  out.push(...readingsTable(learnt.readings).map((l) => `  ${l}`));
  const unread = learnt.readings.filter((r) => r.amount === null).map((r) => r.sample);
  if (unread.length > 0) out.push(`  (sample${unread.length > 1 ? 's' : ''} ${unread.join(', ')} left out: not read)`);
  out.push('');
  out.push(`fixed wording it insists on: ${learnt.fixedWording.join(' ')}`);
  out.push('what it guarantees about non-payments:');
  out.push(...learnt.guarantees.map((g) => `  - ${g}`));
  for (const text of learnt.lookAlikes.accepted.slice(0, 5)) out.push(`  ! read as a payment: ${text}`);
  return out;
}

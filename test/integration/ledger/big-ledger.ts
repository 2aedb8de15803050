import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveDir, INDEX_FILE, indexLine } from '../../../src/adapters/ledger/archive.js';
import { LedgerFile } from '../../../src/adapters/ledger/hot-file.js';
import { openLedger, type LedgerData, type OrderWrite, type StoredMessage, type StoredPayment } from '../../../src/adapters/ledger/index.js';
import { decision, parsed, sms } from './helpers.js';

const CODE = 'QTPL0CODE1';
const MSG = 'msg-template-1';

/**
 * A lowdb ledger of `payments` confirmed payments, `hot` of them in the hot file and the rest in monthly
 * archives, in the real on-disk format: one payment is recorded through the real Ledger (message, decision,
 * intent, applied outcome), and its three records are cloned with fresh ids into the hot file (written by the
 * real hot-file writer) and into archive lines exactly as `appendArchive` writes them (JSON Lines per month plus
 * the code index). 100,000 payments take seconds instead of 100,000 commits.
 */
export async function buildLedger(file: string, payments: number, hot: number): Promise<LedgerData> {
  const template = await templateRecords(file);
  const texts = { message: JSON.stringify(template.message), payment: JSON.stringify(template.payment), write: JSON.stringify(template.write) };
  const data: LedgerData = { ...template.data, messages: {}, payments: {}, writes: {} };
  const months = new Map<string, string[]>();
  const index: string[] = [];
  for (let i = 0; i < payments; i += 1) {
    const clone = (text: string): string => text.replaceAll(CODE, code(i)).replaceAll(MSG, `m-${i}`).replaceAll(template.writeId, `w-${i}`);
    const [message, payment, write] = [clone(texts.message), clone(texts.payment), clone(texts.write)];
    if (i >= payments - hot) {
      data.messages[`m-${i}`] = JSON.parse(message) as StoredMessage;
      data.payments[`mpesa-ke:${code(i)}`] = JSON.parse(payment) as StoredPayment;
      data.writes[`w-${i}`] = JSON.parse(write) as OrderWrite;
      continue;
    }
    // Spread over three years of monthly archives, as a long-lived shop's would be.
    const month = `${2023 + Math.floor((i % 36) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const lines = months.get(month) ?? [];
    lines.push(`{"v":1,"archivedAt":"${month}-28T00:00:00.000Z","month":"${month}","payment":${payment},"messages":[${message}],"writes":[${write}]}\n`);
    months.set(month, lines);
    index.push(indexLine({ key: `mpesa-ke:${code(i)}`, state: 'confirmed', orderId: 1042, month, messageId: `m-${i}`, messageIds: [`m-${i}`], decision: 'confirm' }));
  }
  const dir = archiveDir(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [month, lines] of months) await writeFile(join(dir, `${month}.jsonl`), lines.join(''), { mode: 0o600 });
  await writeFile(join(dir, INDEX_FILE), index.join(''), { mode: 0o600 });
  await new LedgerFile(file).write(data);
  return data;
}

export function code(i: number): string {
  return `Q${i.toString(36).toUpperCase().padStart(9, '0')}`;
}

async function templateRecords(file: string): Promise<{ data: LedgerData; message: StoredMessage; payment: StoredPayment; write: OrderWrite; writeId: string }> {
  const ledger = await openLedger(file, { clock: () => new Date('2026-03-01T08:00:00.000Z'), command: 'test' });
  ledger.recordMessage(sms(MSG, `${CODE} Confirmed. Ksh1,500.00 received from JANE DOE 0712345678`), { parsed: parsed(CODE) });
  const p = ledger.recordDecision(decision(MSG, CODE));
  const w = await ledger.recordIntent({ orderId: 1042, paymentKey: p.key, kind: 'confirm', transactionId: CODE, summary: { status: 'processing' } });
  ledger.resolveIntent(w.writeId, { status: 'applied' });
  ledger.recordRun({ runId: 'r-1', command: 'reconcile', startedAt: '2026-03-01T08:00:00.000Z', endedAt: '2026-03-01T08:00:01.000Z', outcome: 'ok', counts: { confirmed: 1 }, errors: [] });
  await ledger.commit();
  await ledger.close();
  const data = JSON.parse(await readFile(file, 'utf8')) as LedgerData;
  return { data, message: data.messages[MSG]!, payment: Object.values(data.payments)[0]!, write: data.writes[w.writeId]!, writeId: w.writeId };
}

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArchiveLine, LedgerData } from '../../src/adapters/ledger/index.js';
import { main } from '../../src/main.js';
import type { Sandbox, SandboxOrderSeed } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { mpesaTime, sms } from '../e2e/helpers.js';
import { captureIo } from '../helpers/io.js';
import { countProof } from './report.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Payment {
  code: string;
  orderId: number;
  message: ReturnType<typeof sms>;
}

const ago = (now: Date, min: number): string => new Date(now.getTime() - min * 60_000).toISOString();

/** Three open orders; each gets one sure payment (billing phone and exact amount). */
export function shopOrders(now: Date): SandboxOrderSeed[] {
  return [
    { id: 501, status: 'on-hold', total: 1500, createdAt: ago(now, 60), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' } },
    { id: 502, status: 'pending', total: 2300, createdAt: ago(now, 50), billing: { first_name: 'Otieno', last_name: 'Ouma', phone: '+254722000111', email: 'otieno@example.com' } },
    { id: 503, status: 'on-hold', total: 700, createdAt: ago(now, 40), billing: { first_name: 'Amina', last_name: 'Ali', phone: '0733000222', email: 'amina@example.com' } },
  ];
}

/** An M-PESA receipt exactly as Safaricom words it. */
export function receipt(code: string, amount: string, payer: string, phone: string, at: Date, balance = '9,500.00'): string {
  return `${code} Confirmed.You have received Ksh${amount} from ${payer} ${phone} on ${mpesaTime(at)} New M-PESA balance is Ksh${balance}.`;
}

/** The three sure payments for shopOrders, codes prefixed so scenarios never share one by accident. */
export function shopPayments(now: Date, prefix = 'UK1'): Payment[] {
  const at = (min: number): Date => new Date(now.getTime() - min * 60_000);
  const p = (code: string, orderId: number, text: string): Payment => ({ code, orderId, message: sms(text, 'MPESA', at(1).getTime()) });
  return [
    p(`${prefix}AB2CD3E`, 501, receipt(`${prefix}AB2CD3E`, '1,500.00', 'JANE WANJIRU', '0712345678', at(5))),
    p(`${prefix}AB2CD3F`, 502, receipt(`${prefix}AB2CD3F`, '2,300.00', 'OTIENO OUMA', '0722000111', at(4), '11,800.00')),
    p(`${prefix}AB2CD3G`, 503, receipt(`${prefix}AB2CD3G`, '700.00', 'AMINA ALI', '0733000222', at(3), '12,500.00')),
  ];
}

export async function shopWith(now = new Date()): Promise<Sandbox> {
  return startSandbox({ orders: shopOrders(now) });
}

/** Posts SMS to the sandbox's SMSsync endpoint as the phone would (form body with the secret). */
export async function postSms(s: Sandbox, messages: Array<Record<string, string>>, secret = s.smssyncSecret): Promise<number[]> {
  const statuses: number[] = [];
  for (const m of messages) {
    const res = await fetch(s.smssyncUrl, { method: 'POST', body: new URLSearchParams({ secret, ...m }) });
    await res.text();
    statuses.push(res.status);
  }
  return statuses;
}

/** The CLI in-process; env has no HOME so nothing outside the workspace is read. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent', ...env } });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The built CLI as a child process (crash injection needs a process to kill). */
export function spawnCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'smsmatch.js'), ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', TZ: 'UTC', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** The hot file with the monthly archives folded in (an archived confirmation outranks a later hot duplicate). */
export function readLedger(path: string): LedgerData {
  const data = JSON.parse(readFileSync(path, 'utf8')) as LedgerData;
  const dir = join(dirname(path), 'archive');
  const months = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.jsonl')) : [];
  for (const month of months) {
    for (const text of readFileSync(join(dir, month), 'utf8').split('\n').filter(Boolean)) {
      const line = JSON.parse(text) as ArchiveLine;
      const hot = data.payments[line.payment.key];
      if (!hot || hot.state === 'duplicate') data.payments[line.payment.key] = line.payment;
      for (const m of line.messages) data.messages[m.messageId] ??= m;
      for (const w of line.writes) data.writes[w.writeId] ??= w;
    }
  }
  return data;
}

export interface Proof {
  lost: number;
  twice: number;
  problems: string[];
}

export interface ProveOptions {
  /** Every SMS the phone delivered (message ids): each must be in the ledger. */
  messageIds: string[];
  /** The drop-box id the ledger cursor must have reached. */
  cursor?: number;
  /** Orders that must not have been paid or touched. */
  untouched?: number[];
}

/**
 * The exactly-once proof, from the shop's state and the ledger file alone: each expected payment sits on its
 * order once (transaction id, one paid transition, one paid email, one smsmatch note), the ledger holds every
 * SMS, shows the payment confirmed for that order and has no open intent; nothing else was paid.
 */
export function proveExactlyOnce(s: Sandbox, ledgerPath: string | LedgerData, expected: Array<{ code: string; orderId: number }>, opts: ProveOptions): Proof {
  const proof: Proof = { lost: 0, twice: 0, problems: [] };
  // A lowdb ledger file, or the data of another store (the PostgreSQL ledger, read by the caller).
  const ledger = typeof ledgerPath === 'string' ? readLedger(ledgerPath) : ledgerPath;
  const fail = (kind: 'lost' | 'twice' | null, text: string): void => {
    if (kind) proof[kind]++;
    proof.problems.push(text);
  };
  for (const { code, orderId } of expected) {
    const order = s.state.order(orderId);
    const paidEmails = s.state.emails.filter((e) => e.orderId === orderId && /^customer_(processing|completed)_order$/.test(e.template)).length;
    const transitions = s.state.notes(orderId).filter((n) => /^Order status changed from .* to (Processing|Completed)\.$/.test(n.note)).length;
    const notes = s.state.notes(orderId).filter((n) => n.note.startsWith(`smsmatch: payment ${code} `)).length;
    const stored = ledger.payments[`mpesa-ke:${code}`];
    if (order?.transaction_id !== code || !['processing', 'completed'].includes(order.status)) fail('lost', `order ${orderId} does not carry ${code} (status ${order?.status}, transaction ${order?.transaction_id})`);
    else if (paidEmails > 1 || transitions > 1) fail('twice', `order ${orderId} was paid ${Math.max(paidEmails, transitions)} times`);
    else if (paidEmails !== 1 || transitions !== 1) fail(null, `order ${orderId}: ${paidEmails} paid emails, ${transitions} paid transitions`);
    if (notes !== 1) fail(null, `order ${orderId} has ${notes} smsmatch notes for ${code}`);
    if (stored?.state !== 'confirmed' || stored.orderId !== orderId) fail(null, `ledger shows ${code} as ${stored?.state} for order ${stored?.orderId}`);
  }
  const expectedOrders = new Set(expected.map((e) => e.orderId));
  for (const p of Object.values(ledger.payments)) {
    if (p.state === 'confirmed' && (p.orderId === null || !expectedOrders.has(p.orderId))) fail('twice', `ledger confirmed ${p.key} for unexpected order ${p.orderId}`);
  }
  const perOrder = new Map<number, number>();
  for (const p of Object.values(ledger.payments)) if (p.state === 'confirmed' && p.orderId !== null) perOrder.set(p.orderId, (perOrder.get(p.orderId) ?? 0) + 1);
  for (const [orderId, n] of perOrder) if (n > 1) fail('twice', `ledger confirmed ${n} payments for order ${orderId}`);
  for (const id of opts.untouched ?? []) {
    const order = s.state.order(id);
    if (order?.transaction_id !== '' || s.state.emails.some((e) => e.orderId === id && e.template.startsWith('customer_'))) fail('twice', `order ${id} was touched`);
  }
  for (const id of opts.messageIds) if (!Object.hasOwn(ledger.messages, id)) fail('lost', `SMS ${id} is not in the ledger`);
  const open = Object.values(ledger.writes).filter((w) => w.outcome === null);
  if (open.length > 0) fail(null, `${open.length} open intents left: ${open.map((w) => `${w.kind} #${w.orderId}`).join(', ')}`);
  if (opts.cursor !== undefined && ledger.cursor.messageId !== String(opts.cursor)) fail(null, `drop-box cursor is ${ledger.cursor.messageId}, expected ${opts.cursor}`);
  countProof(proof);
  return proof;
}

/** Requests that changed something in the shop (writes), for "the next run asks nothing" checks. */
export function shopWrites(s: Sandbox): number {
  return s.state.requests.filter((r) => r.method !== 'GET' && r.route.startsWith('/wc/')).length;
}

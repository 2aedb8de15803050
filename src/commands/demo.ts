import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDropboxClient } from '../adapters/dropbox/client.js';
import { openLedger } from '../adapters/ledger/index.js';
import { createShopClient } from '../adapters/woocommerce/client.js';
import type { DemoCase } from '../app/demo/script.js';
import { demoCases } from '../app/demo/script.js';
import { reconcile } from '../app/reconcile.js';
import type { ReconcileReport } from '../app/types.js';
import { ApplyConfig } from '../config/schema.js';
import { DEFAULT_MATCH_CONFIG } from '../core/match/index.js';
import { displayMoney, parseAmount } from '../core/money.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { memoryLogger } from '../log/logger.js';
import { colours } from '../log/terminal.js';
import type { Sandbox } from '../sandbox/index.js';
import { demoOrders, startSandbox } from '../sandbox/index.js';

interface CaseResult {
  name: string;
  code: string | null;
  messageId: string;
  decision: string;
  orderId: number | null;
  expected: string;
  expectedOrder: number | null;
  ok: boolean;
  reasons: string[];
  /** From the phone's POST to the order marked paid, for confirmed payments. */
  secondsToPaid: number | null;
}

/**
 * `smsmatch demo`: the whole job on the embedded sandbox shop, no configuration and no network beyond
 * loopback. It plays the shop's phone (posting SMS to the drop-box exactly as SMSsync does), runs the same
 * reconcile pass the daemon runs on each tick, and tells what happened and why.
 */
export async function runDemo(opts: { json?: boolean }, io: Io): Promise<number> {
  const now = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-demo-'));
  const sandbox = await startSandbox({ orders: demoOrders(now) });
  const say = opts.json ? (): void => undefined : (line = ''): void => writeLine(io.stdout, line);
  const c = colours(io);
  try {
    say(c.bold('smsmatch demo: a small Nairobi shop, its open orders, and the shop owner\'s phone'));
    say(`Sandbox shop at ${sandbox.url} (a WooCommerce-compatible REST API and the smsmatch drop-box, on this machine only)`);
    say();
    say(c.bold('Open orders in WooCommerce:'));
    for (const o of sandbox.state.orders) {
      const b = o['billing'] as { first_name: string; last_name: string; phone: string };
      say(`  #${String(o['number']).padEnd(13)} ${String(o['status']).padEnd(8)} ${displayMoney(parseAmount(String(o['total']), 'KES')?.minor ?? 0, 'KES').padStart(13)}  ${b.first_name} ${b.last_name}, ${b.phone}`);
    }
    const cases = demoCases(now);
    const sent = new Map<string, DemoCase>();
    const ledgerPath = join(dir, 'ledger.json');
    const reports: ReconcileReport[] = [];
    const postedAt = new Map<string, number>();
    const secondsToPaid = new Map<string, number>();
    for (const round of [false, true]) {
      const batch = cases.filter((k) => (k.later ?? false) === round);
      if (round) for (const k of cases.filter((x) => x.codeEnteredOn !== undefined)) await enterCode(sandbox, k, say, c);
      say();
      say(c.bold(round ? 'Later that hour, one more SMS arrives:' : `The phone forwards ${batch.length} SMS to the drop-box, as the SMSsync app does:`));
      const roundIds = new Set<string>();
      for (const k of batch) {
        const messageId = await postAsPhone(sandbox, k, now);
        postedAt.set(messageId, performance.now());
        sent.set(messageId, k);
        roundIds.add(messageId);
        say(`  ${c.cyan(`[${k.name}]`)} ${k.story}`);
        say(c.dim(`      from ${k.from}: "${k.text.slice(0, 110)}…"`));
      }
      const { report, paidAt } = await tick(sandbox, ledgerPath);
      reports.push(report);
      for (const a of report.applied) {
        const posted = postedAt.get(a.messageId);
        if (a.outcome === 'applied' && posted !== undefined && paidAt !== null) secondsToPaid.set(a.messageId, (paidAt - posted) / 1000);
      }
      tellTick(report, sent, roundIds, sandbox, say, c, secondsToPaid);
    }
    const results = collect(reports, sent, droppedIds(sandbox, sent), secondsToPaid);
    const review = await reviewList(ledgerPath);
    const allOk = results.every((r) => r.ok);
    if (opts.json) {
      writeLine(io.stdout, JSON.stringify({
        ok: allOk, cases: results,
        orders: sandbox.state.orders.map((o) => ({ id: o['id'], number: o['number'], status: o['status'], transaction_id: o['transaction_id'] })),
        emails: sandbox.state.emails.map((e) => ({ template: e.template, to: e.to, orderId: e.orderId })),
        review,
      }, null, 2));
    } else {
      summary(results, review, say, c, (id) => orderNumber(sandbox, id));
    }
    return allOk ? 0 : 1;
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One SMS exactly as SMSsync posts it: form-encoded, with the secret, a UUID and the SMSC time in ms. */
async function postAsPhone(sandbox: Sandbox, k: DemoCase, now: Date): Promise<string> {
  const messageId = randomUUID();
  const body = new URLSearchParams({
    secret: sandbox.smssyncSecret, from: k.from, message: k.text, message_id: messageId,
    sent_timestamp: String(now.getTime() - k.minutesAgo * 60_000), sent_to: '', device_id: 'shop-phone',
  });
  const res = await fetch(sandbox.smssyncUrl, { method: 'POST', body, headers: { 'User-Agent': 'SMSSync-Android/v3.1.1' } });
  if (res.status !== 200) throw new Error(`the sandbox drop-box refused a demo SMS (HTTP ${res.status})`);
  return messageId;
}

/** The customer on her order page: "Paid already? Enter your M-PESA code", as the plugin's panel posts it. */
async function enterCode(sandbox: Sandbox, k: DemoCase, say: Say, c: Colours): Promise<void> {
  const order = sandbox.state.order(k.codeEnteredOn ?? 0);
  const code = /^(\w+) Confirmed/.exec(k.text)?.[1] ?? '';
  if (!order) throw new Error(`the demo order ${k.codeEnteredOn ?? '?'} is missing from the sandbox`);
  const res = await fetch(`${sandbox.url}/wp-json/smsmatch/v1/order-code`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ order: order['id'], key: order['order_key'], code: code.toLowerCase() }),
  });
  const body = (await res.json()) as { message?: string };
  if (res.status !== 200) throw new Error(`the sandbox refused the demo's code entry (HTTP ${res.status}: ${body.message ?? ''})`);
  const b = order['billing'] as { first_name: string };
  say();
  say(c.bold(`${b.first_name} opens her order page and types the code from the SMS into "Paid already? Enter your M-PESA code":`));
  say(`  ${c.cyan(`[${k.name}]`)} order #${String(order['number'])}: ${body.message ?? ''}`);
}

/** What the daemon does on each tick: one reconcile pass from the drop-box; `paidAt` is when the orders were written. */
async function tick(sandbox: Sandbox, ledgerPath: string): Promise<{ report: ReconcileReport; paidAt: number | null }> {
  const ledger = await openLedger(ledgerPath, { command: 'smsmatch demo' });
  let paidAt: number | null = null;
  const dropbox = createDropboxClient({ url: sandbox.dropboxUrl, token: sandbox.dropboxToken });
  try {
    const report = await reconcile({
      ledger,
      shop: createShopClient({ url: sandbox.url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, timeoutMs: 10_000 }),
      source: { kind: 'dropbox', client: dropbox, pageSize: 100, maxPages: 10 },
      // SMS receipts on, to show them: a real shop turns them on with apply.smsReceipt (README → Pay with M-PESA).
      providers: [], matching: DEFAULT_MATCH_CONFIG, apply: ApplyConfig.parse({ smsReceipt: { enabled: true } }), outbox: dropbox,
      clock: () => new Date(), log: memoryLogger(), dryRun: false,
      onStep: (step) => {
        if (step === 'after-write') paidAt ??= performance.now();
      },
    });
    return { report, paidAt };
  } finally {
    await ledger.close();
  }
}

type Say = (line?: string) => void;
type Colours = ReturnType<typeof colours>;

function tellTick(report: ReconcileReport, sent: Map<string, DemoCase>, roundIds: ReadonlySet<string>, sandbox: Sandbox, say: Say, c: Colours, seconds: ReadonlyMap<string, number>): void {
  say();
  const dropped = [...sent.entries()].filter(([id, k]) => roundIds.has(id) && k.expect === 'dropped' && !sandbox.state.dropbox.messages.some((m) => m.message_id === id));
  for (const [, k] of dropped) say(c.red(`  ✖ [${k.name}] never reached smsmatch: the drop-box acknowledged it to the phone and dropped it (sender ${k.from} is not a payment sender)`));
  say(c.bold(`smsmatch (one daemon tick): ${report.newMessages} new SMS from the drop-box, ${report.requests.shop} WooCommerce request(s)`));
  for (const d of report.decisions) {
    const k = sent.get(d.messageId);
    const money = d.amountMinor !== null && d.currency ? displayMoney(d.amountMinor, d.currency) : '';
    const label = `${d.code ?? '(no code)'} ${money}`.trim();
    const line: Record<string, string> = {
      confirm: c.green(`  ✔ ${label}: order #${orderNumber(sandbox, d.orderId)} marked paid`),
      partial: c.cyan(`  ◐ ${label}: part payment towards order #${orderNumber(sandbox, d.orderId)}, ${d.remainingMinor !== null && d.currency ? displayMoney(d.remainingMinor, d.currency) : ''} still owed`),
      review: c.yellow(`  ? ${label}: waiting for a person to decide${d.candidates.length ? ` (candidates ${d.candidates.map((id) => `#${orderNumber(sandbox, id)}`).join(', ')})` : ''}`),
      unmatched: c.yellow(`  ? ${label}: no order fits; waiting for a person`),
      ignored: c.red(`  ✖ ${label}: ignored, not a trustworthy payment`),
      duplicate: c.dim(`  = ${label}: duplicate of a payment already seen`),
    };
    say(`${line[d.decision] ?? d.decision}${k ? c.dim(`  [${k.name}]`) : ''}`);
    for (const r of d.reasons) say(c.dim(`      because ${r}`));
    const write = report.applied.find((a) => a.messageId === d.messageId);
    if (write && d.orderId !== null) {
      const emails = sandbox.state.emails.filter((e) => e.orderId === d.orderId).map((e) => `${e.template} → ${e.to}`);
      say(`      WooCommerce: ${write.detail}; emails sent: ${emails.join(', ') || 'none'}`);
      const receipt = d.code === null ? undefined : sandbox.state.dropbox.outbox.find((m) => m.message.includes(d.code!));
      if (receipt) say(`      SMS receipt queued for the shop phone to send: ${receipt.to} "${receipt.message}"`);
      const took = seconds.get(d.messageId);
      if (took !== undefined) say(c.green(`      paid ${took.toFixed(2)} s after the phone forwarded the SMS`));
    }
  }
}

function collect(reports: ReconcileReport[], sent: Map<string, DemoCase>, dropped: ReadonlySet<string>, seconds: ReadonlyMap<string, number>): CaseResult[] {
  const decisions = reports.flatMap((r) => r.decisions);
  return [...sent.entries()].map(([messageId, k]) => {
    // The last decision counts: a payment waiting for a person may be matched again (a code typed by the customer).
    const d = decisions.findLast((x) => x.messageId === messageId);
    const decision = d?.decision ?? (dropped.has(messageId) ? 'dropped' : 'missing');
    const orderId = d?.orderId ?? null;
    return {
      name: k.name, code: d?.code ?? null, messageId, decision, orderId, expected: k.expect, expectedOrder: k.expectOrder,
      ok: decision === k.expect && orderId === k.expectOrder, reasons: d?.reasons ?? [],
      secondsToPaid: seconds.has(messageId) ? Math.round(seconds.get(messageId)! * 100) / 100 : null,
    };
  });
}

/** The SMS the drop-box acknowledged but did not keep (its privacy filter), as the phone would never know. */
function droppedIds(sandbox: Sandbox, sent: Map<string, DemoCase>): Set<string> {
  const kept = new Set(sandbox.state.dropbox.messages.map((m) => m.message_id));
  return new Set([...sent.keys()].filter((id) => !kept.has(id)));
}

async function reviewList(ledgerPath: string): Promise<Array<{ code: string | null; amount: string | null; reasons: string[] }>> {
  const ledger = await openLedger(ledgerPath, { readOnly: true });
  try {
    return ledger.paymentsByState('review', 'unmatched').map((p) => ({
      code: p.code, amount: p.amountMinor !== null && p.currency ? displayMoney(p.amountMinor, p.currency) : null, reasons: p.history.at(-1)?.reasons ?? [],
    }));
  } finally {
    await ledger.close();
  }
}

/** Orders are named as wp-admin and the story name them (`#NB-2026-0046`), never by their internal id. */
function summary(results: CaseResult[], review: Array<{ code: string | null; amount: string | null }>, say: Say, c: Colours, number: (id: number) => string): void {
  say();
  say(c.bold('Summary'));
  const head = ['case', 'code', 'decision', 'order', 'as expected', 'SMS → paid'];
  const rows = results.map((r) => [r.name, r.code ?? '-', r.decision, r.orderId === null ? '-' : `#${number(r.orderId)}`, r.ok ? 'yes' : c.red(`NO (expected ${r.expected})`), r.secondsToPaid === null ? '-' : `${r.secondsToPaid.toFixed(2)} s`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]): string => `  ${row.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  say(fmt(head));
  for (const row of rows) say(fmt(row));
  if (review.length > 0) {
    say();
    say(c.bold('Waiting for a person (smsmatch review):'));
    for (const r of review) say(`  ${r.code ?? '?'} ${r.amount ?? ''}: settle with \`smsmatch assign ${r.code ?? 'CODE'} <order>\` or \`smsmatch dismiss ${r.code ?? 'CODE'} --reason …\``);
  }
  say();
  say(c.bold('Next steps'));
  say('  1. Install the drop-box plugin on your WordPress shop (dropbox/README.md) and point SMSsync on the shop phone at it.');
  say('  2. smsmatch init            # checks your WooCommerce API keys and writes the config');
  say('  3. smsmatch reconcile --dry-run');
  say('  4. smsmatch systemd         # run it for good (or a cron line: see the README)');
  say('  Try it by hand: `smsmatch sandbox` starts this shop alone and prints its URLs and keys.');
}

function orderNumber(sandbox: Sandbox, id: number | null): string {
  if (id === null) return '?';
  return String(sandbox.state.order(id)?.['number'] ?? id);
}

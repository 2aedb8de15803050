import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { toOrder } from '../adapters/woocommerce/order-schema.js';
import type { Decision, MatchConfig, MatchMessage } from '../core/match/index.js';
import { DEFAULT_MATCH_CONFIG, matchPayments } from '../core/match/index.js';
import { displayMoney } from '../core/money.js';
import type { Order } from '../core/order.js';
import { parseSms } from '../core/sms/parse.js';
import { ConfigError, DataError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { colours } from '../log/terminal.js';

export interface MatchOptions {
  messages: string;
  orders: string;
  config?: string;
  json?: boolean;
}

/** One SMS as SMSsync posts it; every value may arrive as a string. */
const SmsSyncMessage = z.looseObject({
  from: z.string(),
  message: z.string(),
  sent_timestamp: z.union([z.string().regex(/^\d{12,14}$/, 'expected epoch milliseconds as a string'), z.number().int().positive()]),
  message_id: z.union([z.string().min(1), z.number()]).transform(String),
  sent_to: z.string().nullish(),
  device_id: z.union([z.string(), z.number()]).nullish(),
});

async function readJsonArray(file: string, io: Io, what: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DataError(`${what} file ${file}: cannot read it (${code})`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${what} file ${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(data)) throw new DataError(`${what} file ${file}: expected a JSON array of ${what}`);
  return data as unknown[];
}

function toMessage(raw: unknown, file: string, i: number): MatchMessage {
  const r = SmsSyncMessage.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new DataError(`messages file ${file}: messages[${i}]: ${issue?.path.join('.') || '(message)'}: ${issue?.message ?? 'invalid'}`);
  }
  const receivedAt = new Date(Number(r.data.sent_timestamp)).toISOString();
  return { messageId: r.data.message_id, receivedAt, parsed: parseSms({ from: r.data.from, text: r.data.message, receivedAt }) };
}

/**
 * The matching settings: `matching` in an optional JSON file over the defaults. Kept apart so the real
 * config loader can replace it.
 */
export async function loadMatchConfig(file: string | undefined, io: Io): Promise<MatchConfig> {
  if (!file) return { ...DEFAULT_MATCH_CONFIG };
  let data: unknown;
  try {
    data = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    throw new ConfigError(`config file ${file}: cannot read it as JSON (${(error as Error).message})`, { cause: error });
  }
  const matching = (data as { matching?: unknown } | null)?.matching ?? {};
  if (typeof matching !== 'object' || matching === null || Array.isArray(matching)) throw new ConfigError(`config file ${file}: matching: expected an object`);
  const out: Record<string, unknown> = { ...DEFAULT_MATCH_CONFIG };
  for (const [key, value] of Object.entries(matching)) {
    const def: unknown = (DEFAULT_MATCH_CONFIG as unknown as Record<string, unknown>)[key];
    if (def === undefined) throw new ConfigError(`config file ${file}: matching.${key}: unknown setting`, { hint: `known: ${Object.keys(DEFAULT_MATCH_CONFIG).join(', ')}` });
    if (Array.isArray(def) ? !Array.isArray(value) || value.some((v) => typeof v !== 'string') : typeof value !== typeof def) {
      throw new ConfigError(`config file ${file}: matching.${key}: expected ${Array.isArray(def) ? 'a list of strings' : `a ${typeof def}`}`);
    }
    out[key] = value;
  }
  return out as unknown as MatchConfig;
}

export async function runMatch(opts: MatchOptions, io: Io): Promise<number> {
  const config = await loadMatchConfig(opts.config, io);
  const rawMessages = await readJsonArray(opts.messages, io, 'messages');
  const rawOrders = await readJsonArray(opts.orders, io, 'orders');
  const messages = rawMessages.map((m, i) => toMessage(m, opts.messages, i));
  const orders: Order[] = rawOrders.map((o, i) => {
    try {
      return toOrder(o, `orders[${i}]`);
    } catch (error) {
      if (error instanceof DataError) throw new DataError(`orders file ${opts.orders}: ${error.message}`, { cause: error, hint: error.hint });
      throw error;
    }
  });
  const decisions = matchPayments({ messages, orders, config });
  if (opts.json) writeLine(io.stdout, JSON.stringify({ decisions }, null, 2));
  else writeLine(io.stdout, renderTable(decisions, io));
  return 0;
}

function renderTable(decisions: readonly Decision[], io: Io): string {
  const c = colours(io);
  const paint: Record<Decision['decision'], (s: string) => string> = {
    confirm: c.green, partial: c.cyan, review: c.yellow, unmatched: c.red, ignored: c.dim, duplicate: c.dim,
  };
  const rows = decisions.map((d) => [
    d.messageId, d.code ?? '-', d.decision,
    d.orderId !== null ? `#${d.orderId}` : d.suggestedOrderId !== null ? `(#${d.suggestedOrderId}?)` : '-',
    d.amountMinor !== null && d.currency ? displayMoney(d.amountMinor, d.currency) : '-',
    d.rule ?? '-', d.candidates.map((id) => `#${id}`).join(' ') || '-',
  ]);
  const head = ['message', 'code', 'decision', 'order', 'amount', 'rule', 'candidates'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const lines = [fmt(head)];
  decisions.forEach((d, i) => {
    const row = fmt(rows[i] ?? []);
    lines.push(paint[d.decision](row));
    for (const reason of d.reasons) lines.push(`    - ${reason}`);
  });
  const counts = new Map<string, number>();
  for (const d of decisions) counts.set(d.decision, (counts.get(d.decision) ?? 0) + 1);
  lines.push('', [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'no messages');
  return lines.join('\n');
}

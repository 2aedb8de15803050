import { readJsonArray, readMessagesFile } from '../adapters/messages-file.js';
import { toOrder } from '../adapters/woocommerce/order-schema.js';
import { loadConfig } from '../config/load.js';
import type { Decision, MatchMessage } from '../core/match/index.js';
import { matchPayments } from '../core/match/index.js';
import type { Order } from '../core/order.js';
import { parseSms } from '../core/sms/parse.js';
import { DataError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { renderCounts, renderDecisions } from './render.js';

export interface MatchOptions {
  messages: string;
  orders: string;
  config?: string;
  json?: boolean;
}

export async function runMatch(opts: MatchOptions, io: Io): Promise<number> {
  const loaded = loadConfig(opts.config, io.env, io.cwd);
  for (const w of loaded.warnings) writeLine(io.stderr, `warning: ${w}`);
  const incoming = await readMessagesFile(opts.messages, io.cwd);
  const rawOrders = await readJsonArray(opts.orders, io.cwd, 'orders');
  const messages: MatchMessage[] = incoming.map((m) => {
    const receivedAt = new Date(Number(m.sent_timestamp)).toISOString();
    return { messageId: m.message_id, receivedAt, parsed: parseSms({ from: m.from, text: m.message, receivedAt }, { providers: loaded.providers }) };
  });
  const orders: Order[] = rawOrders.map((o, i) => {
    try {
      return toOrder(o, `orders[${i}]`);
    } catch (error) {
      if (error instanceof DataError) throw new DataError(`orders file ${opts.orders}: ${error.message}`, { cause: error, hint: error.hint });
      throw error;
    }
  });
  const decisions = matchPayments({ messages, orders, config: loaded.matching });
  if (opts.json) writeLine(io.stdout, JSON.stringify({ decisions }, null, 2));
  else writeLine(io.stdout, `${renderDecisions(decisions, io)}\n\n${renderCounts(countDecisions(decisions))}`);
  return 0;
}

function countDecisions(decisions: readonly Decision[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of decisions) counts[d.decision] = (counts[d.decision] ?? 0) + 1;
  return counts;
}

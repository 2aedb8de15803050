import { loadConfig } from '../config/load.js';
import { displayMoney } from '../core/money.js';
import { parseSms } from '../core/sms/parse.js';
import type { ParsedSms } from '../core/sms/types.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { colours } from '../log/terminal.js';
import { readStdin } from './read-input.js';

export interface ParseOptions {
  text?: string;
  from?: string;
  receivedAt?: string;
  json?: boolean;
  config?: string;
}

export async function runParse(opts: ParseOptions, io: Io): Promise<number> {
  if (opts.receivedAt !== undefined && Number.isNaN(Date.parse(opts.receivedAt))) {
    throw new UsageError(`--received-at "${opts.receivedAt}" is not an ISO 8601 time`, { hint: 'e.g. --received-at 2026-08-28T19:44:00Z' });
  }
  const { providers, warnings } = loadConfig(opts.config, io.env, io.cwd);
  for (const w of warnings) writeLine(io.stderr, `warning: ${w}`);
  const text = opts.text === undefined || opts.text === '-' ? await readStdin(io) : opts.text;
  const parsed = parseSms({ from: opts.from ?? null, text, ...(opts.receivedAt ? { receivedAt: opts.receivedAt } : {}) }, { providers });
  if (opts.json) writeLine(io.stdout, JSON.stringify(parsed, null, 2));
  else writeLine(io.stdout, describe(parsed, io, opts.from));
  return 0;
}

function describe(p: ParsedSms, io: Io, from: string | undefined): string {
  const c = colours(io);
  const lines: string[] = [];
  const who = p.provider ? ` (${p.provider}${p.template ? `, ${p.template}` : ''})` : '';
  if (p.kind === 'payment' && p.trusted) lines.push(c.green(`payment received${who}`));
  else if (p.kind === 'payment') lines.push(c.red(`NOT TRUSTED: looks like a payment${who}, but ${p.untrustedReason ?? 'the sender is unknown'}`));
  else lines.push(c.yellow(`not a payment: ${p.kind}${who}`));
  if (!from && p.kind === 'payment') lines.push('  (no --from given: the sender cannot be checked, so nothing is trusted)');
  const field = (label: string, value: string | null): void => {
    if (value !== null) lines.push(`  ${label.padEnd(9)} ${value}`);
  };
  field('code', p.code);
  field('amount', p.amountMinor !== null && p.currency ? displayMoney(p.amountMinor, p.currency) : null);
  field('payer', [p.payerName, p.payerPhone].filter(Boolean).join('  ') || null);
  if (p.payerIsOrganisation) field('', '(an institution, not a person: bank, fund, payout or another network)');
  field('account', p.account);
  field('balance', p.balance !== null && p.currency ? `${p.currency} ${p.balance}` : null);
  field('time', p.occurredAt);
  field('reverses', p.reverses);
  return lines.join('\n');
}

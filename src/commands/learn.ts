import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { splitSamples } from '../app/learn/samples.js';
import { describeLearnt } from '../app/learn/render.js';
import { mergeProvider } from '../app/learn/write.js';
import { readExistingConfig, writeConfigFile } from '../app/init/write-config.js';
import { loadConfig } from '../config/load.js';
import { resolveConfigPath } from '../config/paths.js';
import { learnProvider } from '../core/learn/learn.js';
import type { LearnOutcome, Question } from '../core/learn/types.js';
import { countryOffset } from '../core/learn/zones.js';
import { resolveUtcOffset } from '../core/sms/datetime.js';
import { DataError, IoError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { readStdin } from './read-input.js';

export interface LearnOptions {
  file?: string;
  sender: string;
  currency: string;
  callingCode: string;
  country: string;
  id?: string;
  name?: string;
  timeZone?: string;
  dateOrder?: string;
  config?: string;
  write?: boolean;
  json?: boolean;
  nonInteractive?: boolean;
}

/** The one prompt `learn` needs; injected so tests answer without a terminal. */
export interface LearnPrompts {
  select(config: { message: string; choices: Array<{ value: string; name: string }> }): Promise<string>;
}

/**
 * `smsmatch learn`: samples in, a provider definition out (and into the config with --write). Whatever the
 * samples leave open is asked at a terminal, or fails naming it with --non-interactive; never guessed.
 */
export async function runLearn(opts: LearnOptions, io: Io, deps: { prompts?: LearnPrompts } = {}): Promise<number> {
  const input = checkedInput(opts);
  const fromFile = opts.file !== undefined && opts.file !== '-';
  const text = fromFile ? await readSamplesFile(resolve(io.cwd, opts.file!)) : await readStdin(io);
  const samples = splitSamples(text);
  // Samples piped on stdin leave no terminal to answer on: then it behaves as --non-interactive.
  const interactive = opts.nonInteractive !== true && (deps.prompts !== undefined || (fromFile && io.stdin.isTTY === true));
  const prompts = interactive ? (deps.prompts ?? (await terminalPrompts(io))) : null;
  const answers: Record<string, string> = opts.dateOrder ? { 'date-order': opts.dateOrder } : {};
  let outcome: LearnOutcome = learnProvider({ ...input, samples, answers });
  for (let round = 0; !outcome.ok && outcome.questions && round < 20; round++) {
    for (const question of outcome.questions) answers[question.id] = await answer(question, prompts);
    outcome = learnProvider({ ...input, samples, answers });
  }
  if (!outcome.ok) {
    if (outcome.questions) throw new DataError(`learn: cannot decide ${outcome.questions[0]!.about}`, { hint: outcome.questions[0]!.settle });
    throw new DataError(`learn: ${outcome.failure}`, { hint: outcome.settle });
  }
  let written: string | null = null;
  let note = '';
  if (opts.write) {
    if (outcome.lookAlikes.accepted.length > 0) {
      throw new DataError(`learn: not written: the template would read a non-payment as a payment: ${JSON.stringify(outcome.lookAlikes.accepted[0]!.slice(0, 120))}`, {
        hint: 'add samples whose fixed wording tells payments apart, or write the template by hand (README → Adding a provider)',
      });
    }
    const resolved = resolveConfigPath(opts.config, io.env);
    const path = isAbsolute(resolved.path) ? resolved.path : resolve(io.cwd, resolved.path);
    const existing = await readExistingConfig(path);
    if (existing.exists && existing.raw === null) throw new UsageError(`config ${path} is not a JSON object; learn will not overwrite it`, { hint: 'fix it (smsmatch config check) and run learn again' });
    const merged = mergeProvider(existing.raw, outcome.provider, opts.id !== undefined);
    await writeConfigFile(path, merged.raw);
    // Read back through the same loader every command uses: what parse/match/reconcile/daemon will see.
    loadConfig(path, io.env, io.cwd);
    written = path;
    note = merged.note;
  }
  if (opts.json) {
    const { provider, readings, fixedWording, lookAlikes, guarantees } = outcome;
    writeLine(io.stdout, JSON.stringify({ provider, readings, fixedWording, lookAlikes, guarantees, written }, null, 2));
  } else {
    for (const line of describeLearnt(outcome)) writeLine(io.stdout, line);
    writeLine(io.stdout, '');
    writeLine(io.stdout, written ? `wrote ${written}: ${note}; parse, match, reconcile and the daemon use it from now on` : 'not written (add --write to add it to the config)');
  }
  return 0;
}

interface CheckedInput {
  id: string;
  name: string;
  senderIds: string[];
  currency: string;
  callingCode: string;
  country: string;
  timeZone: string;
}

function checkedInput(opts: LearnOptions): CheckedInput {
  const senderIds = opts.sender.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (senderIds.length === 0) throw new UsageError('--sender is empty', { hint: 'give the sender ID the SMS come from, e.g. --sender HaloPesa (several: --sender HaloPesa,HALOPESA)' });
  const currency = opts.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency "${opts.currency}" is not an ISO 4217 code`, { hint: 'e.g. --currency TZS' });
  const callingCode = opts.callingCode.trim().replace(/^\+/, '');
  if (!/^[1-9]\d{0,3}$/.test(callingCode)) throw new UsageError(`--calling-code "${opts.callingCode}" is not a country calling code`, { hint: 'digits without +, e.g. --calling-code 255' });
  const country = opts.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError(`--country "${opts.country}" is not an ISO 3166 code`, { hint: 'e.g. --country TZ' });
  const id = opts.id ?? `${senderIds[0]!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'provider'}-${country.toLowerCase()}`;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new UsageError(`--id "${id}" must be lower-case words joined by dashes`, { hint: 'e.g. --id halopesa-tz' });
  const zone = opts.timeZone ?? countryOffset(country);
  if (!zone) throw new UsageError(`no fixed clock is known for country ${country}`, { hint: 'pass --time-zone, e.g. --time-zone +02:00 or --time-zone Africa/Lubumbashi' });
  const offset = resolveUtcOffset(zone);
  if (!offset) throw new UsageError(`--time-zone "${zone}" is not a fixed offset like +03:00 or a known African zone`, { hint: 'e.g. --time-zone +03:00' });
  if (opts.dateOrder !== undefined && opts.dateOrder !== 'DMY' && opts.dateOrder !== 'MDY') throw new UsageError(`--date-order "${opts.dateOrder}" must be DMY or MDY`);
  return { id, name: opts.name ?? senderIds[0]!, senderIds, currency, callingCode, country, timeZone: offset };
}

async function readSamplesFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new IoError(`cannot read the samples file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { hint: 'pass a readable file, or - to read the samples from stdin' });
  }
}

async function answer(question: Question, prompts: LearnPrompts | null): Promise<string> {
  if (prompts === null || question.choices.length === 0) {
    throw new DataError(`learn: cannot decide ${question.about}`, { hint: question.settle });
  }
  try {
    return await prompts.select({ message: `Cannot tell ${question.about}.`, choices: question.choices.map((c) => ({ value: c.value, name: c.label })) });
  } catch (error) {
    // Ctrl-C at the prompt: stop cleanly, nothing was written.
    if (error instanceof Error && error.name === 'ExitPromptError') throw new UsageError('learn cancelled (Ctrl-C); nothing was written');
    throw error;
  }
}

async function terminalPrompts(io: Io): Promise<LearnPrompts> {
  const inquirer = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: io.stderr };
  return { select: (config) => inquirer.select(config, context) };
}

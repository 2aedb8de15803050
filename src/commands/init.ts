import { isAbsolute, resolve } from 'node:path';
import type { ShopCheck } from '../adapters/woocommerce/verify.js';
import { buildConfig, validateConfig } from '../app/init/build-config.js';
import { runInitChecks, type InitChecks } from '../app/init/checks.js';
import { promptValues, valuesFromFlags, type InitFlags, type InitValues, type Prompts } from '../app/init/values.js';
import { readExistingConfig, writeConfigFile } from '../app/init/write-config.js';
import { resolveConfigPath } from '../config/paths.js';
import { ExitCode, InterruptedError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';
import { registerSecret, redact } from '../log/redact.js';
import { colours } from '../log/terminal.js';

export interface InitOptions extends InitFlags {
  nonInteractive?: boolean;
  config?: string;
  state?: string;
  /** false with --no-verify. */
  verify?: boolean;
  force?: boolean;
  queryStringAuth?: boolean;
}

/**
 * `smsmatch init`: asks (or reads flags/env), checks the credentials against the shop without changing
 * anything, and writes the config 0600. A failed check writes nothing (unless --force) and exits with the
 * failure's code. Without a terminal it never prompts, so cron and CI cannot hang on it.
 */
export async function runInit(opts: InitOptions, io: Io, deps: { prompts?: Prompts } = {}): Promise<number> {
  const interactive = opts.nonInteractive !== true && (deps.prompts !== undefined || io.stdin.isTTY === true);
  const resolved = resolveConfigPath(opts.config, io.env);
  const path = isAbsolute(resolved.path) ? resolved.path : resolve(io.cwd, resolved.path);
  const existing = await readExistingConfig(path);
  const prompts = interactive ? (deps.prompts ?? (await terminalPrompts(io))) : null;

  if (existing.exists && opts.force !== true) {
    const overwrite = prompts !== null && (await prompts.confirm({ message: `${path} exists. Replace it (other settings are kept)?`, default: false }));
    if (!overwrite) {
      if (prompts !== null) return done(io, `left ${path} unchanged`);
      throw new UsageError(`config ${path} already exists; init does not overwrite it`, { hint: 'pass --force to replace it (sections init does not manage are kept), or --config FILE for another file' });
    }
  }
  const values = prompts !== null ? await promptValues(prompts, { ...currentValues(existing.raw), ...definedFlags(opts) }) : valuesFromFlags(opts, io.env);
  for (const secret of [values.consumerKey, values.consumerSecret, values.dropboxToken]) registerSecret(secret);
  const base = {
    existing: existing.raw, values,
    ...(opts.queryStringAuth ? { queryStringAuth: true } : {}),
    ...(opts.state !== undefined ? { statePath: resolve(io.cwd, opts.state) } : {}),
  };
  // Catch a mistyped key or URL before any network request.
  validateConfig(buildConfig(base).raw);

  let checks: InitChecks | null = null;
  if (opts.verify !== false) {
    checks = await runInitChecks(values, { queryStringAuth: opts.queryStringAuth ?? false, timeoutMs: timeoutOf(existing.raw) });
    printChecks(checks.checks, io);
    if (checks.exitCode !== ExitCode.ok && opts.force !== true) {
      writeLine(io.stderr, `smsmatch: the checks failed, so ${path} was not written; fix what is marked above (or pass --force to write it anyway)`);
      return checks.exitCode;
    }
  }
  const { raw, notes } = buildConfig({ ...base, facts: { storeCurrency: checks?.storeCurrency, timezone: checks?.timezone } });
  validateConfig(raw);
  await writeConfigFile(path, raw);
  writeLine(io.stdout, `wrote ${path} (mode 600): shop ${redact(values.shopUrl)}, key ${maskKey(values.consumerKey)}${values.dropboxUrl ? `, drop-box ${redact(values.dropboxUrl)}` : ''}`);
  for (const note of notes) writeLine(io.stdout, `  ${note}`);
  if (checks === null) writeLine(io.stdout, '  not checked against the shop (--no-verify); `smsmatch reconcile --dry-run` will show whether it works');
  printNextSteps(io, path, resolved.explicit, values);
  return checks?.exitCode ?? ExitCode.ok;
}

async function terminalPrompts(io: Io): Promise<Prompts> {
  const inquirer = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: io.stdout };
  return {
    input: (config) => cancellable(inquirer.input(config, context)),
    password: (config) => cancellable(inquirer.password(config, context)),
    confirm: (config) => cancellable(inquirer.confirm(config, context)),
  };
}

/**
 * Ctrl-C (or Ctrl-D) at a prompt is the person quitting, not a bug: inquirer rejects with ExitPromptError, which
 * becomes one line and exit 130. Nothing has been written at that point (the file is written after the last answer).
 */
async function cancellable<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      throw new InterruptedError('init cancelled; nothing was written');
    }
    throw error;
  }
}

function definedFlags(opts: InitFlags): InitFlags {
  const out: InitFlags = {};
  for (const key of ['shopUrl', 'consumerKey', 'consumerSecret', 'dropboxUrl', 'dropboxToken'] as const) {
    const value = opts[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function currentValues(raw: Record<string, unknown> | null): InitFlags {
  const shop = (raw?.['shop'] ?? {}) as Record<string, unknown>;
  const dropbox = (raw?.['dropbox'] ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const out: InitFlags = {};
  const pairs: Array<[keyof InitValues, unknown]> = [['shopUrl', shop['url']], ['consumerKey', shop['consumerKey']], ['consumerSecret', shop['consumerSecret']], ['dropboxUrl', dropbox['url']], ['dropboxToken', dropbox['token']]];
  for (const [key, value] of pairs) {
    const s = str(value);
    if (s !== undefined) out[key] = s;
  }
  return out;
}

function timeoutOf(raw: Record<string, unknown> | null): number {
  const seconds = ((raw?.['shop'] ?? {}) as Record<string, unknown>)['timeoutSeconds'];
  return typeof seconds === 'number' && seconds >= 1 ? seconds * 1000 : 20_000;
}

/** One line per check: ✔/✖/! at a terminal, ok/FAIL/warn otherwise; a failure carries its cause and fix. */
function printChecks(checks: ShopCheck[], io: Io): void {
  const c = colours(io);
  const tty = io.stdout.isTTY === true;
  for (const check of checks) {
    const mark = !check.ok ? (tty ? c.red('✖') : 'FAIL') : check.warning ? (tty ? c.yellow('!') : 'warn') : tty ? c.green('✔') : 'ok  ';
    const fix = check.hint !== undefined && (!check.ok || check.warning) ? ` — fix: ${check.hint}` : '';
    writeLine(io.stdout, redact(`${mark} ${check.name}: ${check.detail}${fix}`));
  }
}

function printNextSteps(io: Io, path: string, explicit: boolean, values: InitValues): void {
  const flag = explicit ? ` --config ${path}` : '';
  writeLine(io.stdout, '');
  writeLine(io.stdout, 'next steps:');
  let n = 1;
  if (values.dropboxUrl === undefined) {
    writeLine(io.stdout, `  ${n++}. install the smsmatch drop-box plugin in WordPress (the dropbox/ folder), point SMSsync at it, then run \`smsmatch init --force --dropbox-url URL --dropbox-token TOKEN …\``);
  }
  writeLine(io.stdout, `  ${n++}. see what smsmatch would do, changing nothing: smsmatch reconcile --dry-run${flag}`);
  writeLine(io.stdout, `  ${n}. run it regularly: smsmatch systemd${flag ? ` --config ${path}` : ''} (a daemon), or a cron line: */2 * * * * smsmatch reconcile${flag} >> ~/smsmatch.log 2>&1`);
}

function maskKey(key: string): string {
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}

function done(io: Io, message: string): number {
  writeLine(io.stdout, message);
  return ExitCode.ok;
}

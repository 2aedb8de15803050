import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { registerSecret } from '../log/redact.js';
import type { ProviderDef } from '../core/sms/provider.js';
import { resolveConfigPath } from './paths.js';
import { resolveMatching } from './matching.js';
import { compileCustomProviders } from './providers.js';
import type { MatchConfig } from '../core/match/index.js';
import { describeIssues } from './problems.js';
import { Config } from './schema.js';
import { configWarnings } from './warnings.js';

type Env = Record<string, string | undefined>;

export interface LoadedConfig {
  config: Config;
  /** The file read, or null when none exists at the default location. */
  path: string | null;
  providers: ProviderDef[];
  /** The engine settings: `matching` over the defaults. */
  matching: MatchConfig;
  warnings: string[];
}

const ENV_OVERRIDES: Array<[string, string[]]> = [
  ['SMSMATCH_SHOP_URL', ['shop', 'url']],
  ['SMSMATCH_CONSUMER_KEY', ['shop', 'consumerKey']],
  ['SMSMATCH_CONSUMER_SECRET', ['shop', 'consumerSecret']],
  ['SMSMATCH_DROPBOX_URL', ['dropbox', 'url']],
  ['SMSMATCH_DROPBOX_TOKEN', ['dropbox', 'token']],
];

/**
 * Reads and validates the config once, inside the command (never at import time). Every problem is named
 * by its path; all of them are reported together.
 */
export function loadConfig(flag: string | undefined, env: Env, cwd?: string): LoadedConfig {
  const resolved = resolveConfigPath(flag, env);
  const path = cwd ? resolve(cwd, resolved.path) : resolved.path;
  const explicit = resolved.explicit;
  const warnings: string[] = [];
  let raw: unknown = {};
  let text: string | null = null;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' || explicit) {
      throw new ConfigError(`cannot read config file ${path}: ${code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`, {
        hint: 'run `smsmatch init` to create it, or pass --config FILE (see README → Configuration)',
      });
    }
  }
  if (text !== null) {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`, { hint: 'fix the file or re-run `smsmatch init`' });
    }
    warnings.push(...permissionWarnings(path));
  }
  const merged = applyEnv(raw, env);
  const result = Config.safeParse(merged);
  const where = text === null ? '(environment)' : path;
  // Every problem in one pass: the schema's, and the engine's own `matching` keys even when the schema failed.
  const problems = result.success ? [] : describeIssues(Config, result.error.issues);
  const matchingRaw = result.success ? result.data.matching : sectionOf(merged, 'matching');
  const matching = resolveMatching(matchingRaw ?? {});
  problems.push(...matching.errors);
  const compiled = result.success ? compileCustomProviders(result.data.providers) : { providers: [], errors: [] };
  problems.push(...compiled.errors);
  if (!result.success || problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new ConfigError(`config ${where} has ${count}: ${problems.join('; ')}`, {
      hint: 'fix what is named in the file; every key is described in README → Configuration',
    });
  }
  warnings.push(...configWarnings(result.data));
  registerSecret(result.data.shop?.consumerKey);
  registerSecret(result.data.shop?.consumerSecret);
  registerSecret(result.data.dropbox?.token);
  return { config: result.data, path: text === null ? null : path, providers: compiled.providers, matching: matching.matching, warnings };
}

function sectionOf(raw: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The file's JSON with the SMSMATCH_* secrets of the environment written in (also used to hand a config to a service). */
export function applyEnv(raw: unknown, env: Env): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [name, [section, key]] of ENV_OVERRIDES as Array<[string, [string, string]]>) {
    const value = env[name];
    if (!value) continue;
    const current = out[section];
    const obj: Record<string, unknown> = typeof current === 'object' && current !== null ? { ...(current as Record<string, unknown>) } : {};
    obj[key] = value;
    out[section] = obj;
  }
  return out;
}

function permissionWarnings(path: string): string[] {
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o002) {
      // Anyone on the machine could point smsmatch at their own drop-box or shop: refuse, do not just warn.
      throw new ConfigError(`config file ${path} is writable by every user on this machine (mode ${mode.toString(8)}); smsmatch will not use it`, { hint: `run: chmod 600 ${path}` });
    }
    if (mode & 0o077) {
      return [`config file ${path} is readable by other users (mode ${mode.toString(8)}); it holds secrets: chmod 600 ${path}`];
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // stat failing right after a successful read is not worth a warning
  }
  return [];
}

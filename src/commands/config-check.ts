import { loadConfig } from '../config/load.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';

/** Validates the config; a bad one throws ConfigError (exit 78) listing every bad field. */
export function runConfigCheck(opts: { config?: string }, io: Io): Promise<number> {
  const loaded = loadConfig(opts.config, io.env, io.cwd);
  for (const w of loaded.warnings) writeLine(io.stderr, `warning: ${w}`);
  const c = loaded.config;
  writeLine(io.stdout, `config OK: ${loaded.path ?? '(no file; environment only)'}`);
  writeLine(io.stdout, `  shop       ${c.shop ? `${c.shop.url} (key set${c.shop.queryStringAuth ? ', query-string auth' : ''})` : 'not configured — reconcile needs it (smsmatch init)'}`);
  writeLine(io.stdout, `  drop-box   ${c.dropbox ? c.dropbox.url : 'not configured — reconcile then needs --messages FILE'}`);
  writeLine(io.stdout, `  providers  ${loaded.providers.length} of the shop's own`);
  writeLine(io.stdout, `  schedule   ${c.daemon.schedule} (${c.daemon.timezone})`);
  return Promise.resolve(0);
}

import { createDropboxClient } from '../adapters/dropbox/client.js';
import { probeWake } from '../app/daemon/wake.js';
import { loadConfig } from '../config/load.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';

/**
 * Validates the config; a bad one throws ConfigError (exit 78) listing every bad field. With a drop-box configured
 * it also asks it (one /health, one read of the signal file) how the daemon would be woken.
 */
export async function runConfigCheck(opts: { config?: string }, io: Io): Promise<number> {
  const loaded = loadConfig(opts.config, io.env, io.cwd);
  for (const w of loaded.warnings) writeLine(io.stderr, `warning: ${w}`);
  const c = loaded.config;
  writeLine(io.stdout, `config OK: ${loaded.path ?? '(no file; environment only)'}`);
  writeLine(io.stdout, `  shop       ${c.shop ? `${c.shop.url} (key set${c.shop.queryStringAuth ? ', query-string auth' : ''})` : 'not configured — reconcile needs it (smsmatch init)'}`);
  writeLine(io.stdout, `  drop-box   ${c.dropbox ? c.dropbox.url : 'not configured — reconcile then needs --messages FILE'}`);
  writeLine(io.stdout, `  providers  ${loaded.providers.length} of the shop's own`);
  writeLine(io.stdout, `  schedule   ${c.daemon.schedule} (${c.daemon.timezone}): the full pass that runs whatever the signal says`);
  if (c.dropbox && !c.daemon.signal) writeLine(io.stdout, `  wake-up    polling the drop-box every ${c.daemon.pollSeconds} s (daemon.signal is false)`);
  if (c.dropbox && c.daemon.signal) {
    const client = createDropboxClient({ url: c.dropbox.url, token: c.dropbox.token, timeoutMs: 10_000, retries: 0 });
    const wake = await probeWake(() => client.health());
    const line = wake.mode === 'signal'
      ? `signal file, checked every ${c.daemon.signalSeconds} s (${wake.detail})`
      : `polling the drop-box every ${c.daemon.pollSeconds} s: ${wake.detail}`;
    writeLine(io.stdout, `  wake-up    ${line}`);
    if (wake.mode === 'polling') writeLine(io.stderr, `warning: payments will take up to ${c.daemon.pollSeconds} s instead of seconds, and each poll is a WordPress request: ${wake.detail}`);
  }
  return 0;
}

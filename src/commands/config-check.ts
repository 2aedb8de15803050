import { createDropboxClient } from '../adapters/dropbox/client.js';
import { probeWake } from '../app/daemon/wake.js';
import { daemonRefusals } from '../app/daemon/runtime.js';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../errors.js';
import type { Io } from '../io.js';
import { writeLine } from '../io.js';

/**
 * Validates the config; a bad one throws ConfigError (exit 78) listing every bad field. A config the daemon
 * would still refuse at start (no shop, no drop-box) fails too, with the daemon's own reasons: `config check`
 * passing must mean `smsmatch daemon` starts. It also asks the drop-box (one /health, one read of the signal
 * file) how the daemon would be woken.
 */
export async function runConfigCheck(opts: { config?: string }, io: Io): Promise<number> {
  const loaded = loadConfig(opts.config, io.env, io.cwd);
  for (const w of loaded.warnings) writeLine(io.stderr, `warning: ${w}`);
  const c = loaded.config;
  const where = loaded.path ?? '(no file; environment only)';
  const refusals = daemonRefusals(c);
  if (refusals.length > 0) {
    throw new ConfigError(`config ${where} is valid but incomplete: the daemon and reconcile would refuse it: ${refusals.map((r) => r.message).join('; ')}`, {
      hint: refusals.map((r) => r.hint).filter((h): h is string => h !== undefined).join('; '),
    });
  }
  writeLine(io.stdout, `config OK: ${where}`);
  writeLine(io.stdout, `  shop       ${c.shop ? `${c.shop.url} (key set${c.shop.queryStringAuth ? ', query-string auth' : ''})` : 'not configured'}`);
  writeLine(io.stdout, `  drop-box   ${c.dropbox ? c.dropbox.url : 'not configured'}`);
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

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../src/io.js';
import { reportError } from '../../src/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';

export interface Workspace {
  dir: string;
  config: string;
  ledger: string;
  messagesFile(messages: unknown[]): string;
}

/** A temp folder with a config pointing at the sandbox (and its drop-box unless `dropbox: false`). */
export function workspace(sandbox: Sandbox, extra: Record<string, unknown> = {}, opts: { dropbox?: boolean } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-e2e-'));
  const config = join(dir, 'config.json');
  const ledger = join(dir, 'state', 'ledger.json');
  writeFileSync(config, JSON.stringify({
    shop: { url: sandbox.url, consumerKey: sandbox.consumerKey, consumerSecret: sandbox.consumerSecret, timeoutSeconds: 5 },
    ...(opts.dropbox === false ? {} : { dropbox: { url: sandbox.dropboxUrl, token: sandbox.dropboxToken } }),
    ledger: { path: ledger },
    ...extra,
  }), { mode: 0o600 });
  let n = 0;
  return {
    dir, config, ledger,
    messagesFile(messages) {
      const file = join(dir, `messages-${n++}.json`);
      writeFileSync(file, JSON.stringify(messages));
      return file;
    },
  };
}

let seq = 0;
/** An SMS as SMSsync posts it. */
export function sms(text: string, from = 'MPESA', at = Date.now()): { from: string; message: string; sent_timestamp: string; message_id: string; sent_to: string; device_id: string } {
  seq++;
  return { from, message: text, sent_timestamp: String(at), message_id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, sent_to: '', device_id: 'shop-phone' };
}

/** `d/m/yy at h:mm AM` in Nairobi time, as M-PESA prints it. */
export function mpesaTime(date: Date): string {
  const local = new Date(date.getTime() + 3 * 3600_000);
  const h = local.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${local.getUTCDate()}/${local.getUTCMonth() + 1}/${String(local.getUTCFullYear()).slice(2)} at ${h12}:${String(local.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Runs one command function in-process behind the real error boundary of `main` (exit code, one line, hint). */
export async function cli(fn: (io: Io) => Promise<number>, env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string; errLine: string; json: Record<string, unknown> }> {
  const io = captureIo({ env: { HOME: '/nonexistent', USER: 'tester', ...env } });
  let code: number;
  try {
    code = await fn(io);
  } catch (error) {
    code = reportError(error, io, false);
  }
  const out = io.out();
  const err = io.err();
  // An error is one line, optionally followed by one hint line; `errLine` is that one line.
  const [errLine = '', ...rest] = err.split('\n').filter((l) => l !== '');
  if (rest.length > 1 || (rest[0] !== undefined && !rest[0].startsWith('  hint: '))) throw new Error(`more than one error line and a hint:\n${err}`);
  return { code, out, err, errLine, json: out.trim().startsWith('{') ? (JSON.parse(out) as Record<string, unknown>) : {} };
}

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../faults/helpers.js';

const bin = join(root, 'bin', 'smsmatch.js');
const dir = mkdtempSync(join(tmpdir(), 'smsmatch-pipe-'));
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({
  shop: { url: 'https://shop.example', consumerKey: 'ck_0123456789abcdef', consumerSecret: 'cs_0123456789abcdef' },
  dropbox: { url: 'http://127.0.0.1:9/wp-json/smsmatch/v1', token: 't'.repeat(32) },
  ledger: { path: join(dir, 'ledger.json') },
}), { mode: 0o600 });
const env = { PATH: process.env['PATH'] ?? '', HOME: dir, TZ: 'UTC' };
const receipt = 'UHSNH45W4A Confirmed.You have received Ksh1.00 from DANIEL KAMAU 0715***897 on 28/8/26 at 10:44 PM New M-PESA balance is Ksh1.00.';

/** The real CLI with its stdout's reading end closed before it writes a byte: every write it makes hits EPIPE. */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, err }));
  });
}

const commands: string[][] = [
  ['--help'],
  ['status', '--config', config],
  ['status', '--json', '--config', config],
  ['review', '--config', config],
  ['parse', '--from', 'MPESA', '--json', receipt],
  ['systemd', '--config', config],
];

describe('output into a closed pipe', () => {
  it.each(commands)('`smsmatch %s …` ends quietly with its own exit code, never an EPIPE stack', async (...args) => {
    for (let i = 0; i < 3; i++) {
      const r = await runIntoClosedPipe(args);

      expect(r.err).not.toMatch(/EPIPE|Unhandled 'error' event|internal error|\n\s+at /);
      expect(r.signal).toBeNull();
      expect(r.code, r.err).toBe(0);
    }
  });

  it('`smsmatch status | head -1` prints the first line and nothing on stderr', () => {
    for (let i = 0; i < 3; i++) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" status --config "${config}" | head -1`], { env, encoding: 'utf8' });

      expect(r.stdout).toMatch(/^daemon: {5}never-ran\n$/);
      expect(r.stderr).toBe('');
    }
  });
});

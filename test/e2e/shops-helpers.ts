import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/index.js';
import { root, shopWith } from '../faults/helpers.js';

/** One shop's config as `init --config DIR/NAME.json` writes it, ticking every second. */
export function writeShop(dir: string, name: string, s: Sandbox, extra: Record<string, unknown> = {}): void {
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({
    shop: { url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, timeoutSeconds: 2 },
    dropbox: { url: s.dropboxUrl, token: s.dropboxToken },
    daemon: { schedule: '* * * * * *', timezone: 'UTC' },
    ...extra,
  }), { mode: 0o600 });
}


export interface ShopsDaemon {
  child: ChildProcessWithoutNullStreams;
  err: () => string;
  exited: Promise<number | null>;
}

/** `smsmatch daemon --shops DIR` as its own process on a PostgreSQL ledger (the built CLI). */
export function spawnShopsDaemon(dir: string, stateDir: string, url: string, children: ChildProcessWithoutNullStreams[]): ShopsDaemon {
  const child = spawn(process.execPath, [join(root, 'bin', 'smsmatch.js'), 'daemon', '--shops', dir, '--state-dir', stateDir], {
    env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', TZ: 'UTC', SMSMATCH_LEDGER_URL: url },
  });
  children.push(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  return { child, err: () => err, exited: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
}

/** Waits for `check`; the elapsed ms, or an error carrying the daemons' logs. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string, log: () => string): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}; logs:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

export interface TwoDaemons {
  shops: Map<string, Sandbox>;
  a: ShopsDaemon;
  b: ShopsDaemon;
  logs: () => string;
  /** Removes the shops directory and both state directories. */
  cleanup: () => void;
}

/** One sandbox shop per name in a --shops directory, served by two daemons sharing one PostgreSQL ledger. */
export async function twoDaemonsOver(names: string[], url: string, now: Date, track: { sandboxes: Sandbox[]; children: ChildProcessWithoutNullStreams[] }): Promise<TwoDaemons> {
  const dirs = ['smsmatch-two-', 'smsmatch-two-a-', 'smsmatch-two-b-'].map((p) => mkdtempSync(join(tmpdir(), p)));
  const [dir, stateA, stateB] = dirs as [string, string, string];
  const shops = new Map<string, Sandbox>();
  for (const name of names) {
    const s = await shopWith(now);
    track.sandboxes.push(s);
    shops.set(name, s);
    writeShop(dir, name, s);
  }
  const a = spawnShopsDaemon(dir, stateA, url, track.children);
  const b = spawnShopsDaemon(dir, stateB, url, track.children);
  return {
    shops, a, b,
    logs: () => `--- A ---\n${a.err()}\n--- B ---\n${b.err()}`,
    cleanup: () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

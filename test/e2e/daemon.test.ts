import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { route, type Sandbox } from '../../src/sandbox/index.js';
import { postSms, proveExactlyOnce, root, shopPayments, shopWith } from '../faults/helpers.js';
import { workspace, type Workspace } from './helpers.js';

interface Daemon {
  child: ChildProcessWithoutNullStreams;
  err(): string;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Daemon[] = [];
let sandbox: Sandbox | undefined;
afterEach(async () => {
  for (const d of running.splice(0)) if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGKILL');
  await sandbox?.close();
  sandbox = undefined;
});

/** The real daemon process (`node bin/smsmatch.js daemon …`), not on a terminal, as under systemd. */
function startDaemon(args: string[]): Daemon {
  const child = spawn(process.execPath, [join(root, 'bin', 'smsmatch.js'), 'daemon', ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', TZ: 'UTC', TERM: 'xterm-256color' } });
  let err = '';
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const daemon: Daemon = {
    child, exited, err: () => err,
    async waitFor(pattern, ms = 8000) {
      const until = Date.now() + ms;
      while (!pattern.test(err)) {
        if (Date.now() > until) throw new Error(`daemon never logged ${pattern}; stderr so far:\n${err}`);
        if (child.exitCode !== null) throw new Error(`daemon exited ${child.exitCode} before logging ${pattern}:\n${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  running.push(daemon);
  return daemon;
}

async function until(check: () => boolean, ms: number, what: string): Promise<number> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - t0;
}

function everySecond(s: Sandbox, extra: Record<string, unknown> = {}): Workspace {
  return workspace(s, { daemon: { schedule: '* * * * * *', timezone: 'UTC' }, ...extra });
}

describe('smsmatch daemon (real process against the sandbox shop)', () => {
  it('confirms an SMS posted to the drop-box on the next tick, logging plain lines without colour', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = everySecond(s);
    const d = startDaemon(['--config', ws.config]);
    await d.waitFor(/daemon started/);
    const [pay] = shopPayments(now, 'UD1');

    expect(await postSms(s, [pay!.message])).toEqual([200]);
    // The tick that saw it applied it (the log line below); how fast is `npm run bench`'s figure, not a test's.
    await until(() => s.state.order(501)?.status === 'processing', 15_000, 'order 501 paid');

    expect(s.state.order(501)?.transaction_id).toBe(pay!.code);
    await d.waitFor(/^info tick: 1 new SMS; confirm 1, applied 1/m);
    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
    expect(d.err()).not.toMatch(/\u001b\[|NODE-CRON/);
    expect(d.err()).not.toMatch(/^debug /m);
  });

  it('SIGTERM during an order write exits 0; after a restart the order is confirmed exactly once', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = everySecond(s);
    const pays = shopPayments(now, 'UD2');
    s.faults.delay(2000, route('POST', '/wc/v3/orders/batch'), { times: 1 });
    const d = startDaemon(['--config', ws.config]);
    await d.waitFor(/daemon started/);
    await postSms(s, pays.map((p) => p.message));
    // The re-read of the orders is the last request before the (delayed) batch write.
    await until(() => s.state.requests.filter((r) => r.method === 'GET' && r.route === '/wc/v3/orders').length >= 2, 5000, 'the re-read');
    await new Promise((r) => setTimeout(r, 300));

    d.child.kill('SIGTERM');
    const exit = await d.exited;

    expect(exit.code, d.err()).toBe(0);
    expect(d.err()).toMatch(/run stopped at a step boundary \(after-write\)/);
    const again = startDaemon(['--config', ws.config, '--once']);
    expect((await again.exited).code, again.err()).toBe(0);
    const proof = proveExactlyOnce(s, ws.ledger, pays, { messageIds: pays.map((p) => p.message.message_id), cursor: 3 });
    expect(proof.problems).toEqual([]);
  });

  it('a second daemon on the same ledger refuses to start (exit 75) and names the running one', async () => {
    const s = (sandbox = await shopWith());
    const ws = everySecond(s);
    const first = startDaemon(['--config', ws.config]);
    await first.waitFor(/daemon started/);

    const second = startDaemon(['--config', ws.config]);
    const exit = await second.exited;

    expect(exit.code).toBe(75);
    expect(second.err()).toContain(`another smsmatch daemon is already running`);
    expect(second.err()).toContain(`pid ${first.child.pid}`);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });

  it('SIGHUP reloads the config (a changed apply setting takes effect); a bad reload keeps the old config', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = everySecond(s);
    const d = startDaemon(['--config', ws.config, '--log-format', 'json']);
    await d.waitFor(/daemon started/);
    const config = JSON.parse(readFileSync(ws.config, 'utf8')) as Record<string, unknown>;

    writeFileSync(ws.config, JSON.stringify({ ...config, daemon: { schedule: 'not a schedule' } }));
    d.child.kill('SIGHUP');
    await d.waitFor(/config reload failed, keeping the previous config/);
    writeFileSync(ws.config, JSON.stringify({ ...config, apply: { onHoldStatus: 'completed' } }));
    d.child.kill('SIGHUP');
    await d.waitFor(/"msg":"config reloaded"/);
    const [pay] = shopPayments(now, 'UD3');
    await postSms(s, [pay!.message]);
    await until(() => s.state.order(501)?.status !== 'on-hold', 5000, 'order 501 updated');

    expect(s.state.order(501)?.status).toBe('completed');
    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
    for (const line of d.err().trim().split('\n')) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
  });

  it('a bad config refuses to start with exit 78, so systemd does not restart-loop', async () => {
    const s = (sandbox = await shopWith());
    const ws = workspace(s, { daemon: { schedule: '*/30 * * *' } });
    const badZone = workspace(s, { daemon: { timezone: 'Mars/Olympus' } });

    const schedule = startDaemon(['--config', ws.config]);
    const zone = startDaemon(['--config', badZone.config]);

    expect((await schedule.exited).code).toBe(78);
    expect(schedule.err()).toMatch(/daemon\.schedule:? "\*\/30 \* \* \*" is not a cron expression \(expected 5 or 6 fields but got 4\)/);
    expect((await zone.exited).code).toBe(78);
    expect(zone.err()).toMatch(/daemon\.timezone:? "Mars\/Olympus" is not an IANA time zone name/);
  });
});

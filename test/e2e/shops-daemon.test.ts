import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runReview } from '../../src/commands/review.js';
import { runStatus } from '../../src/commands/status.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { postSms, proveExactlyOnce, root, shopPayments, shopWith } from '../faults/helpers.js';
import { cli } from './helpers.js';
import { writeShop } from './shops-helpers.js';

const sandboxes: Sandbox[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of sandboxes.splice(0)) await s.close();
});

async function sandbox(now: Date): Promise<Sandbox> {
  const s = await shopWith(now);
  sandboxes.push(s);
  return s;
}

function startShopsDaemon(args: string[], env: Record<string, string> = {}): { child: ChildProcessWithoutNullStreams; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(root, 'bin', 'smsmatch.js'), 'daemon', ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', TZ: 'UTC', ...env } });
  children.push(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, err: () => err, exited };
}

async function until(check: () => boolean, ms: number, what: string, log: () => string): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}; daemon log:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('smsmatch daemon --shops DIR (one process, many sandbox shops)', () => {
  it('serves every shop while one hangs and one is broken, follows SIGHUP adds/removals, and status lists them all', async () => {
    const now = new Date();
    const [alpha, beta, hung, gamma] = [await sandbox(now), await sandbox(now), await sandbox(now), await sandbox(now)];
    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-shops-'));
    const stateDir = mkdtempSync(join(tmpdir(), 'smsmatch-shops-state-'));
    try {
      writeShop(dir, 'alpha', alpha);
      writeShop(dir, 'beta', beta);
      writeShop(dir, 'hung', hung);
      writeFileSync(join(dir, 'broken.json'), '{ "shop": ', { mode: 0o600 });
      hung.faults.hang();
      // Two slots: the hung shop holds one for its whole timeout, the other two shops share the second.
      const d = startShopsDaemon(['--shops', dir, '--state-dir', stateDir, '--concurrency', '2']);
      await until(() => /daemon started/.test(d.err()), 15_000, 'the start line', d.err);
      expect(d.err()).toMatch(/shop not served: config .*broken\.json is not valid JSON/);

      const [payA] = shopPayments(now, 'SA1');
      const [, payB] = shopPayments(now, 'SB1');
      expect(await postSms(alpha, [payA!.message])).toEqual([200]);
      expect(await postSms(beta, [payB!.message])).toEqual([200]);
      await until(() => alpha.state.order(501)?.status === 'processing' && beta.state.order(502)?.status === 'processing', 20_000, 'both healthy shops paid', d.err);

      // SIGHUP: beta's file goes, gamma's arrives; alpha keeps running untouched.
      rmSync(join(dir, 'beta.json'));
      writeShop(dir, 'gamma', gamma);
      d.child.kill('SIGHUP');
      await until(() => /shop added shop=gamma/.test(d.err()) && /shop removed shop=beta/.test(d.err()), 15_000, 'the reload', d.err);
      const [, , payG] = shopPayments(now, 'SG1');
      const [, , payB2] = shopPayments(now, 'SB2');
      expect(await postSms(gamma, [payG!.message])).toEqual([200]);
      expect(await postSms(beta, [payB2!.message])).toEqual([200]);
      await until(() => gamma.state.order(503)?.status === 'processing', 20_000, 'the new shop paid', d.err);
      await new Promise((r) => setTimeout(r, 1500));
      expect(beta.state.order(503)?.status).toBe('on-hold');

      const env = { SMSMATCH_STATE_DIR: stateDir };
      const listed = await cli((io) => runStatus({ shops: dir, json: true }, io), env);
      expect(listed.code).toBe(0);
      const rows = (listed.json['shops'] as Array<{ shop: string; problem: string | null; status: { today: { confirmed: number } } | null }>);
      expect(rows.map((r) => r.shop)).toEqual(['alpha', 'broken', 'gamma', 'hung']);
      expect(rows.find((r) => r.shop === 'alpha')?.status?.today.confirmed).toBe(1);
      expect(rows.find((r) => r.shop === 'broken')?.problem).toMatch(/not valid JSON/);
      const text = await cli((io) => runStatus({ shops: dir }, io), env);
      expect(text.out).toMatch(/^alpha: running, last tick .*; 0 for review, 0 partial, 1 confirmed today/m);
      expect(text.out).toMatch(/^4 shop\(s\): 0 payment\(s\) waiting for review, .*1 shop\(s\) with a problem$/m);
      const one = await cli((io) => runStatus({ shops: dir, shop: 'gamma', json: true }, io), env);
      expect(one.json).toMatchObject({ ledger: join(stateDir, 'shops', 'gamma', 'ledger.json'), today: { confirmed: 1 } });
      const review = await cli((io) => runReview({ shops: dir, shop: 'alpha', json: true }, io), env);
      expect(review.code).toBe(0);
      expect(review.json).toMatchObject({ count: 0 });
      const bad = await cli((io) => runReview({ shops: dir, shop: '../etc/passwd' }, io), env);
      expect(bad.code).toBe(78);
      expect(bad.errLine).toMatch(/--shop "\.\.\/etc\/passwd" is not a shop name/);

      d.child.kill('SIGTERM');
      expect(await d.exited).toBe(0);
      const pA = proveExactlyOnce(alpha, join(stateDir, 'shops', 'alpha', 'ledger.json'), [payA!], { messageIds: [payA!.message.message_id] });
      const pG = proveExactlyOnce(gamma, join(stateDir, 'shops', 'gamma', 'ledger.json'), [payG!], { messageIds: [payG!.message.message_id] });
      expect([...pA.problems, ...pG.problems]).toEqual([]);
      expect(d.err()).toMatch(/shop=hung/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);
});

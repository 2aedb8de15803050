import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { postSms, shopPayments, shopWith } from '../../faults/helpers.js';
import { workspace } from '../../e2e/helpers.js';
import { captureIo } from '../../helpers/io.js';

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('User-Agent', () => {
  it('uses the version package.json declares', async () => {
    const { VERSION } = await import('../../../src/version.js');

    expect(VERSION).toBe(version);
  });

  it('names smsmatch and its version on every request to the shop and the drop-box, reads and writes alike', async () => {
    const now = new Date();
    const s = (sandbox = await shopWith(now));
    const ws = workspace(s);
    await postSms(s, shopPayments(now, 'UA1').map((p) => p.message));
    const before = s.state.requests.length;
    const io = captureIo({ env: { HOME: '/nonexistent' } });

    expect(await main(['reconcile', '--config', ws.config], io), io.err()).toBe(0);
    expect(await main(['status', '--config', ws.config], captureIo({ env: { HOME: '/nonexistent' } }))).toBe(0);

    const made = s.state.requests.slice(before);
    expect(made.map((r) => `${r.method} ${r.route}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^GET .*orders/), expect.stringMatching(/^POST .*orders/), expect.stringMatching(/^GET .*smsmatch\/v1\/messages/), expect.stringMatching(/^GET .*health/),
    ]));
    for (const r of made) expect(r.userAgent, `${r.method} ${r.route}`).toBe(`smsmatch/${version}`);
    expect(s.state.order(501)).toMatchObject({ status: 'processing' });
  });

  it('names smsmatch on the alert webhook too', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const hook = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      const s = (sandbox = await shopWith());
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const ws = workspace(s, { dropbox: { url: s.dropboxUrl, token: 'x'.repeat(32) }, alerts: { webhookUrl: url } });
      const io = captureIo({ env: { HOME: '/nonexistent' } });

      expect(await main(['daemon', '--once', '--config', ws.config], io)).toBe(77);

      expect(seen.length).toBe(1);
      expect(seen[0]?.['user-agent']).toBe(`smsmatch/${version}`);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');

/**
 * Vitest's CJS interop makes the lib's default import the class; plain Node ESM gives the namespace. This compiles
 * the client with tsc and runs it under plain `node` against a local server, proving the production path.
 */
describe('the built client under plain Node ESM', () => {
  let out = '';
  const seen: Array<{ method: string; url: string; type: string | undefined; body: string }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', type: req.headers['content-type'], body });
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-WP-TotalPages', '1');
      const order = { id: 7, number: '7', status: 'on-hold', currency: 'KES', total: '1250.00', date_created_gmt: '2024-05-01T10:00:00' };
      res.end(JSON.stringify(req.url?.includes('/orders/7') ? { ...order, status: 'processing' } : [order]));
    });
  });

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'smsmatch-built-'));
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const flags = ['--outDir', out, '--rootDir', join(root, 'src'), '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2023', '--skipLibCheck', '--esModuleInterop', '--types', 'node'];
    // tsc still emits when files other than ours have type errors; the run below is the real check.
    await run(process.execPath, [tsc, ...flags, join(root, 'src/adapters/woocommerce/client.ts')], { cwd: root }).catch(() => undefined);
    await writeFile(join(out, 'package.json'), '{"type":"module"}');
    await symlink(join(root, 'node_modules'), join(out, 'node_modules'));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  }, 60_000);

  afterAll(async () => {
    server.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('constructs the lib, signs over http with OAuth 1.0a and sends JSON bodies', async () => {
    const { port } = server.address() as AddressInfo;
    const script = `
      import { createShopClient } from './adapters/woocommerce/client.js';
      const c = createShopClient({ url: 'http://127.0.0.1:${port}', consumerKey: 'ck_built', consumerSecret: 'cs_built', retries: 0 });
      const orders = await c.listOrders({ statuses: ['on-hold'] });
      const updated = await c.updateOrder(7, { status: 'processing' });
      console.log(JSON.stringify({ orders: orders.map((o) => o.id), updated: updated.status, count: c.requestCount() }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: out });

    expect(JSON.parse(stdout)).toEqual({ orders: [7], updated: 'processing', count: 2 });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'POST']);
    expect(seen[0]?.url).toMatch(/^\/wp-json\/wc\/v3\/orders\?.*oauth_signature_method=HMAC-SHA256/);
    expect(seen[0]?.url).toContain('status=on-hold');
    expect(seen[1]?.type).toMatch(/^application\/json/);
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({ status: 'processing' });
  });
});

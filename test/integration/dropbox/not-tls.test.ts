import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDropboxClient } from '../../../src/adapters/dropbox/client.js';
import { ConfigError } from '../../../src/errors.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

describe('drop-box URL with https:// on a plain-http port', () => {
  it('says the port does not speak TLS (not "unreachable, check the site is up") and does not retry', async () => {
    let hits = 0;
    server = createServer((_req, res) => { hits++; res.end('{}'); });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const client = createDropboxClient({ url: `https://127.0.0.1:${port}/wp-json/smsmatch/v1`, token: 'a'.repeat(32), sleep: () => Promise.resolve() });

    const error = await client.health().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^the drop-box at https:\/\/127\.0\.0\.1:\d+\/wp-json\/smsmatch\/v1 does not speak TLS \(https\) on that port \(EPROTO\)/);
    expect((error as ConfigError).hint).toContain('use http://');
    expect(client.requestCount()).toBe(1);
    expect(hits).toBe(0);
  });
});

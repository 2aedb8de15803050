import { createServer } from 'node:net';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createDropboxClient, dropboxUrl } from '../../../src/adapters/dropbox/client.js';
import { AuthError, ConfigError, DataError, UnavailableError } from '../../../src/errors.js';

const token = 'tok_0123456789abcdefghijklmnopqrstuv';
const base = 'https://shop.test/wp-json/smsmatch/v1';
const noSleep = () => Promise.resolve();

function message(id: number) {
  return { id, message_id: `m-${id}`, from: 'MPESA', message: `text ${id}`, sent_timestamp: '1788551040000', sent_to: '', device_id: 'p', received_at: '2026-08-28T19:44:03Z' };
}

describe('dropbox client', () => {
  it('builds route URLs for pretty and plain permalinks', () => {
    expect(dropboxUrl(base, '/messages', { after: 5, limit: 100 })).toBe('https://shop.test/wp-json/smsmatch/v1/messages?after=5&limit=100');
    expect(dropboxUrl('https://shop.test/?rest_route=/smsmatch/v1', '/messages', { after: 5 })).toBe(
      'https://shop.test/?rest_route=%2Fsmsmatch%2Fv1%2Fmessages&after=5',
    );
  });

  it('lists a page with both token headers and validates it', async () => {
    const scope = nock('https://shop.test', { reqheaders: { authorization: `Bearer ${token}`, 'x-smsmatch-token': token } })
      .get('/wp-json/smsmatch/v1/messages')
      .query({ after: '0', limit: '2' })
      .reply(200, { messages: [message(1), message(2)], next_after: 2, has_more: true });
    const client = createDropboxClient({ url: base, token, sleep: noSleep });

    const page = await client.listMessages(0, 2);

    expect(page.nextAfter).toBe(2);
    expect(page.hasMore).toBe(true);
    expect(page.messages.map((m) => m.message_id)).toEqual(['m-1', 'm-2']);
    scope.done();
  });

  it('retries a GET after a 503 and counts every request', async () => {
    nock('https://shop.test').get('/wp-json/smsmatch/v1/health').reply(503, 'busy').get('/wp-json/smsmatch/v1/health')
      .reply(200, { plugin_version: '1.0.0', last_sms_at: null, last_poll_at: null, outbox_size: 0 });
    const client = createDropboxClient({ url: base, token, sleep: noSleep });

    const health = await client.health();

    expect(health.plugin_version).toBe('1.0.0');
    expect(client.requestCount()).toBe(2);
  });

  it.each([
    [401, AuthError, /rejected the token/],
    [404, ConfigError, /no \/messages route/],
    [500, UnavailableError, /HTTP 500/],
  ])('maps HTTP %i to a one-line error without the token', async (status, type, message) => {
    nock('https://shop.test').get('/wp-json/smsmatch/v1/messages').query(true).times(4).reply(status, '<html>oops</html>');
    const client = createDropboxClient({ url: base, token, sleep: noSleep, retries: 3 });

    const error = await client.listMessages(0, 100).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(token);
    nock.cleanAll();
  });

  it('refuses HTML instead of JSON and a malformed message item', async () => {
    nock('https://shop.test').get('/wp-json/smsmatch/v1/messages').query(true).reply(200, '<html>Just a moment…</html>');
    const client = createDropboxClient({ url: base, token, sleep: noSleep });
    await expect(client.listMessages(0, 100)).rejects.toThrowError(/not JSON/);

    nock('https://shop.test').get('/wp-json/smsmatch/v1/messages').query(true).reply(200, { messages: [{ id: 'x' }], next_after: 0, has_more: false });
    await expect(client.listMessages(0, 100)).rejects.toBeInstanceOf(DataError);
  });

  it('maps an unreachable drop-box to UnavailableError', async () => {
    const port = await closedPort();
    const client = createDropboxClient({ url: `http://127.0.0.1:${port}/wp-json/smsmatch/v1`, token, sleep: noSleep, retries: 1 });

    await expect(client.health()).rejects.toThrowError(/unreachable \(ECONNREFUSED\)/);
    expect(client.requestCount()).toBe(2);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

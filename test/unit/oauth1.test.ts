import wooModule from '@woocommerce/woocommerce-rest-api';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The lib's own OAuth dependency, used directly only to produce HMAC-SHA1 and PLAINTEXT signatures.
import OAuth from 'oauth-1.0a';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOAuth1 } from '../../src/sandbox/oauth1.js';

const KEY = 'ck_sandbox0123456789abcdef0123456789abcd';
const SECRET = 'cs_sandbox0123456789abcdef0123456789abcd';
const lookup = (key: string): string | null => (key === KEY ? SECRET : null);
const fresh = (): boolean => false;
const now = (): number => Math.floor(Date.now() / 1000);

interface Seen { method: string; url: string }
let server: Server;
let host = '';
const seen: Seen[] = [];

/** Sends a request with the real library over plain http and returns what the server received. */
async function viaLib(method: 'get' | 'post', endpoint: string, arg?: Record<string, unknown>): Promise<Seen> {
  const Woo = ((wooModule as unknown as { default?: unknown }).default ?? wooModule) as new (o: object) => Record<string, (...a: unknown[]) => Promise<unknown>>;
  const api = new Woo({ url: `http://${host}`, consumerKey: KEY, consumerSecret: SECRET, timeout: 5_000 });
  await (method === 'get' ? api['get']!(endpoint, arg ?? {}) : api['post']!(endpoint, arg ?? {}));
  const last = seen.at(-1)!;
  return { method: last.method, url: `http://${host}${last.url}` };
}

function signWith(method: string, url: string, signatureMethod: string, nonce = 'n0nce', ts = now()): string {
  const oauth = new OAuth({
    consumer: { key: KEY, secret: SECRET },
    signature_method: signatureMethod,
    hash_function: (base, key) => createHmac(signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256', key).update(base).digest('base64'),
  });
  oauth.getNonce = () => nonce;
  oauth.getTimeStamp = () => ts;
  const data = oauth.authorize({ url, method });
  const extra = new URLSearchParams(Object.entries(data).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return `${url}${url.includes('?') ? '&' : '?'}${extra}`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' });
    res.setHeader('Content-Type', 'application/json');
    res.end('[]');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

describe('verifyOAuth1 against signatures made by @woocommerce/woocommerce-rest-api', () => {
  it('accepts a signed GET with query params (HMAC-SHA256)', async () => {
    const req = await viaLib('get', 'orders', { status: 'pending,on-hold', per_page: 100, after: '2024-05-01T00:00:00', _fields: 'id,status,billing' });

    expect(req.url).toContain('oauth_signature_method=HMAC-SHA256');
    expect(verifyOAuth1({ ...req, host }, lookup, fresh, now())).toEqual({ ok: true, consumerKey: KEY });
  });

  it('accepts a signed POST (the JSON body is not signed)', async () => {
    const req = await viaLib('post', 'orders/5', { status: 'processing' });

    expect(req.method).toBe('POST');
    expect(verifyOAuth1({ ...req, host }, lookup, fresh, now())).toEqual({ ok: true, consumerKey: KEY });
  });

  it('rejects a tampered parameter', async () => {
    const req = await viaLib('get', 'orders', { status: 'on-hold', per_page: 100 });
    // The lib sends each query param twice (oauth-1.0a merges them into the params axios appends); PHP keeps the last.
    expect(req.url.match(/status=on-hold/g)).toHaveLength(2);
    const tampered = req.url.replaceAll('status=on-hold', 'status=pending');

    expect(tampered).not.toBe(req.url);
    expect(verifyOAuth1({ ...req, url: tampered, host }, lookup, fresh, now())).toEqual({
      ok: false,
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid signature - provided signature does not match.',
    });
  });

  it('rejects a request signed for another host or path', async () => {
    const req = await viaLib('get', 'orders');

    expect(verifyOAuth1({ ...req, host: 'shop.example.com' }, lookup, fresh, now())).toMatchObject({ ok: false, message: 'Invalid signature - provided signature does not match.' });
    expect(verifyOAuth1({ ...req, url: req.url.replace('/orders?', '/orders/1?'), host }, lookup, fresh, now())).toMatchObject({ ok: false, message: 'Invalid signature - provided signature does not match.' });
  });

  it('rejects an old or future timestamp outside ±15 minutes, and accepts one just inside', async () => {
    const req = await viaLib('get', 'orders');
    const t = now();

    expect(verifyOAuth1({ ...req, host }, lookup, fresh, t + 16 * 60)).toEqual({ ok: false, code: 'woocommerce_rest_authentication_error', message: 'Invalid timestamp.' });
    expect(verifyOAuth1({ ...req, host }, lookup, fresh, t - 16 * 60)).toMatchObject({ ok: false, message: 'Invalid timestamp.' });
    expect(verifyOAuth1({ ...req, host }, lookup, fresh, t + 14 * 60)).toMatchObject({ ok: true });
  });

  it('rejects a replayed nonce', async () => {
    const req = await viaLib('get', 'orders');
    const used = new Set<string>();
    const seenNonce = (key: string, nonce: string): boolean => {
      const id = `${key}:${nonce}`;
      const was = used.has(id);
      used.add(id);
      return was;
    };

    expect(verifyOAuth1({ ...req, host }, lookup, seenNonce, now())).toMatchObject({ ok: true });
    expect(verifyOAuth1({ ...req, host }, lookup, seenNonce, now())).toEqual({ ok: false, code: 'woocommerce_rest_authentication_error', message: 'Invalid nonce - nonce has already been used.' });
  });

  it('ignores a tampered first copy of a duplicated param, as PHP keeps only the last one', async () => {
    const req = await viaLib('get', 'orders', { status: 'on-hold' });

    expect(verifyOAuth1({ ...req, url: req.url.replace('status=on-hold', 'status=pending'), host }, lookup, fresh, now())).toMatchObject({ ok: true });
  });

  it('checks the signature before the timestamp', async () => {
    const req = await viaLib('get', 'orders', { status: 'on-hold' });

    expect(verifyOAuth1({ ...req, url: req.url.replaceAll('on-hold', 'pending'), host }, lookup, fresh, now() + 3_600)).toMatchObject({ message: 'Invalid signature - provided signature does not match.' });
  });

  it('names missing OAuth parameters', async () => {
    const req = await viaLib('get', 'orders');
    const without = (url: string, ...names: string[]): string => {
      const u = new URL(url);
      for (const n of names) u.searchParams.delete(n);
      return u.toString();
    };

    expect(verifyOAuth1({ ...req, url: without(req.url, 'oauth_nonce'), host }, lookup, fresh, now())).toEqual({
      ok: false,
      code: 'woocommerce_rest_authentication_missing_parameter',
      message: 'Missing OAuth parameter oauth_nonce',
    });
    expect(verifyOAuth1({ ...req, url: without(req.url, 'oauth_timestamp', 'oauth_signature'), host }, lookup, fresh, now())).toMatchObject({
      message: 'Missing OAuth parameters oauth_timestamp, oauth_signature',
    });
  });

  it('treats a request without any OAuth parameter as anonymous', () => {
    expect(verifyOAuth1({ method: 'GET', url: `http://${host}/wp-json/wc/v3/orders?per_page=1`, host }, lookup, fresh, now())).toMatchObject({ ok: false, anonymous: true });
  });

  it('rejects an unknown consumer key', async () => {
    const req = await viaLib('get', 'orders');

    expect(verifyOAuth1({ ...req, host }, () => null, fresh, now())).toEqual({ ok: false, code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.' });
  });

  it('rejects a key whose secret differs', async () => {
    const req = await viaLib('get', 'orders');

    expect(verifyOAuth1({ ...req, host }, () => 'cs_other', fresh, now())).toMatchObject({ ok: false, message: 'Invalid signature - provided signature does not match.' });
  });
});

describe('verifyOAuth1 with other signers', () => {
  const url = (): string => `http://${host}/wp-json/wc/v3/orders?status=on-hold&per_page=100`;

  it('accepts HMAC-SHA1', () => {
    expect(verifyOAuth1({ method: 'GET', url: signWith('GET', url(), 'HMAC-SHA1'), host }, lookup, fresh, now())).toEqual({ ok: true, consumerKey: KEY });
  });

  it('rejects any other signature method', () => {
    expect(verifyOAuth1({ method: 'GET', url: signWith('GET', url(), 'PLAINTEXT'), host }, lookup, fresh, now())).toMatchObject({ ok: false, message: 'Invalid signature - signature method is invalid.' });
  });

  it('accepts a signature whose "+" arrived unencoded (PHP reads it as a space)', () => {
    let signed = '';
    for (let i = 0; !signed.includes('%2B'); i += 1) signed = signWith('GET', url(), 'HMAC-SHA256', `nonce${i}`);
    const raw = signed.replace(/oauth_signature=([^&]*)/, (_m, s: string) => `oauth_signature=${s.replace(/%2B/g, '+')}`);

    expect(verifyOAuth1({ method: 'GET', url: raw, host }, lookup, fresh, now())).toMatchObject({ ok: true });
  });

  it('accepts OAuth params sent in an Authorization header', () => {
    const oauth = new OAuth({ consumer: { key: KEY, secret: SECRET }, signature_method: 'HMAC-SHA1', hash_function: (b, k) => createHmac('sha1', k).update(b).digest('base64') });
    const header = oauth.toHeader(oauth.authorize({ url: url(), method: 'GET' })).Authorization;

    expect(verifyOAuth1({ method: 'GET', url: url(), host, authorization: header }, lookup, fresh, now())).toMatchObject({ ok: true });
  });

  it('rejects PHP array params signed as `status[]`, as a real shop does', () => {
    const arrays = `http://${host}/wp-json/wc/v3/orders?status[]=pending&status[]=on-hold`;

    expect(verifyOAuth1({ method: 'GET', url: signWith('GET', arrays, 'HMAC-SHA256'), host }, lookup, fresh, now())).toMatchObject({ ok: false, message: 'Invalid signature - provided signature does not match.' });
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { postSms, readLedger, shopPayments, shopWith, shopWrites } from './helpers.js';
import { reconcileOnce } from './inproc.js';
import { countAttack, writeReportPart } from './report.js';

let sandbox: Sandbox | undefined;
const servers: Server[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const s of servers.splice(0)) await new Promise((r) => { s.closeAllConnections(); s.close(r); });
});
afterAll(() => {
  writeReportPart('attacks-dropbox');
});

const ledgerPath = (): string => join(mkdtempSync(join(tmpdir(), 'smsmatch-attack-')), 'ledger.json');
const TOKEN = 'forged-test-token-0123456789abcdef';

/** A drop-box impostor that ignores auth and answers /messages with whatever `page` returns. */
async function fakeDropbox(page: (after: number, limit: number) => unknown, seen: IncomingHttpHeaders[] = []): Promise<string> {
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    const body = JSON.stringify(page(Number(url.searchParams.get('after')), Number(url.searchParams.get('limit'))));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wp-json/smsmatch/v1`;
}

const msg = (id: number, extra: Record<string, unknown> = {}) => ({
  id, message_id: `m-${id}`, from: 'Safaricom', message: `hello ${id}`, sent_timestamp: '0', sent_to: '', device_id: 'x', received_at: '2026-01-01T00:00:00Z', ...extra,
});

describe('forged drop-box answers', () => {
  it('has_more forever with the same page: the run ends after maxPages, nothing stored twice, cursor sane', async () => {
    const s = (sandbox = await shopWith());
    const url = await fakeDropbox(() => ({ messages: [msg(1), msg(2)], next_after: 2, has_more: true }));
    const ledger = ledgerPath();

    // A run that never ended would hit the test's timeout; timings themselves are shown by `npm run bench`.
    const run = await reconcileOnce(s, ledger, { dropbox: { url, token: TOKEN } });
    countAttack();

    expect(run.error).toBeNull();
    expect(run.report?.newMessages).toBe(2);
    expect(readLedger(ledger).cursor.messageId).toBe('2');
  });

  it('ids going backwards never move the cursor back and never re-store a message', async () => {
    const s = (sandbox = await shopWith());
    let call = 0;
    const url = await fakeDropbox(() => (++call === 1 ? { messages: [msg(50), msg(51)], next_after: 51, has_more: false } : { messages: [msg(3), msg(51)], next_after: 3, has_more: false }));
    const ledger = ledgerPath();

    await reconcileOnce(s, ledger, { dropbox: { url, token: TOKEN } });
    const second = await reconcileOnce(s, ledger, { dropbox: { url, token: TOKEN } });
    countAttack();

    expect(second.report?.newMessages).toBe(1);
    expect(readLedger(ledger).cursor.messageId).toBe('51');
    expect(Object.keys(readLedger(ledger).messages).sort()).toEqual(['m-3', 'm-50', 'm-51']);
  });

  it('a giant page (5,000 messages when 100 were asked for) and malformed items are handled without a crash or a payment', async () => {
    const s = (sandbox = await shopWith());
    const many = Array.from({ length: 5_000 }, (_, i) => msg(i + 1));
    let call = 0;
    const url = await fakeDropbox(() => (++call === 1 ? { messages: many, next_after: 5_000, has_more: false } : { messages: [{ id: 'x' }], next_after: 1, has_more: false }));
    const ledger = ledgerPath();

    const first = await reconcileOnce(s, ledger, { dropbox: { url, token: TOKEN } });
    const second = await reconcileOnce(s, ledger, { dropbox: { url, token: TOKEN } });
    countAttack(2);

    expect(first.error).toBeNull();
    expect(first.report?.newMessages).toBe(5_000);
    expect((second.error as Error).message).toMatch(/malformed message/);
    expect(shopWrites(s)).toBe(0);
  });

  it('a drop-box URL that redirects to another origin does not hand it the token', async () => {
    const s = (sandbox = await shopWith());
    const seen: IncomingHttpHeaders[] = [];
    const thief = await fakeDropbox(() => ({ messages: [], next_after: 0, has_more: false }), seen);
    const redirector = createServer((req, res) => res.writeHead(302, { Location: `${thief}${(req.url ?? '').replace(/^\/wp-json\/smsmatch\/v1/, '')}` }).end());
    servers.push(redirector);
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/wp-json/smsmatch/v1`;

    const run = await reconcileOnce(s, ledgerPath(), { dropbox: { url, token: TOKEN } });
    countAttack();

    expect(JSON.stringify(seen)).not.toContain(TOKEN);
    expect((run.error as Error | null)?.message).toMatch(/redirect/);
  });

  it('the real drop-box refuses a client without the token or with a wrong one (401), and reconcile says so', async () => {
    const s = (sandbox = await shopWith());
    const none = await fetch(`${s.dropboxUrl}/messages?after=0&limit=10`);
    const wrong = await fetch(`${s.dropboxUrl}/messages?after=0&limit=10`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } });
    const run = await reconcileOnce(s, ledgerPath(), { dropbox: { url: s.dropboxUrl, token: 'wrong-token-0123456789' } });
    countAttack(3);

    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect((run.error as Error).constructor.name).toBe('AuthError');
  });
});

describe('SMSsync posts to the sandbox drop-box', () => {
  it('without the secret, with a wrong one, or with it only in a JSON/XML field it cannot parse: 403, nothing stored', async () => {
    const s = (sandbox = await shopWith());
    const pay = shopPayments(new Date(), 'UD1')[0]!.message;
    const attempts = [
      await postSms(s, [pay], ''),
      await postSms(s, [pay], 'wrong'),
      await postSms(s, [pay], `${s.smssyncSecret} `),
      await postSms(s, [pay], s.smssyncSecret.toUpperCase() === s.smssyncSecret ? 'x' : s.smssyncSecret.toUpperCase()),
    ].flat();
    const noField = await fetch(s.smssyncUrl, { method: 'POST', body: new URLSearchParams(pay) });
    countAttack(attempts.length + 1);

    expect([...attempts, noField.status]).toEqual([403, 403, 403, 403, 403]);
    expect(s.state.dropbox.messages).toEqual([]);
  });

  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
    `<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>`;
  it.each([
    ['invalid JSON', () => '{"secret": "S", "from": "MPESA", "message": '],
    ['deeply nested JSON', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['an XML entity bomb carrying the secret', (secret: string) => `${bomb}<payload><secret>${secret}</secret><from>MPESA</from><message>&lol9;</message><message_id>x1</message_id></payload>`],
    ['an external entity', (secret: string) => `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><payload><secret>${secret}</secret><from>MPESA</from><message>&x;</message><message_id>x2</message_id></payload>`],
    ['a 9 MB form body with the secret', (secret: string) => `secret=${secret}&from=MPESA&message_id=big&message=${'A'.repeat(9 * 1024 * 1024)}`],
  ])('%s: answered, nothing stored, nothing expanded', async (_name, body) => {
    const s = (sandbox = await shopWith());

    // An answer that hung (an expanded entity, a parser walking 9 MB) would hit the test's timeout instead.
    const res = await fetch(s.smssyncUrl, { method: 'POST', body: body(s.smssyncSecret), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    await res.text();
    countAttack();

    expect([403, 413]).toContain(res.status);
    expect(s.state.dropbox.messages).toEqual([]);
  });

  it('a 1 MB SMS with the secret is taken cut to 4 KB and marked (as the plugin does), reconcile stores it cut and never trusts it', async () => {
    const s = (sandbox = await shopWith());
    const huge = { ...shopPayments(new Date(), 'UD2')[0]!.message, message_id: 'huge-1' };
    huge.message = `${huge.message}${' x'.repeat(512 * 1024)}`;

    expect(await postSms(s, [huge])).toEqual([200]);
    const path = ledgerPath();
    const run = await reconcileOnce(s, path);
    countAttack();

    expect(run.error).toBeNull();
    expect(run.report?.newMessages).toBe(1);
    expect(run.report?.counts).toMatchObject({ confirm: 0, applied: 0 });
    expect(run.report?.warnings.join('\n')).toMatch(/SMS huge-1 from MPESA was 1,048,\d{3} bytes, more than any real SMS \(4096 bytes\): kept its first 4096 bytes/);
    expect(s.state.order(501)).toMatchObject({ status: 'on-hold', transaction_id: '' });
    const stored = readLedger(path).messages['huge-1'] as { raw: { message: string }; truncated: { originalBytes: number; sha256: string }; parsed: { trusted: boolean } };
    expect(Buffer.byteLength(stored.raw.message)).toBeLessThanOrEqual(4096);
    expect(stored.truncated).toEqual({ originalBytes: Buffer.byteLength(huge.message), sha256: createHash('sha256').update(huge.message).digest('hex') });
    expect(stored.parsed.trusted).toBe(false);
    expect(statSync(path).size).toBeLessThan(64 * 1024);
  });
});

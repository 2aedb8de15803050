import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineInitCommand, type InitCommandOptions } from '../../src/app/init/command-spec.js';
import { promptValues, type Prompts } from '../../src/app/init/values.js';
import { runInit } from '../../src/commands/init.js';
import { isSmsmatchError } from '../../src/errors.js';
import { main } from '../../src/main.js';
import { buildProgram } from '../../src/program.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { captureIo, type CapturedIo } from '../helpers/io.js';
import { mpesaTime, sms } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = new Date();
const RO = { key: 'ck_readonly0000000000000000000000000000', secret: 'cs_readonly0000000000000000000000000000' };

async function shop(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  sandbox = await startSandbox({
    orders: [{ id: 501, status: 'on-hold', total: 1500, createdAt: new Date(now.getTime() - 3_600_000).toISOString(), billing: { first_name: 'Jane', last_name: 'Wanjiru', phone: '0712 345 678', email: 'jane@example.com' } }],
    readOnlyKey: RO,
    ...options,
  });
  return sandbox;
}

const registered = buildProgram(captureIo(), { exitCode: 0 }).commands.some((c) => c.name() === 'init');

/** `smsmatch init …` in-process: through main() once the command table has it, else through the same options. */
async function init(args: string[], env: Record<string, string> = {}): Promise<{ code: number; io: CapturedIo; all: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent', ...env } });
  const code = registered ? await main(['init', ...args], io) : await viaSpec(args, io);
  return { code, io, all: io.out() + io.err() };
}

async function viaSpec(args: string[], io: CapturedIo): Promise<number> {
  let code = 0;
  const program = new Command('smsmatch').exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  defineInitCommand(program.command('init')).action(async (opts: InitCommandOptions) => {
    code = await runInit(opts, io);
  });
  try {
    await program.parseAsync(['init', ...args], { from: 'user' });
    return code;
  } catch (error) {
    if (!isSmsmatchError(error)) throw error;
    io.stderr.write(`smsmatch: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'smsmatch-init-'));
}

function creds(s: Sandbox, url = s.url, key = s.consumerKey, secret = s.consumerSecret): string[] {
  return ['--non-interactive', '--shop-url', url, '--consumer-key', key, '--consumer-secret', secret];
}

describe('smsmatch init --non-interactive against the sandbox', () => {
  it('checks the shop, writes a 0600 config that config check accepts and reconcile --dry-run uses, and prints no secret', async () => {
    const s = await shop();
    const dir = tempDir();
    const config = join(dir, 'new', 'config.json');
    const state = join(dir, 'state', 'ledger.json');

    const { code, io, all } = await init([...creds(s), '--dropbox-url', s.dropboxUrl, '--dropbox-token', s.dropboxToken, '--config', config, '--state', state]);

    expect(code).toBe(0);
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700);
    const written = JSON.parse(readFileSync(config, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(written['shop']).toMatchObject({ url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret });
    expect(written['dropbox']).toMatchObject({ url: s.dropboxUrl, token: s.dropboxToken });
    expect(written['ledger']).toEqual({ path: state });
    expect(written['matching']).toEqual({ callingCode: '254' });
    expect(written['daemon']).toEqual({ timezone: 'Africa/Nairobi' });
    const lines = io.out().split('\n');
    for (const name of ['read access', 'write access', 'store currency', 'time zone', 'drop-box']) expect(lines.find((l) => l.includes(`${name}:`))).toMatch(/^ok /);
    expect(lines.find((l) => l.includes('https:'))).toMatch(/^warn https: plain http/);
    expect(io.out()).toContain(`key ck_…${s.consumerKey.slice(-4)}`);
    expect(io.out()).toContain('matching.callingCode = 254');
    expect(io.out()).toContain('smsmatch reconcile --dry-run');
    for (const secret of [s.consumerSecret, s.consumerKey, s.dropboxToken]) expect(all).not.toContain(secret);
    expect(s.state.requests.filter((r) => r.method !== 'GET').map((r) => r.path)).toEqual(['/wp-json/wc/v3/orders/batch']);
    expect(s.state.order(501)).toMatchObject({ status: 'on-hold' });

    const check = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await main(['config', 'check', '--config', config], check)).toBe(0);
    expect(check.err()).toBe('');
    const messages = join(dir, 'messages.json');
    writeFileSync(messages, JSON.stringify([sms(`UK1AB2CD3E Confirmed.You have received Ksh1,500.00 from JANE WANJIRU 0712345678 on ${mpesaTime(new Date(now.getTime() - 300_000))} New M-PESA balance is Ksh9,500.00.`)]));
    const dry = captureIo({ env: { HOME: '/nonexistent' } });
    expect(await main(['reconcile', '--dry-run', '--json', '--config', config, '--messages', messages], dry)).toBe(0);
    expect(JSON.parse(dry.out())).toMatchObject({ applied: [{ orderId: 501, outcome: 'would-apply' }] });
  });

  it('takes the calling code and a fixed-offset time zone from the shop, and keeps a DST zone out', async () => {
    const tz = await shop({ currency: 'TZS', timezone: 'Africa/Dar_es_Salaam' });
    const first = join(tempDir(), 'config.json');
    expect((await init([...creds(tz), '--config', first])).code).toBe(0);
    expect(JSON.parse(readFileSync(first, 'utf8'))).toMatchObject({ matching: { callingCode: '255' }, daemon: { timezone: 'Africa/Dar_es_Salaam' } });
    await tz.close();

    const eg = await shop({ currency: 'EGP', timezone: 'Africa/Cairo' });
    const second = join(tempDir(), 'config.json');
    const { code, io } = await init([...creds(eg), '--config', second]);
    expect(code).toBe(0);
    const written = JSON.parse(readFileSync(second, 'utf8')) as Record<string, unknown>;
    expect(written['matching']).toBeUndefined();
    expect(written['daemon']).toBeUndefined();
    expect(io.out()).toContain('daemon.timezone stays Africa/Nairobi');
    expect(io.out()).toContain('no calling code known for it');
  });

  it('takes the values from SMSMATCH_* variables, and names the flag of a missing one', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');

    const missing = await init(['--non-interactive', '--shop-url', s.url, '--consumer-key', s.consumerKey, '--config', config]);
    expect(missing.code).toBe(64);
    expect(missing.io.err()).toContain('missing --consumer-secret');
    expect(missing.io.err()).toContain('SMSMATCH_CONSUMER_SECRET');

    const fromEnv = await init(['--non-interactive', '--config', config], { SMSMATCH_SHOP_URL: s.url, SMSMATCH_CONSUMER_KEY: s.consumerKey, SMSMATCH_CONSUMER_SECRET: s.consumerSecret });
    expect(fromEnv.code).toBe(0);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toMatchObject({ shop: { consumerSecret: s.consumerSecret } });
    expect(fromEnv.all).not.toContain(s.consumerSecret);
  });

  it('without a terminal and without --non-interactive it never waits for input', async () => {
    const config = join(tempDir(), 'config.json');
    const { code, io } = await init(['--config', config, '--no-verify']);
    expect(code).toBe(64);
    expect(io.err()).toContain('missing --shop-url');
  });

  it('names a malformed key by its flag before making any request', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    const { code, io } = await init([...creds(s, s.url, 'key-without-prefix'), '--config', config]);
    expect(code).toBe(64);
    expect(io.err()).toContain('--consumer-key (shop.consumerKey): must look like ck_');
    expect(s.state.requests).toEqual([]);
    expect(existsSync(config)).toBe(false);
  });

  it('refuses to replace an existing config without --force, and keeps the sections it does not manage', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, JSON.stringify({ apply: { onHoldStatus: 'completed' }, shop: { url: 'https://old.example', consumerKey: 'ck_old00000000', consumerSecret: 'cs_old00000000', timeoutSeconds: 7 } }), { mode: 0o600 });

    const refused = await init([...creds(s), '--config', config]);
    expect(refused.code).toBe(64);
    expect(refused.io.err()).toContain('already exists');
    expect(s.state.requests).toEqual([]);

    const forced = await init([...creds(s), '--config', config, '--force']);
    expect(forced.code).toBe(0);
    const written = JSON.parse(readFileSync(config, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(written['apply']).toEqual({ onHoldStatus: 'completed' });
    expect(written['shop']).toEqual({ url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, timeoutSeconds: 7 });
  });

  it('--no-verify writes without asking the shop anything', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    const { code, io } = await init([...creds(s), '--config', config, '--no-verify']);
    expect(code).toBe(0);
    expect(s.state.requests).toEqual([]);
    expect(io.out()).toContain('--no-verify');
    expect(statSync(config).mode & 0o777).toBe(0o600);
  });
});

/** An https front for the sandbox (self-signed, trusted for this file only): Basic auth is what real shops see. */
describe('smsmatch init: each failure gets one line, its exit code, and no config', () => {
  let certDir = '';
  let front: Server | undefined;
  let frontUrl = '';

  beforeAll(() => {
    certDir = tempDir();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  });
  // nock's interceptor builds its own TLS sockets (no agent options), so trust the loopback front this way;
  // Node reads the variable at each connection and vitest unstubs it after every test.
  beforeEach(() => {
    vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', '0');
  });
  afterEach(async () => {
    if (front) await new Promise<void>((r) => { front!.close(() => r()); front!.closeAllConnections(); });
    front = undefined;
  });

  async function httpsFront(s: Sandbox): Promise<string> {
    const target = new URL(s.url);
    front = createHttpsServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, (req, res) => {
      const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
    });
    await new Promise<void>((r) => front!.listen(0, '127.0.0.1', r));
    frontUrl = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
    return frontUrl;
  }

  async function deadPort(): Promise<number> {
    const server = createHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    return port;
  }

  it('succeeds over https with Basic auth (the https check passes without a warning)', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    const { code, io } = await init([...creds(s, await httpsFront(s)), '--config', config]);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^ok {3}https: the shop URL uses https$/m);
  });

  it('a certificate this machine does not trust is named as such (exit 78), not as an unreachable shop', async () => {
    vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', undefined);
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    const { code, io } = await init([...creds(s, await httpsFront(s)), '--config', config]);
    expect(code).toBe(78);
    expect(io.out()).toMatch(/^FAIL read access: the shop at https:\/\/127\.0\.0\.1:\d+ presented a TLS certificate this machine does not trust \(DEPTH_ZERO_SELF_SIGNED_CERT\) — fix: .*NODE_EXTRA_CA_CERTS/m);
    expect(existsSync(config)).toBe(false);
    expect(s.state.requests).toEqual([]);
  });

  type Case = [name: string, setup: (s: Sandbox) => Promise<string[]>, exit: number, failing: string, says: RegExp];
  const cases: Case[] = [
    ['wrong secret', async (s) => creds(s, await httpsFront(s), s.consumerKey, 'cs_wrongwrongwrongwrongwrong'), 77, 'read access', /rejected the consumer secret.*fix: copy the consumer secret again/],
    ['unknown key', async (s) => creds(s, await httpsFront(s), 'ck_unknownunknownunknown', s.consumerSecret), 77, 'read access', /as if no credentials were sent \(401 woocommerce_rest_cannot_view.*consumer key is unknown/],
    // Over plain http the secret only signs the request (OAuth 1.0a): the shop says the signature does not match.
    ['wrong secret over plain http', (s) => Promise.resolve(creds(s, s.url, s.consumerKey, 'cs_wrongwrongwrongwrongwrong')), 77, 'read access', /signature does not match: the consumer secret is wrong .*fix: over plain http .*copy the consumer secret again/],
    ['https:// to a plain-http port', (s) => Promise.resolve(creds(s, s.url.replace('http:', 'https:'))), 78, 'read access', /does not speak TLS \(https\) on that port \(EPROTO\): it is probably a plain-http port — fix: use http:\/\/ for that port/],
    ['read-only key', (s) => Promise.resolve(creds(s, s.url, RO.key, RO.secret)), 77, 'write access', /API key is read-only.*fix: create a Read\/Write key/],
    ['Authorization header stripped', async (s) => { s.faults.stripAuthorization(true); return creds(s, await httpsFront(s)); }, 77, 'read access', /as if no credentials were sent.*queryStringAuth/],
    ['no WooCommerce at the URL (404)', (s) => Promise.resolve(creds(s, `${s.url}/blog`)), 78, 'read access', /no WooCommerce REST API at .*\/blog\/wp-json\/wc\/v3.*Permalinks/],
    ['HTML instead of JSON', (s) => { s.faults.htmlInsteadOfJson(); return Promise.resolve(creds(s)); }, 69, 'read access', /maintenance page instead of JSON/],
    ['unreachable shop', async (s) => creds(s, `http://127.0.0.1:${await deadPort()}`), 69, 'read access', /cannot reach the shop at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/],
  ];

  it.each(cases)('%s', async (_name, setup, exit, failing, says) => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    const args = await setup(s);

    const { code, io, all } = await init([...args, '--config', config]);

    expect(code).toBe(exit);
    expect(existsSync(config)).toBe(false);
    const fails = io.out().split('\n').filter((l) => l.startsWith('FAIL') && !l.includes('not checked'));
    expect(fails).toHaveLength(1);
    expect(fails[0]).toMatch(new RegExp(`^FAIL ${failing}: `));
    expect(fails[0]).toMatch(says);
    expect(io.err()).toContain('was not written');
    for (const secret of [s.consumerSecret, RO.secret, 'cs_wrongwrongwrongwrongwrong', s.consumerKey, RO.key]) expect(all).not.toContain(secret);
    expect(s.state.orders.map((o) => o.status)).toEqual(['on-hold']);
  });

  it('a shop URL ending in /wp-json/wc/v3 is refused before any request: use the site root', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    const { code, io } = await init([...creds(s, `${s.url}/wp-json/wc/v3`), '--config', config]);
    expect(code).toBe(64);
    expect(io.err()).toMatch(/--shop-url \(shop\.url\): is the REST API address, not the site: use the site root, e\.g\. https:\/\/shop\.example/);
    expect(io.err()).not.toMatch(/Permalinks/);
    expect(existsSync(config)).toBe(false);
    expect(s.state.requests).toEqual([]);
  });

  it('--force writes the config despite a failed check and still exits with its code', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    const { code } = await init([...creds(s, s.url, RO.key, RO.secret), '--config', config, '--force']);
    expect(code).toBe(77);
    expect(statSync(config).mode & 0o777).toBe(0o600);
  });
});

describe('the interactive flow (prompts injected)', () => {
  function fakePrompts(answers: Array<string | boolean>): Prompts & { asked: Array<{ kind: string; message: string; default?: unknown; mask?: unknown }> } {
    const asked: Array<{ kind: string; message: string; default?: unknown; mask?: unknown }> = [];
    const next = (): string | boolean => {
      if (answers.length === 0) throw new Error('asked more than expected');
      return answers.shift()!;
    };
    return {
      asked,
      // Like inquirer: an empty answer takes the default.
      input: (c) => { asked.push({ kind: 'input', message: c.message, default: c.default }); const a = String(next()); return Promise.resolve(a === '' ? (c.default ?? '') : a); },
      password: (c) => { asked.push({ kind: 'password', message: c.message, mask: c.mask }); return Promise.resolve(String(next())); },
      confirm: (c) => { asked.push({ kind: 'confirm', message: c.message, default: c.default }); return Promise.resolve(next() === true); },
    };
  }

  it('asks for each value, masks the secrets, and offers the current ones as defaults', async () => {
    const prompts = fakePrompts(['https://shop.example', 'ck_abcdefgh1234', '', true, 'https://shop.example/wp-json/smsmatch/v1', 'token-token-token-token']);

    const values = await promptValues(prompts, { shopUrl: 'https://old.example', consumerSecret: 'cs_current12345' });

    expect(values).toEqual({ shopUrl: 'https://shop.example', consumerKey: 'ck_abcdefgh1234', consumerSecret: 'cs_current12345', dropboxUrl: 'https://shop.example/wp-json/smsmatch/v1', dropboxToken: 'token-token-token-token' });
    expect(prompts.asked.map((a) => a.kind)).toEqual(['input', 'input', 'password', 'confirm', 'input', 'password']);
    expect(prompts.asked[0]?.default).toBe('https://old.example');
    expect(prompts.asked[2]).toMatchObject({ mask: '*', message: expect.stringContaining('empty = keep') });
    expect(prompts.asked[5]).toMatchObject({ mask: '*' });
  });

  it('runInit confirms before replacing a config, then checks and writes what was answered', async () => {
    const s = await shop();
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, JSON.stringify({ shop: { url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret } }), { mode: 0o600 });
    const io = captureIo({ env: { HOME: '/nonexistent' } });

    const declined = await runInit({ config }, io, { prompts: fakePrompts([false]) });
    expect(declined).toBe(0);
    expect(io.out()).toContain('unchanged');

    const prompts = fakePrompts([true, '', '', '', false]);
    expect(await runInit({ config }, io, { prompts })).toBe(0);
    expect(prompts.asked[1]).toMatchObject({ kind: 'input', default: s.url });
    expect(prompts.asked[2]).toMatchObject({ kind: 'input', default: s.consumerKey });
    expect(JSON.parse(readFileSync(config, 'utf8'))).toMatchObject({ shop: { url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret } });
    expect(io.out() + io.err()).not.toContain(s.consumerSecret);
  });
});

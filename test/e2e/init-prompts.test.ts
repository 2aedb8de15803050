import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerChecks, promptValues, type Prompts } from '../../src/app/init/values.js';
import { main } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

/** A terminal's stdin: inquirer puts it in raw mode and reads key presses from it. */
function terminalStdin(): PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => void } {
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('smsmatch init at a terminal (real prompts)', () => {
  it('Ctrl-C at the first prompt exits 130 with one line and writes nothing', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'smsmatch-init-')), 'config.json');
    const io = captureIo({ env: { HOME: '/nonexistent' }, isTTY: true });
    const stdin = terminalStdin();
    io.stdin = stdin;

    const running = main(['init', '--config', config], io);
    await until(() => io.out().includes('Shop URL'), 'the first prompt');
    stdin.write('\u0003');
    const code = await running;

    expect(code).toBe(130);
    expect(io.err()).toBe('smsmatch: init cancelled; nothing was written\n');
    expect(existsSync(config)).toBe(false);
  });

  it('re-asks a malformed answer at once, with the reason, before going on', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'smsmatch-init-')), 'config.json');
    const io = captureIo({ env: { HOME: '/nonexistent' }, isTTY: true });
    const stdin = terminalStdin();
    io.stdin = stdin;

    const running = main(['init', '--config', config, '--no-verify'], io);
    await until(() => io.out().includes('Shop URL'), 'the shop URL prompt');
    stdin.write('https://shop.example/wp-json/wc/v3\r');
    await until(() => io.out().includes('give the site root'), 'the site-root complaint');
    expect(io.out()).not.toContain('consumer key (ck_');
    stdin.write('\u0003');

    expect(await running).toBe(130);
    expect(existsSync(config)).toBe(false);
  });
});

describe('answer checks (the same rules as the config file)', () => {
  it.each([
    ['shopUrl', 'https://shop.example', true],
    ['shopUrl', 'shop.example', /not a web address/],
    ['shopUrl', 'https://shop.example/wp-json', /site root/],
    ['shopUrl', 'https://shop.example/?rest_route=/wc/v3', /site root/],
    ['consumerKey', 'ck_0123456789abcdef', true],
    ['consumerKey', 'cs_0123456789abcdef', /that is the consumer secret/],
    ['consumerKey', 'ck_ 0123', /starts with ck_/],
    ['consumerSecret', 'cs_0123456789abcdef', true],
    ['consumerSecret', 'ck_0123456789abcdef', /that is the consumer key/],
    ['dropboxUrl', 'https://shop.example/wp-json/smsmatch/v1', true],
    ['dropboxUrl', 'smsmatch/v1', /not a web address/],
    ['dropboxToken', 'short', /at least 16/],
    ['dropboxToken', 'abcdefghijklmnopqrstuvwxyz012345', true],
  ] as const)('%s %j', (key, value, expected) => {
    const result = answerChecks[key](value);
    if (expected === true) expect(result).toBe(true);
    else expect(result).toMatch(expected);
  });

  it('wires each check into its prompt and defaults the drop-box question to yes', async () => {
    const seen: Array<{ message: string; default?: unknown; validate?: (v: string) => boolean | string }> = [];
    const answers = ['https://shop.example', 'ck_0123456789abcdef', 'cs_0123456789abcdef', true, 'https://shop.example/wp-json/smsmatch/v1', 'abcdefghijklmnopqrstuvwxyz012345'];
    const take = <T>(c: { message: string; default?: unknown; validate?: (v: string) => boolean | string }): Promise<T> => {
      seen.push(c);
      return Promise.resolve(answers.shift() as T);
    };
    const prompts: Prompts = { input: (c) => take(c), password: (c) => take(c), confirm: (c) => take(c) };

    await promptValues(prompts, {});

    expect(seen[3]).toMatchObject({ default: true });
    expect(seen[0]?.validate?.('https://x.example/wp-json/wc/v3')).toMatch(/site root/);
    expect(seen[1]?.validate?.('nope')).toMatch(/ck_/);
    expect(seen[2]?.validate?.('nope')).toMatch(/cs_/);
    expect(seen[4]?.validate?.('nope')).toMatch(/not a web address/);
    expect(seen[5]?.validate?.('short')).toMatch(/at least 16/);
  });
});

import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLearn, type LearnPrompts } from '../../src/commands/learn.js';
import { Config } from '../../src/config/schema.js';
import { main, reportError } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

const env = { HOME: '/nonexistent-home-for-tests' };

// Orange Money Burkina Faso receipts (shapes from the shared corpus, names and numbers our own).
const ORANGE = [
  'Vous avez recu 2,500.00 FCFA du 57000111,AWA SAWADOGO. Le solde de votre compte est de 10271.9101 FCFA Trans ID: PP261016.2147.10000001. Flashez le QR CODE marchand',
  'Vous avez reçu 500.00 FCFA du 76000222,ISSA. Le solde de votre compte est de 700.00 FCFA Trans ID: PP261016.2200.10000002.',
  'Vous avez recu 3,000.00 FCFA du\n65000333,J. K. ZONGO. Le solde de votre compte est de 3000.0000 FCFA Trans ID: PP261016.2300.10000003.',
].join('\n\n');
const FLAGS = ['--sender', 'OrangeBF', '--currency', 'XOF', '--calling-code', '226', '--country', 'BF'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'smsmatch-learn-'));
}

function samplesFile(dir: string, text: string): string {
  const file = join(dir, 'samples.txt');
  writeFileSync(file, text);
  return file;
}

describe('smsmatch learn', () => {
  it('prints the definition and what it reads from each sample', async () => {
    const dir = tempDir();
    const io = captureIo({ env });

    const code = await main(['learn', ...FLAGS, samplesFile(dir, ORANGE)], io);

    expect(code, io.err()).toBe(0);
    const out = io.out();
    expect(out).toContain('"id": "orangebf-bf"');
    expect(out).toMatch(/1 +PP261016\.2147\.10000001 +XOF 2500 +AWA SAWADOGO +\+22657000111/);
    expect(out).toMatch(/3 +PP261016\.2300\.10000003 +XOF 3000 +J\. K\. ZONGO +\+22665000333/);
    expect(out).toContain('none is read as a payment');
    expect(out).toContain('not written');
  });

  it('--json gives a definition the config schema accepts, read from stdin', async () => {
    const io = captureIo({ env, stdin: ORANGE });

    const code = await main(['learn', ...FLAGS, '--json', '--non-interactive', '-'], io);

    expect(code, io.err()).toBe(0);
    const result = JSON.parse(io.out());
    expect(Config.safeParse({ providers: [result.provider] }).success).toBe(true);
    expect(result.readings.map((r: { amount: string }) => r.amount)).toEqual(['2500', '500', '3000']);
    expect(result.lookAlikes.accepted).toEqual([]);
    expect(result.written).toBeNull();
  });

  it('--write adds the provider; parse then reads a new payment from that sender and distrusts others', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ ledger: { retentionDays: 7 } }), { mode: 0o600 });
    const io = captureIo({ env });

    expect(await main(['learn', ...FLAGS, '--config', config, '--write', samplesFile(dir, ORANGE)], io), io.err()).toBe(0);

    const saved = JSON.parse(readFileSync(config, 'utf8'));
    expect(saved.ledger).toEqual({ retentionDays: 7 });
    expect(saved.providers.map((p: { id: string }) => p.id)).toEqual(['orangebf-bf']);
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(io.out()).toContain(`wrote ${config}`);
    const fresh = 'Vous avez recu 12 500,00 FCFA du 70999888,MOUSSA DIALLO KONE. Le solde de votre compte est de 13000.00 FCFA Trans ID: PP261101.0800.10000099.';
    const parsed = captureIo({ env });
    expect(await main(['parse', '--config', config, '--from', 'OrangeBF', '--json', fresh], parsed)).toBe(0);
    expect(JSON.parse(parsed.out())).toMatchObject({ kind: 'payment', trusted: true, provider: 'orangebf-bf', code: 'PP261101.0800.10000099', amount: '12500', payerName: 'MOUSSA DIALLO KONE', payerPhone: '+22670999888' });
    const spoof = captureIo({ env });
    expect(await main(['parse', '--config', config, '--from', '+22670000000', '--json', fresh], spoof)).toBe(0);
    expect(JSON.parse(spoof.out()).trusted).toBe(false);
    const sent = captureIo({ env });
    await main(['parse', '--config', config, '--from', 'OrangeBF', '--json', fresh.replace('Vous avez recu', 'Vous avez envoye')], sent);
    expect(JSON.parse(sent.out()).kind).not.toBe('payment');
  });

  it('refuses a sender that belongs to a built-in provider unless --id names it', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    const file = samplesFile(dir, ORANGE);
    const io = captureIo({ env });

    const code = await main(['learn', '--sender', 'OrangeMoney', '--currency', 'XOF', '--calling-code', '226', '--country', 'BF', '--config', config, '--write', file], io);

    expect(code).toBe(64);
    expect(io.err()).toContain('sender OrangeMoney is already the built-in provider orange-bf');
    expect(io.err()).toContain('--id orange-bf');
    expect(existsSync(config)).toBe(false);
    const replacing = captureIo({ env });
    expect(await main(['learn', '--sender', 'OrangeMoney', '--id', 'orange-bf', '--currency', 'XOF', '--calling-code', '226', '--country', 'BF', '--config', config, '--write', file], replacing), replacing.err()).toBe(0);
    expect(JSON.parse(readFileSync(config, 'utf8')).providers[0].id).toBe('orange-bf');
  });

  it('--non-interactive names the sum it cannot place and what would settle it, in one line', async () => {
    const dir = tempDir();
    // Two sums and no word saying which one is the balance.
    const text = ['PAY 1200 TZS 5400 TZS from ASHA JUMA ref TX10001', 'PAY 300 TZS 5700 TZS from JOHN PETER ref TX10002', 'PAY 50 TZS 5750 TZS from MARIA ref TX10003'].join('\n\n');
    const io = captureIo({ env });

    const code = await main(['learn', '--sender', 'TestPay', '--currency', 'TZS', '--calling-code', '255', '--country', 'TZ', '--non-interactive', samplesFile(dir, text)], io);

    expect(code).toBe(65);
    const first = io.err().split('\n')[0]!;
    expect(first).toContain('cannot decide which sum is "1200" / "300" / "50"');
    expect(io.err()).toContain('give samples where a word says which sum is the payment and which is the balance');
  });

  it('asks at a terminal and uses the answers', async () => {
    const dir = tempDir();
    const text = ['PAY 1200 TZS 5400 TZS from ASHA JUMA ref TX10001', 'PAY 300 TZS 5700 TZS from JOHN PETER ref TX10002', 'PAY 50 TZS 5750 TZS from MARIA ref TX10003'].join('\n\n');
    const asked: string[] = [];
    const prompts: LearnPrompts = {
      select: (config) => {
        asked.push(config.message);
        return Promise.resolve(config.message.includes('"1200"') ? 'amount' : 'balance');
      },
    };
    const io = captureIo({ env });

    const code = await runLearn({ file: samplesFile(dir, text), sender: 'TestPay', currency: 'TZS', callingCode: '255', country: 'TZ', json: true }, io, { prompts });

    expect(code).toBe(0);
    expect(asked).toHaveLength(2);
    const result = JSON.parse(io.out());
    expect(result.readings[0]).toMatchObject({ amount: '1200.00', balance: '5400', name: 'ASHA JUMA', code: 'TX10001' });
  });

  it('Ctrl-C at a question stops with one line and writes nothing', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    const text = ['PAY 1200 TZS 5400 TZS from ASHA JUMA ref TX10001', 'PAY 300 TZS 5700 TZS from JOHN PETER ref TX10002', 'PAY 50 TZS 5750 TZS from MARIA ref TX10003'].join('\n\n');
    const interrupt = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    const io = captureIo({ env });

    const error = await runLearn({ file: samplesFile(dir, text), sender: 'TestPay', currency: 'TZS', callingCode: '255', country: 'TZ', config, write: true }, io, { prompts: { select: () => Promise.reject(interrupt) } }).catch((e: unknown) => e);

    expect(reportError(error, io, false)).toBe(64);
    expect(io.err()).toContain('learn cancelled (Ctrl-C); nothing was written');
    expect(existsSync(config)).toBe(false);
  });

  it('refuses fewer than three samples, and a bad flag, naming the fix', async () => {
    const dir = tempDir();
    const few = captureIo({ env });
    expect(await main(['learn', ...FLAGS, samplesFile(dir, ORANGE.split('\n\n').slice(0, 2).join('\n\n'))], few)).toBe(65);
    expect(few.err()).toContain('only 2 samples to learn from; at least 3 are needed');
    const bad = captureIo({ env });
    expect(await main(['learn', '--sender', 'X', '--currency', 'shilling', '--calling-code', '255', '--country', 'TZ', samplesFile(dir, ORANGE)], bad)).toBe(64);
    expect(bad.err()).toContain('--currency "shilling" is not an ISO 4217 code');
  });
});

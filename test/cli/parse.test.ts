import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

const env = { HOME: '/nonexistent-home-for-tests' };

describe('smsmatch parse', () => {
  it('prints JSON with every documented field for an unrecognised text', async () => {
    const io = captureIo({ env });

    const code = await main(['parse', '--from', '+254700000000', '--json', 'hello there'], io);

    expect(code).toBe(0);
    const parsed = JSON.parse(io.out());
    expect(Object.keys(parsed).sort()).toEqual(
      ['account', 'amount', 'amountMinor', 'balance', 'balanceMinor', 'code', 'currency', 'kind', 'occurredAt', 'payerIsOrganisation', 'payerName', 'payerPhone', 'provider', 'reverses', 'template', 'trusted', 'untrustedReason'].sort(),
    );
    expect(parsed.kind).toBe('unknown');
    expect(parsed.trusted).toBe(false);
  });

  it('reads the text from stdin when TEXT is "-"', async () => {
    const io = captureIo({ env, stdin: 'Your verification code is 123456' });

    const code = await main(['parse', '--json', '-'], io);

    expect(code).toBe(0);
    expect(JSON.parse(io.out()).kind).toBe('otp');
  });

  it('survives invalid UTF-8 and binary on stdin', async () => {
    const io = captureIo({ env, stdin: Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x41]).toString('latin1') });

    const code = await main(['parse', '--json'], io);

    expect(code).toBe(0);
    expect(JSON.parse(io.out()).kind).toBe('unknown');
  });

  it('rejects a malformed --received-at with the usage exit code', async () => {
    const io = captureIo({ env });

    const code = await main(['parse', '--received-at', 'yesterday', 'x'], io);

    expect(code).toBe(64);
    expect(io.err()).toContain('--received-at "yesterday" is not an ISO 8601 time');
  });

  it('uses a provider defined in the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsmatch-parse-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({
      providers: [{
        id: 'halopesa-tz', name: 'HaloPesa', country: 'TZ', senderIds: ['HALOPESA'], currency: 'TZS', callingCode: '255', timeZone: 'Africa/Dar_es_Salaam',
        templates: [{ name: 'received', kind: 'payment', pattern: '^Umepokea TZS (?<amount>[\\d,.]+) kutoka (?<name>[A-Z ]{2,40}) (?<phone>0\\d{9})\\. Kumbukumbu (?<code>[A-Z0-9]{8,12})' }],
      }],
    }), { mode: 0o600 });
    const io = captureIo({ env });

    const code = await main(['parse', '--config', file, '--from', 'HALOPESA', '--json', 'Umepokea TZS 12,500.00 kutoka ASHA JUMA 0754123456. Kumbukumbu HP12345678'], io);

    expect(code).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      kind: 'payment', provider: 'halopesa-tz', trusted: true, amountMinor: 1250000, currency: 'TZS', payerName: 'ASHA JUMA', payerPhone: '+255754123456', code: 'HP12345678',
    });
  });
});

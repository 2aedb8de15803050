import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

describe('main', () => {
  it('prints help and exits 0', async () => {
    const io = captureIo();

    const code = await main(['--help'], io);

    expect(code).toBe(0);
    expect(io.out()).toContain('Usage: smsmatch');
  });

  it('maps an unknown option to the usage exit code', async () => {
    const io = captureIo();

    const code = await main(['--no-such-option'], io);

    expect(code).toBe(64);
    expect(io.err()).toContain("unknown option '--no-such-option'");
  });
});

import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { main } from '../../src/main.js';
import { buildProgram } from '../../src/program.js';
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

  it('every command\'s --help ends with examples that run that command', async () => {
    const leaves = (cmd: Command, path: string[]): string[][] =>
      cmd.commands.length === 0 ? [path] : cmd.commands.flatMap((c) => leaves(c, [...path, c.name()]));
    const all = leaves(buildProgram(captureIo(), { exitCode: 0 }), []);
    expect(all.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['daemon', 'status', 'config check']));

    for (const path of all) {
      const io = captureIo();
      expect(await main([...path, '--help'], io)).toBe(0);
      const examples = io.out().split('Examples:')[1] ?? '';
      expect(examples, `smsmatch ${path.join(' ')} --help has no examples`).toContain(`smsmatch ${path.join(' ')}`);
    }
  });
});

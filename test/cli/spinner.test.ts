import { describe, expect, it } from 'vitest';
import { startSpinner } from '../../src/log/spinner.js';
import { captureIo } from '../helpers/io.js';

describe('spinner', () => {
  it('shows progress to a person at a terminal', () => {
    const io = captureIo({ isTTY: true, env: { TERM: 'xterm' } });

    const spinner = startSpinner(io, 'reading SMS');
    spinner.fail('reconcile stopped');

    expect(io.err()).toContain('reconcile stopped');
  });

  it.each([
    ['not a terminal (systemd, cron)', { isTTY: false, env: { TERM: 'xterm' } }],
    ['CI', { isTTY: true, env: { TERM: 'xterm', CI: 'true' } }],
    ['NO_COLOR', { isTTY: true, env: { TERM: 'xterm', NO_COLOR: '1' } }],
    ['a dumb terminal', { isTTY: true, env: { TERM: 'dumb' } }],
  ])('stays silent when %s', (_name, options) => {
    const io = captureIo(options);

    const spinner = startSpinner(io, 'reading SMS');
    spinner.fail('reconcile stopped');

    expect(io.err()).toBe('');
  });
});

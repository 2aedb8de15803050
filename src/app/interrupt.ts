/**
 * Ctrl-C (SIGINT) or SIGTERM during a one-shot run such as `smsmatch reconcile`. The first signal asks the run to
 * stop at its next step boundary (between two ledger records: the intents make stopping there as safe as
 * finishing, and the next run completes what was started); the lock is then released as usual. A second signal
 * quits at once, removing the lock file if it is still ours, exactly as a crash would leave the ledger.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { lockPathFor } from '../adapters/ledger/lock.js';
import { InterruptedError } from '../errors.js';
import type { SignalSource } from './daemon/signals.js';
import type { Step } from './types.js';

export interface RunInterrupt {
  /** Wraps the run's step hook: after a signal, the next step boundary throws InterruptedError. */
  onStep(inner?: (step: Step) => void): (step: Step) => void;
  /** The signal that arrived, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Removes the handlers (always call it, in a finally). */
  dispose(): void;
}

export interface InterruptOptions {
  signals: SignalSource;
  ledgerPath: string;
  command: string;
  /** One line to the person (stderr). */
  say: (line: string) => void;
  /** The second signal's way out; process.exit in production. */
  exit: (code: number) => void;
}

export function listenForInterrupt(o: InterruptOptions): RunInterrupt {
  let signal: NodeJS.Signals | null = null;
  const handle = (name: NodeJS.Signals): void => {
    if (signal !== null) {
      releaseLockNow(o.ledgerPath);
      o.say(`smsmatch: ${o.command} quit at once (${name} again); the lock is released and the next run finishes what was started`);
      o.exit(130);
      return;
    }
    signal = name;
    o.say(`${name} received: stopping at the next safe step (a request in flight is allowed to finish; ${name === 'SIGINT' ? 'Ctrl-C' : name} again quits at once)`);
  };
  const onInt = (): void => handle('SIGINT');
  const onTerm = (): void => handle('SIGTERM');
  o.signals.on('SIGINT', onInt);
  o.signals.on('SIGTERM', onTerm);
  return {
    onStep: (inner) => (step) => {
      inner?.(step);
      if (signal !== null) {
        throw new InterruptedError(`${o.command} stopped by ${signal} (after step ${step}); the lock is released and the next run finishes what was started: nothing is lost or applied twice`);
      }
    },
    get signal() {
      return signal;
    },
    dispose() {
      o.signals.off('SIGINT', onInt);
      o.signals.off('SIGTERM', onTerm);
    },
  };
}

/** Synchronous, for a process about to exit: removes `<ledger>.lock` only if this process holds it. */
function releaseLockNow(ledgerPath: string): void {
  const path = lockPathFor(ledgerPath);
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown };
    if (holder.pid === process.pid) unlinkSync(path);
  } catch {
    // no lock, or not readable: nothing of ours to remove
  }
}

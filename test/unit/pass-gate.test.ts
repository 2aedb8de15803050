import { describe, expect, it } from 'vitest';
import { createPassGate } from '../../src/app/daemon/pass-gate.js';

/** A pass that waits until the test lets it finish, recording who asked for it. */
function harness() {
  const passes: string[][] = [];
  let release: (() => void) | null = null;
  let stopping = false;
  const gate = createPassGate(async (reasons) => {
    passes.push(reasons);
    await new Promise<void>((resolve) => (release = resolve));
  }, { stopping: () => stopping });
  const finishPass = async (): Promise<void> => {
    while (!release) await new Promise((r) => setTimeout(r, 1));
    const r: () => void = release;
    release = null;
    r();
    await new Promise((r2) => setTimeout(r2, 1));
  };
  return { gate, passes, finishPass, stop: () => (stopping = true) };
}

describe('pass gate', () => {
  it('a request while idle starts a pass at once', async () => {
    const h = harness();
    h.gate.request('signal');
    expect(h.gate.busy()).toBe(true);
    await h.finishPass();
    await h.gate.idle();
    expect(h.passes).toEqual([['signal']]);
  });

  it('any number of requests during a pass become exactly one more pass, with every reason', async () => {
    const h = harness();
    h.gate.request('signal');
    for (let i = 0; i < 50; i++) h.gate.request(i % 2 ? 'signal' : 'schedule');
    await h.finishPass();
    await h.finishPass();
    await h.gate.idle();
    expect(h.passes).toEqual([['signal'], ['schedule', 'signal']]);
  });

  it('after a stop request no new pass starts, and idle() waits for the running one', async () => {
    const h = harness();
    h.gate.request('poll');
    h.gate.request('signal');
    h.stop();
    h.gate.request('schedule');
    let idle = false;
    const waiting = h.gate.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(idle).toBe(false);
    await h.finishPass();
    await waiting;
    expect(h.passes).toEqual([['poll']]);
  });

  it('a pass that throws does not wedge the gate', async () => {
    let n = 0;
    const gate = createPassGate(() => {
      n++;
      return n === 1 ? Promise.reject(new Error('boom')) : Promise.resolve();
    }, { stopping: () => false });
    gate.request('a');
    await gate.idle();
    gate.request('b');
    await gate.idle();
    expect(n).toBe(2);
  });

  it('settled() waits for the pass running now, not for the one queued after it (a reload is said once the old config is done)', async () => {
    const h = harness();
    await h.gate.settled(); // nothing running: at once
    h.gate.request('schedule');
    h.gate.request('signal'); // queued behind the running pass
    let settled = false;
    void h.gate.settled().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);

    await h.finishPass();

    expect(settled).toBe(true);
    expect(h.gate.busy()).toBe(true); // the queued pass runs now
    expect(h.passes).toEqual([['schedule'], ['signal']]);
    await h.finishPass();
    await h.gate.idle();
  });
});

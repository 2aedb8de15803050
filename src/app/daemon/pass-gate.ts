/**
 * Runs one reconcile pass at a time whoever asks (the signal watcher, fallback polling, the schedule): a request
 * while idle starts a pass at once; any number of requests during a pass become exactly one more pass after it,
 * so a burst of SMS costs at most two passes and a signal that fires mid-pass is never lost.
 */
export interface PassGate {
  request(reason: string): void;
  /** Resolves when no pass is running or queued (used when stopping). */
  idle(): Promise<void>;
  /** Resolves when the pass running now (if any) ends, whatever is queued after it. */
  settled(): Promise<void>;
  busy(): boolean;
}

export function createPassGate(run: (reasons: string[]) => Promise<void>, opts: { stopping: () => boolean }): PassGate {
  let running: Promise<void> | null = null;
  let queued: string[] = [];
  let current: Promise<void> | null = null;

  const loop = async (): Promise<void> => {
    while (queued.length > 0 && !opts.stopping()) {
      const reasons = [...new Set(queued)];
      queued = [];
      // `run` turns every failure into an outcome; a throw here would be a bug, and must not wedge the gate.
      current = run(reasons).catch(() => undefined);
      await current;
      current = null;
    }
    queued = [];
    running = null;
  };

  return {
    request(reason) {
      if (opts.stopping()) return;
      queued.push(reason);
      running ??= loop();
    },
    idle: async () => {
      while (running) await running;
    },
    settled: () => current ?? Promise.resolve(),
    busy: () => running !== null,
  };
}

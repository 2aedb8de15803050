import type { DropboxHealth } from '../../adapters/dropbox/schema.js';
import { createSignalReader, type SignalRead, type SignalReader } from '../../adapters/dropbox/signal.js';
import { registerSecret } from '../../log/redact.js';
import type { Logger } from '../../log/logger.js';

/**
 * How a single-shop daemon learns that there is work: the drop-box's signal file (checked with cheap conditional
 * GETs that the web server answers without PHP), or, when the plugin offers none or it cannot be trusted,
 * polling the drop-box every `pollSeconds`. The signal is only a hint: every pass reads the drop-box from the
 * ledger's cursor, the scheduled pass still runs as a safety net, and any doubt about the signal falls back to
 * polling and says why (status, config check, log).
 */
export interface WakeSettings {
  /** false: never use the signal file (daemon.signal). */
  enabled: boolean;
  signalSeconds: number;
  pollSeconds: number;
}

export interface WakeStatus {
  mode: 'signal' | 'polling';
  /** Why polling (or how the signal is watched), one line. */
  detail: string;
  since: string;
}

export interface WakeOptions {
  settings: () => WakeSettings;
  /** The drop-box's /health: it tells the signal file's URL (and creates the file when missing). */
  health: () => Promise<DropboxHealth>;
  /** Ask for a pass (the pass gate coalesces). */
  request: (reason: string) => void;
  /** The signal nonce the drop-box reported on the last /messages read, if any. */
  pluginNonce: () => string | null;
  log: Logger;
  clock: () => Date;
  /** Told every time the mode or its reason changes (the daemon rewrites its status file). */
  onChange?: (status: WakeStatus) => void;
  makeReader?: (url: string) => SignalReader;
  sleep?: (ms: number, abort: AbortSignal) => Promise<void>;
}

export interface Wake {
  status(): WakeStatus;
  /** Called after every pass: compares what the plugin reported with what the file shows (stale detection). */
  afterPass(): void;
  /** Forget the signal and ask /health again (config reload: the token, hence the path, may have changed). */
  relearn(): void;
  stop(): Promise<void>;
}

const MINUTE = 60_000;
/** After a missing file or an unreachable /health: ask again this soon. */
const RELEARN_SOON_MS = MINUTE;
/** After a file that is served wrongly or stale: the host will not fix itself quickly. */
const RELEARN_LATER_MS = 30 * MINUTE;
/** Consecutive failed reads before giving up on the file for a while. */
const UNREACHABLE_LIMIT = 5;
/** Nonces the file showed recently: the plugin's report may lag behind the file. */
const RECENT = 32;

export function startWake(o: WakeOptions): Wake {
  const abort = new AbortController();
  const sleep = o.sleep ?? defaultSleep;
  const now = (): number => o.clock().getTime();
  let reader: SignalReader | null = null;
  let nextLearnAt = 0;
  let lastPollAt = 0;
  let unreachable = 0;
  let recent: string[] = [];
  let learnedBefore = false;
  let mismatch: { expected: string; fileShowed: string | null; since: number } | null = null;
  let status: WakeStatus = { mode: 'polling', detail: 'starting: asking the drop-box for its signal file', since: o.clock().toISOString() };

  const setStatus = (mode: WakeStatus['mode'], detail: string): void => {
    if (status.mode === mode && status.detail === detail) return;
    const changedMode = status.mode !== mode;
    status = { mode, detail, since: changedMode ? o.clock().toISOString() : status.since };
    if (mode === 'signal') o.log.info(`woken by the drop-box's signal file: ${detail}`);
    else o.log.warn(`polling the drop-box every ${o.settings().pollSeconds} s: ${detail}`);
    o.onChange?.(status);
  };

  const fallBack = (detail: string, retryInMs: number): void => {
    reader = null;
    mismatch = null;
    nextLearnAt = now() + retryInMs;
    setStatus('polling', detail);
  };

  async function learn(): Promise<void> {
    let health: DropboxHealth;
    try {
      health = await o.health();
    } catch (error) {
      return fallBack(`the drop-box's /health failed (${(error as Error).message}); trying the signal file again in a minute`, RELEARN_SOON_MS);
    }
    const url = health.signal?.url ?? null;
    const refused = refusal(health);
    if (refused !== null || url === null) return fallBack(refused ?? 'no signal file', RELEARN_LATER_MS);
    // The path is derived from the drop-box token: as secret as the token in any log line.
    registerSecret(new URL(url).pathname);
    const candidate = (o.makeReader ?? ((u: string) => createSignalReader({ url: u })))(url);
    const first = await candidate.read();
    if (first.kind !== 'changed') return failedRead(first.kind === 'unchanged' ? { kind: 'unusable', detail: 'no content' } : first);
    reader = candidate;
    unreachable = 0;
    remember(first.nonce);
    setStatus('signal', `signal file checked every ${o.settings().signalSeconds} s`);
    // Anything that happened while we were not watching (the start-up pass already covers the first time).
    if (learnedBefore) o.request('signal-learned');
    learnedBefore = true;
  }

  function remember(nonce: string): void {
    recent = [...recent.filter((n) => n !== nonce), nonce].slice(-RECENT);
  }

  function failedRead(r: Exclude<SignalRead, { kind: 'changed' } | { kind: 'unchanged' }>): void {
    if (r.kind === 'unreachable') {
      unreachable++;
      if (reader !== null && unreachable < UNREACHABLE_LIMIT) return;
    }
    fallBack(describeFailure(r), r.kind === 'missing' || r.kind === 'unreachable' ? RELEARN_SOON_MS : RELEARN_LATER_MS);
  }

  async function check(r: SignalReader): Promise<void> {
    const read = await r.read();
    if (read.kind === 'unchanged') {
      unreachable = 0;
    } else if (read.kind === 'changed') {
      unreachable = 0;
      remember(read.nonce);
      o.request('signal');
    } else {
      failedRead(read);
      return;
    }
    if (mismatch && (r.nonce() === mismatch.expected || r.nonce() !== mismatch.fileShowed)) mismatch = null;
    const staleMs = Math.max(3_000, 5 * o.settings().signalSeconds * 1000);
    if (mismatch && now() - mismatch.since > staleMs) {
      fallBack(`the signal file did not show the drop-box's latest change within ${Math.round(staleMs / 1000)} s (a cache or CDN serving an old copy, or a file the site cannot rewrite)`, RELEARN_LATER_MS);
    }
  }

  async function loop(): Promise<void> {
    // A daemon that was offline catches up at once; the ledger's cursor is the truth, not the signal.
    o.request('start');
    lastPollAt = now();
    while (!abort.signal.aborted) {
      const settings = o.settings();
      if (!settings.enabled) {
        reader = null;
        setStatus('polling', 'the signal file is turned off (daemon.signal: false)');
      } else if (reader === null && now() >= nextLearnAt) {
        await learn();
      }
      if (abort.signal.aborted) break;
      const active = reader;
      if (active) {
        await check(active);
        await sleep(settings.signalSeconds * 1000, abort.signal);
        continue;
      }
      if (now() - lastPollAt >= settings.pollSeconds * 1000) {
        lastPollAt = now();
        o.request('poll');
      }
      const untilPoll = lastPollAt + settings.pollSeconds * 1000 - now();
      const untilLearn = settings.enabled ? nextLearnAt - now() : Number.POSITIVE_INFINITY;
      await sleep(Math.max(50, Math.min(untilPoll, untilLearn)), abort.signal);
    }
  }

  const running = loop().catch((error: unknown) => {
    o.log.error(`the wake-up watcher stopped (a bug; the scheduled pass still runs): ${(error as Error).stack ?? String(error)}`);
  });

  return {
    status: () => status,
    afterPass() {
      const active = reader;
      const reported = o.pluginNonce();
      if (!active || reported === null || recent.includes(reported) || mismatch) return;
      mismatch = { expected: reported, fileShowed: active.nonce(), since: now() };
    },
    relearn() {
      reader = null;
      mismatch = null;
      nextLearnAt = 0;
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Why the drop-box's /health answer offers no usable signal file, or null when it offers one. */
export function refusal(health: DropboxHealth): string | null {
  const signal = health.signal;
  if (!signal) return 'the drop-box plugin offers no signal file (update the smsmatch drop-box plugin for wake-ups within seconds)';
  if (signal.url === null) return `the drop-box cannot write its signal file (${signal.error ?? 'wp-content/uploads not writable'}); make wp-content/uploads writable by the web server`;
  if (!/^https?:\/\//.test(signal.url)) return 'the drop-box reported a signal file URL that is not http(s)';
  return null;
}

/** One line for a signal file read that cannot be used. */
export function describeFailure(r: Exclude<SignalRead, { kind: 'changed' } | { kind: 'unchanged' }>): string {
  switch (r.kind) {
    case 'missing':
      return `the signal file is gone (HTTP ${r.status}); asking the drop-box to write it again in a minute`;
    case 'unusable':
      return `wp-content/uploads does not serve the signal file (${r.detail}); check that the web server serves files from wp-content/uploads`;
    case 'cached':
      return `the signal file is ${r.detail}: a cache or CDN in front of wp-content/uploads would hide payments; exclude wp-content/uploads/smsmatch from it`;
    case 'unreachable':
      return `the signal file did not answer (${r.detail})`;
  }
}

/** `config check`: would the daemon be woken by the signal file, or poll (and why)? One /health, one file read. */
export async function probeWake(health: () => Promise<DropboxHealth>, makeReader: (url: string) => SignalReader = (url) => createSignalReader({ url })): Promise<{ mode: 'signal' | 'polling'; detail: string }> {
  let h: DropboxHealth;
  try {
    h = await health();
  } catch (error) {
    return { mode: 'polling', detail: `the drop-box's /health failed (${(error as Error).message})` };
  }
  const url = h.signal?.url ?? null;
  const refused = refusal(h);
  if (refused !== null || url === null) return { mode: 'polling', detail: refused ?? 'no signal file' };
  registerSecret(new URL(url).pathname);
  const read = await makeReader(url).read();
  if (read.kind === 'changed') return { mode: 'signal', detail: 'the signal file is served without PHP' };
  return { mode: 'polling', detail: describeFailure(read.kind === 'unchanged' ? { kind: 'unusable', detail: 'no content' } : read) };
}

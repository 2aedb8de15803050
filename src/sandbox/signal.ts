import { createHmac, randomBytes } from 'node:crypto';
import type { SandboxEnv } from './context.js';
import type { Reply, SandboxRequest } from './http.js';

/**
 * The drop-box's signal file, as the plugin keeps it (class-smsmatch-dropbox-signal.php): a random nonce in
 * wp-content/uploads/smsmatch/signal-<hmac of the token>.txt, rewritten whenever the daemon should wake, served
 * by the web server as a static file (ETag, Last-Modified, 304). Tests break it on purpose through
 * `state.dropbox.signal`: unwritable uploads, a deleted file, a proxy that keeps serving an old copy.
 */
export interface SignalFileState {
  /** The nonce the drop-box last wrote or tried to write (what /messages and /health report). */
  nonce: string;
  /** What is on disk: null when there is no file (deleted, or never written). */
  file: { nonce: string; modifiedAt: Date } | null;
  /** false: uploads is not writable (writes fail; /health reports no URL and why). */
  writable: boolean;
  /** Set: a cache in front of uploads answers with this old copy, whatever the file holds. */
  proxyCopy: { nonce: string; modifiedAt: Date } | null;
  /** Times the drop-box rewrote the file. */
  writes: number;
}

export const SIGNAL_DIR = '/wp-content/uploads/smsmatch/';

/** The unguessable file name: whoever does not know the token cannot find it, so cannot watch the shop's sales. */
export function signalFileName(token: string): string {
  return `signal-${createHmac('sha256', token).update('smsmatch-signal').digest('hex').slice(0, 32)}.txt`;
}

export function signalPath(env: SandboxEnv): string {
  return `${SIGNAL_DIR}${signalFileName(env.dropboxToken)}`;
}

export function newSignalState(now: Date): SignalFileState {
  const nonce = freshNonce();
  return { nonce, file: { nonce, modifiedAt: now }, writable: true, proxyCopy: null, writes: 0 };
}

function freshNonce(): string {
  return randomBytes(16).toString('hex');
}

/** `do_action('smsmatch_wake_daemon')`: a new nonce, written to the file when uploads is writable. */
export function wakeDaemon(env: SandboxEnv): void {
  const signal = env.shop.dropbox.signal;
  signal.nonce = freshNonce();
  if (!signal.writable) return;
  signal.file = { nonce: signal.nonce, modifiedAt: env.now() };
  signal.writes++;
}

/** What /health says about the file; like the plugin, it writes a missing file again. */
export function signalHealth(env: SandboxEnv): { url: string | null; nonce: string | null; error: string | null } {
  const signal = env.shop.dropbox.signal;
  if (!signal.writable) return { url: null, nonce: null, error: 'wp-content/uploads/smsmatch is not writable by the web server' };
  if (signal.file === null) signal.file = { nonce: signal.nonce, modifiedAt: env.now() };
  return { url: `${env.url}${signalPath(env)}`, nonce: signal.nonce, error: null };
}

/** The web server's static answer for files under uploads (no WordPress involved). */
export function serveStatic(req: SandboxRequest, env: SandboxEnv): Reply | null {
  if (!req.path.startsWith(SIGNAL_DIR) || (req.method !== 'GET' && req.method !== 'HEAD')) return null;
  const signal = env.shop.dropbox.signal;
  const served = signal.proxyCopy ?? (req.path === signalPath(env) ? signal.file : null);
  if (served === null) return { status: 404, raw: { contentType: 'text/html; charset=UTF-8', text: '<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>\n' } };
  const etag = `"${served.nonce.slice(0, 16)}-21"`;
  const lastModified = new Date(Math.floor(served.modifiedAt.getTime() / 1000) * 1000).toUTCString();
  const headers = { ETag: etag, 'Last-Modified': lastModified, 'Accept-Ranges': 'bytes' };
  if (req.headers['if-none-match'] === etag) return { status: 304, headers, raw: { contentType: 'text/plain', text: '' } };
  return { status: 200, headers, raw: { contentType: 'text/plain', text: `${served.nonce}\n` } };
}

/** Static files the web server answers without PHP; the idle-cost figures leave them out. */
export function isStaticPath(path: string): boolean {
  return path.startsWith('/wp-content/');
}

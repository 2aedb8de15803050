import type { ApiKey, WcAuth } from './auth.js';
import type { FaultBook } from './faults.js';
import type { Reply, SandboxRequest } from './http.js';
import type { Shop } from './state.js';
import type { SandboxUser } from './types.js';

/** Everything a route handler may use; one per server. */
export interface SandboxEnv {
  shop: Shop;
  faults: FaultBook;
  url: string;
  wcBase: string;
  keys: ApiKey[];
  currency: string;
  timezone: string;
  batchLimit: number;
  dropboxToken: string;
  smssyncSecret: string;
  paymentSenders: string[];
  /** WordPress users for the admin routes (Application Passwords). */
  users: SandboxUser[];
  now: () => Date;
  /** OAuth 1.0a nonce memory: true when already used within 15 minutes, else records it. */
  seenNonce: (key: string, nonce: string, ts: number) => boolean;
}

export interface Call {
  req: SandboxRequest;
  env: SandboxEnv;
  /** Route placeholders, e.g. `{ id: '12' }`. */
  params: Record<string, string>;
  /** Set for wc/ routes only. */
  auth: WcAuth;
}

export type Handler = (call: Call) => Reply;

import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKey } from './auth.js';
import type { SandboxEnv } from './context.js';
import { FaultBook, type FaultControls } from './faults.js';
import { DEFAULT_PAYMENT_SENDERS } from './senders.js';
import { handleRequest } from './server.js';
import { Shop, type SandboxState } from './state.js';
import type { SandboxOptions, SandboxUser } from './types.js';

export type { SandboxState } from './state.js';
export type { FaultControls, FaultMatch, FaultRequest, FailOptions } from './faults.js';
export { route } from './faults.js';
export type * from './types.js';
export { DEFAULT_PAYMENT_SENDERS, isPaymentSender } from './senders.js';
export { demoOrders } from './seed.js';
export { isStaticPath, signalFileName, signalPath } from './signal.js';
export type { SignalFileState } from './signal.js';

export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + '/wp-json/wc/v3'` */
  wcBase: string;
  /** `url + '/wp-json/smsmatch/v1'` */
  dropboxUrl: string;
  /** The SMSsync URL to type into the phone (pretty-permalink form). */
  smssyncUrl: string;
  consumerKey: string;
  consumerSecret: string;
  dropboxToken: string;
  smssyncSecret: string;
  /** administrator, shop_manager and customer, each with an Application Password. */
  users: SandboxUser[];
  state: SandboxState;
  faults: FaultControls;
  close(): Promise<void>;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/**
 * Starts a WooCommerce-compatible shop plus the smsmatch drop-box on loopback (port 0 = any free port).
 * Plain http: the shop acts as if WordPress's `is_ssl()` were true, so Basic auth works as on an HTTPS shop.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const faults = new FaultBook();
  // The env needs the bound port (URLs in payloads), so requests before it exists get a 503.
  const holder: { env?: SandboxEnv } = {};
  const server = createServer((req, res) => {
    if (!holder.env) return void res.writeHead(503).end();
    handleRequest(req, res, holder.env).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const consumerKey = options.consumerKey ?? `ck_${hex(20)}`;
  const consumerSecret = options.consumerSecret ?? `cs_${hex(20)}`;
  const keys: ApiKey[] = [{ key: consumerKey, secret: consumerSecret, permissions: 'read_write' }];
  if (options.readOnlyKey) keys.push({ ...options.readOnlyKey, permissions: 'read' });
  const now = options.now ?? ((): Date => new Date());
  const currency = options.currency ?? 'KES';
  const timezone = options.timezone ?? 'Africa/Nairobi';
  const shop = new Shop({ baseUrl: url, timezone, currency, now, adminEmail: options.adminEmail ?? 'admin@sandbox-shop.test' });
  for (const seed of options.orders ?? []) shop.addOrder(seed);
  const env: SandboxEnv = {
    shop,
    faults,
    url,
    wcBase: `${url}/wp-json/wc/v3`,
    keys,
    currency,
    timezone,
    batchLimit: options.batchLimit ?? 100,
    dropboxToken: options.dropboxToken ?? hex(24),
    smssyncSecret: options.smssyncSecret ?? hex(8),
    paymentSenders: options.paymentSenders ?? [...DEFAULT_PAYMENT_SENDERS],
    users: (['administrator', 'shop_manager', 'customer'] as const).map((role) => ({ login: role === 'administrator' ? 'admin' : role, appPassword: hex(12), role })),
    now,
    seenNonce: nonceMemory(),
  };
  holder.env = env;
  return {
    url,
    wcBase: env.wcBase,
    dropboxUrl: `${url}/wp-json/smsmatch/v1`,
    smssyncUrl: `${url}/wp-json/smsmatch/v1/smssync`,
    consumerKey,
    consumerSecret,
    dropboxToken: env.dropboxToken,
    smssyncSecret: env.smssyncSecret,
    users: env.users,
    state: shop,
    faults,
    close: () => close(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Closes even with hanging (fault) requests or keep-alive sockets open. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** WooCommerce keeps used nonces per key for 15 minutes; so does the sandbox. */
function nonceMemory(): (key: string, nonce: string, ts: number) => boolean {
  const seen = new Map<string, number>();
  return (key, nonce, ts) => {
    const id = `${key} ${nonce}`;
    for (const [k, at] of seen) if (at < ts - 15 * 60) seen.delete(k);
    if (seen.has(id)) return true;
    seen.set(id, ts);
    return false;
  };
}

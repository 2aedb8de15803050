import { UsageError } from '../errors.js';
import { writeLine, type Io } from '../io.js';
import { demoOrders } from '../sandbox/seed.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';

export interface SandboxCommandOptions {
  port?: number;
  json?: boolean;
}

/**
 * `smsmatch sandbox`: a local demo shop with open orders and a drop-box, for trying smsmatch without a real
 * site. Its credentials are generated per run and useless elsewhere, so printing them is the point.
 */
export async function runSandbox(opts: SandboxCommandOptions, io: Io): Promise<number> {
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got ${String(opts.port)}.`, { hint: 'Use --port 0 to pick any free port.' });
  }
  const sandbox = await start(port);
  const orders = sandbox.state.orders.length;
  if (opts.json) writeLine(io.stdout, JSON.stringify(describe(sandbox)));
  else printBanner(io, sandbox, orders);
  await untilStopped(io.signal);
  await sandbox.close();
  if (!opts.json) writeLine(io.stderr, 'Sandbox stopped.');
  return 0;
}

async function start(port: number): Promise<Sandbox> {
  try {
    return await startSandbox({ port, orders: demoOrders(new Date()) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`Port ${port} is already in use.`, { hint: 'Pick another --port, or --port 0 for any free port.', cause: error });
    }
    throw error;
  }
}

function describe(s: Sandbox): Record<string, string> {
  return {
    url: s.url,
    wcBase: s.wcBase,
    consumerKey: s.consumerKey,
    consumerSecret: s.consumerSecret,
    dropboxUrl: s.dropboxUrl,
    dropboxToken: s.dropboxToken,
    smssyncUrl: s.smssyncUrl,
    smssyncSecret: s.smssyncSecret,
  };
}

function printBanner(io: Io, s: Sandbox, orders: number): void {
  const rows: Array<[string, string]> = [
    ['WooCommerce API', s.wcBase],
    ['consumer key', s.consumerKey],
    ['consumer secret', s.consumerSecret],
    ['drop-box URL', s.dropboxUrl],
    ['drop-box token', s.dropboxToken],
    ['SMSsync URL', s.smssyncUrl],
    ['SMSsync secret', s.smssyncSecret],
  ];
  writeLine(io.stdout, `Sandbox shop running at ${s.url} (${orders} open demo orders, KES, Africa/Nairobi)`);
  for (const [label, value] of rows) writeLine(io.stdout, `  ${label.padEnd(16)} ${value}`);
  writeLine(io.stdout, 'These credentials are throwaway, valid for this sandbox run only. Press Ctrl+C to stop.');
}

/** Resolves on io.signal abort, SIGINT or SIGTERM; removes its signal handlers afterwards. */
function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    if (signal?.aborted) return done();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

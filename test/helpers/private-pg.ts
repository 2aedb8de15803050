import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failInCi, postgresBinariesService, postgresBinDir } from './services.js';

/**
 * A PostgreSQL cluster of one test's own (initdb into a temp dir, a free port, trust auth on 127.0.0.1), for
 * tests that stop and start the server: the shared cluster of .ci/postgres-up.sh serves other test files at the
 * same time and must never be restarted. Postgres refuses to run as root, so as root it runs as `postgres`.
 */
export interface PrivatePg {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** The server binaries, or null (the suite skips with one line; with CI set this is a failure). */
export function privatePgBin(): string | null {
  const bin = postgresBinDir();
  if (!bin) failInCi(postgresBinariesService, 'no /usr/lib/postgresql/*/bin/pg_ctl');
  return bin;
}

function run(cmd: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePg(bin: string): Promise<PrivatePg> {
  const dir = mkdtempSync(join(tmpdir(), 'smsmatch-pg-private-'));
  chmodSync(dir, 0o777); // the `postgres` account writes here; the data directory itself is 0700
  const data = join(dir, 'data');
  const port = await freePort();
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
  const start = (): Promise<void> => run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start', '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c max_connections=100`]);
  const stop = (): Promise<void> => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await start();
  await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'smsmatch']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/smsmatch`, port, stop, start,
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

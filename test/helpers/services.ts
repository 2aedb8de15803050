// Outside services some suites need (a real WordPress + WooCommerce, PostgreSQL, a browser). On a newcomer's
// machine without them those suites skip and the run says so once per service; with CI set they must be there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface OutsideService {
  /** What the suites need, as a person would say it. */
  name: string;
  /** The command that brings it up (what .ci/run does). */
  howTo: string;
  /** Said after the command, outside its quotes. */
  aside?: string;
  /** Why it is not available, or undefined when it is. */
  missing(): Promise<string | undefined>;
}

export const WP_ENV_FILE = process.env['SMSMATCH_WP_ENV'] ?? '/tmp/smsmatch-wp/env.json';

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

export const wordpressService: OutsideService = {
  name: 'WordPress + WooCommerce (test/dropbox-wp)',
  howTo: 'bash .ci/wordpress-up.sh',
  async missing() {
    if (!existsSync(WP_ENV_FILE)) return `${WP_ENV_FILE} not found`;
    let urls: string[];
    try {
      const env = JSON.parse(readFileSync(WP_ENV_FILE, 'utf8')) as Record<string, { url?: string }>;
      urls = Object.values(env).flatMap((site) => (typeof site === 'object' && site?.url ? [site.url] : []));
    } catch {
      return `${WP_ENV_FILE} is not valid JSON`;
    }
    for (const url of urls) {
      if (!(await answers(`${url}/?rest_route=/`))) return `WordPress at ${url} does not answer`;
    }
    return undefined;
  },
};

/** Debian's Chromium binary itself (not the /usr/bin/chromium wrapper), driven by playwright-core. */
export const CHROMIUM_PATH = process.env['SMSMATCH_CHROMIUM'] ?? '/usr/lib/chromium/chromium';

export const browserService: OutsideService = {
  name: 'Browser tests (Chromium on the test WordPress)',
  howTo: 'bash .ci/wordpress-up.sh',
  aside: 'it installs Debian\'s chromium',
  missing() {
    return Promise.resolve(existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} not found`);
  },
};

export const PG_ENV_FILE = process.env['SMSMATCH_PG_ENV'] ?? '/tmp/smsmatch-pg/env.json';

/** The PostgreSQL that .ci/postgres-up.sh started: its URL, data directory and binaries (to restart it). */
export interface PgEnv {
  url: string;
  dataDir: string;
  bin: string;
  port: number;
}

export function readPgEnv(): PgEnv | null {
  try {
    const env = JSON.parse(readFileSync(PG_ENV_FILE, 'utf8')) as Partial<PgEnv>;
    return typeof env.url === 'string' ? (env as PgEnv) : null;
  } catch {
    return null;
  }
}

export const postgresService: OutsideService = {
  name: 'PostgreSQL (the PostgreSQL ledger, leases, two daemons)',
  howTo: 'bash .ci/postgres-up.sh',
  async missing() {
    if (!existsSync(PG_ENV_FILE)) return `${PG_ENV_FILE} not found`;
    const env = readPgEnv();
    if (!env) return `${PG_ENV_FILE} has no url`;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: env.url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      return `PostgreSQL at ${env.url} does not answer (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};

/** PostgreSQL's server binaries (Debian: /usr/lib/postgresql/VERSION/bin), for a test that runs a cluster of its own. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/pg_ctl`)).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? `${root}/${versions[0]}/bin` : null;
}

export const postgresBinariesService: OutsideService = {
  name: 'PostgreSQL server binaries (a private cluster restarted under load)',
  howTo: 'bash .ci/postgres-up.sh',
  aside: 'it installs Debian\'s postgresql',
  missing() {
    return Promise.resolve(postgresBinDir() ? undefined : 'no /usr/lib/postgresql/*/bin/pg_ctl');
  },
};

/** Every outside service the suites know of; each suite file also checks its own before it runs. */
export const outsideServices: OutsideService[] = [wordpressService, browserService, postgresService, postgresBinariesService];

/** The one line printed for a missing service, or the error thrown for it when CI is set. */
export function unavailableLine(service: OutsideService, reason: string): string {
  return `${service.name}: skipped (${reason}); run \`${service.howTo}\` first${service.aside ? ` (${service.aside})` : ''} to include them`;
}

export function failInCi(service: OutsideService, reason: string): void {
  if (process.env['CI']) {
    throw new Error(`${service.name} is not available (${reason}) and CI is set, so this is a failure: run \`${service.howTo}\``);
  }
}

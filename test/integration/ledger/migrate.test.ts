import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { closePools, PgLedgerStore } from '../../../src/adapters/ledger/index.js';
import { sourceDigest } from '../../../src/adapters/ledger/digest.js';
import { acquireDaemonLock } from '../../../src/app/daemon/daemon-lock.js';
import { migrateLedger } from '../../../src/app/ledger/migrate.js';
import { main } from '../../../src/main.js';
import { captureIo } from '../../helpers/io.js';
import { describePg, freshShop, pgAvailable, sql } from '../../helpers/pg.js';
import { root } from '../../faults/helpers.js';
import { buildLedger, code } from './big-ledger.js';
import { tempDir } from './helpers.js';

const env = await pgAvailable();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
afterAll(async () => {
  await closePools();
});

async function ledgerDir(): Promise<{ dir: string; file: string }> {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t;
}

async function migrate(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  const exit = await main(['ledger', 'migrate', ...args], io);
  return { code: exit, out: io.out(), err: io.err() };
}

/** Every file of a lowdb ledger (hot file and archives) with its sha256, to prove migrate only read them. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function rowsOf(shop: string): Promise<number> {
  const [r] = await sql<{ n: string }>(env!, `SELECT (SELECT count(*) FROM smsmatch_shops WHERE shop = $1) + (SELECT count(*) FROM smsmatch_payments WHERE shop = $1)
    + (SELECT count(*) FROM smsmatch_messages WHERE shop = $1) + (SELECT count(*) FROM smsmatch_writes WHERE shop = $1) + (SELECT count(*) FROM smsmatch_archive WHERE shop = $1) AS n`, [shop]);
  return Number(r!.n);
}

describePg(env, 'smsmatch ledger migrate (lowdb → PostgreSQL)', (pg) => {
  it('moves a 100,000-payment ledger (hot file and three years of archives) in one verified transaction and leaves the file untouched', async () => {
    const { dir, file } = await ledgerDir();
    const source = await buildLedger(file, 100_000, 3_000);
    const before = filesOf(dir);
    const shop = freshShop('migrate');
    const url = pg.url.replace('postgres://postgres@', 'postgres://postgres:hunter2pw@');

    const t0 = Date.now();
    const r = await migrate(['--from', file, '--to', url, '--shop', shop]);
    const ms = Date.now() - t0;

    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}payments +3,000 row\(s\)/m);
    expect(r.out).toMatch(/^ {2}archived payments +97,000 row\(s\) .*\(36 monthly archive file\(s\)\)$/m);
    expect(r.out).toMatch(/left untouched: they are now a backup/);
    expect(r.out).toMatch(/^ {2}"ledger": \{ "url": "postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\w+", "shop": "migrate-[\w-]+" \}$/m);
    expect(r.out + r.err).not.toContain('hunter2pw');
    expect(filesOf(dir)).toEqual(before);

    // The copy opens through the real PostgreSQL store exactly as the lowdb ledger had it.
    const store = await PgLedgerStore.open(pg.url, shop, { readOnly: true, command: 'test', now: new Date() });
    const loaded = (await store.load(new Date())).data;
    expect(sourceDigest(loaded, [])).toEqual(sourceDigest(source, []));
    const index = await store.loadIndex();
    expect(index.codes.size).toBe(97_000);
    expect((await store.findArchived(index, `mpesa-ke:${code(4242)}`))?.payment.messageId).toBe('m-4242');
    console.info(`ledger migrate of 100,000 payments (3,000 hot, 97,000 archived): ${(ms / 1000).toFixed(1)} s`);
  }, 120_000);

  it('a copy altered before verification is caught and rolled back: PostgreSQL is left without the shop', async () => {
    const { file } = await ledgerDir();
    await buildLedger(file, 60, 20);
    for (const [what, tamper, expected] of [
      ['a payment body', `UPDATE smsmatch_payments SET body = replace(body, '"amountMinor":150000', '"amountMinor":150001') WHERE shop = $1 AND key = 'mpesa-ke:${code(45)}'`, /payments: 20 row\(s\) but their content differs/],
      ['an archive row', `DELETE FROM smsmatch_archive WHERE shop = $1 AND key = 'mpesa-ke:${code(7)}'`, /archive: 39 row\(s\) instead of 40/],
      ['an archive index column', `UPDATE smsmatch_archive SET state = 'dismissed' WHERE shop = $1 AND key = 'mpesa-ke:${code(8)}'`, /archive: 40 row\(s\) but their content differs/],
    ] as const) {
      const shop = freshShop('tamper');
      const attempt = migrateLedger({
        from: file, url: pg.url, shop, force: false, now: new Date(),
        afterCopy: async (client) => {
          expect((await client.query(tamper, [shop])).rowCount, what).toBe(1);
        },
      });
      await expect(attempt, what).rejects.toThrow(expected);
      await expect(attempt).rejects.toMatchObject({ exitCode: 74, message: expect.stringMatching(/does not match .*; it was rolled back$/) });
      expect(await rowsOf(shop), what).toBe(0);
    }
  });

  it('refuses a shop that already has rows unless --force, and --force replaces them', async () => {
    const { file } = await ledgerDir();
    await buildLedger(file, 10, 4);
    const shop = freshShop('force');
    expect((await migrate(['--from', file, '--to', pg.url, '--shop', shop])).code).toBe(0);

    const again = await migrate(['--from', file, '--to', pg.url, '--shop', shop]);
    expect(again.code).toBe(64);
    expect(again.err).toMatch(new RegExp(`^smsmatch: shop ${shop} already has a ledger in PostgreSQL \\(4 payment\\(s\\), 4 message\\(s\\), 4 order write\\(s\\), 6 archived payment\\(s\\)\\); nothing was copied\\n  hint: pass --force`));

    const other = await ledgerDir();
    await buildLedger(other.file, 12, 5);
    const forced = await migrate(['--from', other.file, '--to', pg.url, '--shop', shop, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/replaced \(--force\) what shop .* had there: 4 payment\(s\)/);
    expect(await rowsOf(shop)).toBe(1 + 5 * 3 + 7);
  });

  it('refuses while a daemon holds the lowdb ledger, the shop\'s lease or its ownership', async () => {
    const { file } = await ledgerDir();
    await buildLedger(file, 6, 3);
    const shop = freshShop('busy');

    const daemonLock = await acquireDaemonLock(file, new Date());
    const locked = await migrate(['--from', file, '--to', pg.url, '--shop', shop]);
    await daemonLock.release();
    expect(locked.code).toBe(75);
    expect(locked.err).toMatch(/^smsmatch: cannot migrate while the ledger is in use: another smsmatch daemon is already running for ledger .*\n {2}hint: stop the daemon/);

    const holder = await PgLedgerStore.open(pg.url, shop, { readOnly: false, command: 'smsmatch daemon', now: new Date() });
    const leased = await migrate(['--from', file, '--to', pg.url, '--shop', shop]);
    await holder.release();
    expect(leased.code).toBe(75);
    expect(leased.err).toMatch(/^smsmatch: cannot migrate while the ledger is in use: ledger of shop busy-\S+ is busy: pid \d+ .*holds its lease/);

    await sql(pg, `INSERT INTO smsmatch_owners (shop, daemon, expires_at) VALUES ($1, 'host:1:abc', now() + interval '20 seconds')`, [shop]);
    const owned = await migrate(['--from', file, '--to', pg.url, '--shop', shop]);
    await sql(pg, 'DELETE FROM smsmatch_owners WHERE shop = $1', [shop]);
    expect(owned.code).toBe(75);
    expect(owned.err).toMatch(/served from PostgreSQL by the daemon host:1:abc/);
    expect(await rowsOf(shop)).toBe(0);
    expect(existsSync(`${file}.lock`) || existsSync(`${file}.daemon.lock`)).toBe(false);
  });

  it('says what is wrong with bad input in one line, with the exit code of its kind, and never the password', async () => {
    const { dir, file } = await ledgerDir();
    await buildLedger(file, 6, 3);
    const shop = ['--shop', 'acme'];
    const cases: Array<[string[], number, RegExp]> = [
      [['--from', file, ...shop], 64, /needs --to postgres:\/\//],
      [['--from', file, '--to', 'mysql://u:pw@db/x', ...shop], 64, /--to must be a postgres:\/\/ URL, not mysql:/],
      [['--from', file, '--to', 'not a url', ...shop], 64, /--to is not a valid URL/],
      [['--from', file, '--to', pg.url, '--shop', '../x'], 64, /--shop "\.\.\/x" cannot key a PostgreSQL ledger/],
      [['--from', file, '--to', pg.url], 64, /needs the shop's name/],
      [['--from', file, '--to', 'postgres://u:s3cretpw@127.0.0.1:1/db', ...shop], 69, /cannot .* in the PostgreSQL ledger postgres:\/\/127\.0\.0\.1:1\/db: .*ECONNREFUSED/],
      [['--from', file, '--to', pg.url.replace(/\/[^/]+$/, '/no_such_db'), ...shop], 78, /database "no_such_db" does not exist/],
      [['--from', join(dir, 'missing.json'), '--to', pg.url, ...shop], 74, /there is no lowdb ledger at .*missing\.json/],
    ];
    for (const [args, exit, message] of cases) {
      const r = await migrate(args);
      expect({ args, code: r.code }).toEqual({ args, code: exit });
      const lines = r.err.trimEnd().split('\n');
      expect(lines[0], r.err).toMatch(message);
      expect(lines.slice(1).every((l) => l.startsWith('  hint: ')) && lines.length <= 2, r.err).toBe(true);
      expect(r.err + r.out).not.toContain('s3cretpw');
    }

    writeFileSync(join(dir, 'corrupt.json'), '{"schemaVersion":1,');
    const corrupt = await migrate(['--from', join(dir, 'corrupt.json'), '--to', pg.url, ...shop]);
    expect([corrupt.code, corrupt.err.split('\n')[0]]).toEqual([65, expect.stringMatching(/ledger .*corrupt\.json is corrupt \(not valid JSON/)]);

    const month = join(dir, 'archive', readdirSync(join(dir, 'archive')).find((f) => f.endsWith('.jsonl'))!);
    const good = readFileSync(month, 'utf8');
    writeFileSync(month, `garbage\n${good}`);
    const badArchive = await migrate(['--from', file, '--to', pg.url, ...shop]);
    expect([badArchive.code, badArchive.err.split('\n')[0]]).toEqual([65, expect.stringMatching(/archive .*\.jsonl is corrupt at line 1/)]);

    // A crash mid-append leaves a torn last line: skipped and said, the rest copied.
    writeFileSync(month, good);
    appendFileSync(month, '{"v":1,"archivedAt":"2023-');
    const torn = await migrate(['--from', file, '--to', pg.url, '--shop', freshShop('torn')]);
    expect(torn.code).toBe(0);
    expect(torn.out).toMatch(/skipped 1 archive append\(s\) cut short by an earlier crash/);
  });

  it('a migrate killed mid-copy leaves PostgreSQL without the shop and the file untouched', async () => {
    const { dir, file } = await ledgerDir();
    await buildLedger(file, 200, 50);
    const before = filesOf(dir);
    const shop = freshShop('crash');
    const child = spawn(process.execPath, [join(root, 'bin', 'smsmatch.js'), 'ledger', 'migrate', '--from', file, '--to', pg.url, '--shop', shop], {
      env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', SMSMATCH_TEST_CRASH_AT: 'ledger-migrate-copied' },
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_c, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');
    expect(await rowsOf(shop)).toBe(0);
    // The dead run's lowdb locks are taken over; its PostgreSQL lease holds the shop until it expires (20 s).
    const soon = await migrate(['--from', file, '--to', pg.url, '--shop', shop]);
    expect(soon.code).toBe(75);
    expect(soon.err).toMatch(/holds its lease/);
    expect(Object.keys(filesOf(dir)).sort()).toEqual(Object.keys(before).sort());
    expect(filesOf(dir)).toEqual(before);
  });
});

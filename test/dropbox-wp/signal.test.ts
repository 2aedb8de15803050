// The signal file (class-smsmatch-dropbox-signal.php): the daemon's wake-up, served by the web server without PHP.
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { SUCCESS, describeSites, findWordPress, postSms, request, smsFields, type WpSite } from './wp-env.js';

const wp = await findWordPress();
const helper = fileURLToPath(new URL('signal-helper.php', import.meta.url));
const accessLog = wp.ok ? wp.env.access_log : '';

interface Signal { url: string | null; nonce: string | null; error: string | null }
interface HelperOut { nonce: string; dir: string; files: string[]; old_before?: boolean; old_after?: boolean; new_exists?: boolean }

const auth = (site: WpSite): Record<string, string> => ({ Authorization: `Bearer ${site.token}` });
const route = (site: WpSite, path: string, query = ''): string => {
  const u = new URL(site.daemon_url);
  if (u.searchParams.has('rest_route')) u.searchParams.set('rest_route', `${u.searchParams.get('rest_route')}${path}`);
  else u.pathname = `${u.pathname.replace(/\/$/, '')}${path}`;
  for (const [k, v] of new URLSearchParams(query)) u.searchParams.set(k, v);
  return u.toString();
};
async function health(site: WpSite): Promise<Signal> {
  const res = await request(route(site, '/health'), { headers: auth(site) });
  expect(res.status).toBe(200);
  return res.json.signal as Signal;
}
async function messagesNonce(site: WpSite): Promise<string> {
  const res = await request(route(site, '/messages', 'after=999999999&limit=1'), { headers: auth(site) });
  return res.json.signal_nonce as string;
}
async function readFile(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}?n=${Date.now()}`, { headers: { 'Cache-Control': 'no-cache' }, redirect: 'manual' });
  return { status: res.status, text: (await res.text()).trim() };
}
function run(site: WpSite, ...args: string[]): HelperOut {
  return JSON.parse(execFileSync('php', [helper, site.config, site.wp_root, ...args], { encoding: 'utf8' })) as HelperOut;
}

describeSites(wp, 'signal file', (site) => {
  it('/health names an unguessable static file holding the nonce, served without WordPress', async () => {
    const signal = await health(site);
    expect(signal.error).toBeNull();
    expect(signal.url).toMatch(/\/wp-content\/uploads\/smsmatch\/signal-[0-9a-f]{32}\.txt$/);
    expect(signal.url).not.toContain(site.token);
    const before = readFileSync(accessLog, 'utf8').length;
    const file = await readFile(signal.url!);
    expect(file).toEqual({ status: 200, text: signal.nonce });
    const lines = readFileSync(accessLog, 'utf8').slice(before).trim().split('\n').map((l) => JSON.parse(l) as { uri: string; php: boolean });
    const read = lines.find((l) => l.uri.includes('/wp-content/uploads/smsmatch/'));
    expect(read?.php).toBe(false);
    // No listing of the folder gives the name away.
    const listing = await fetch(signal.url!.replace(/signal-[0-9a-f]{32}\.txt$/, ''));
    expect(await listing.text()).not.toMatch(/signal-[0-9a-f]{32}/);
  });

  it('a stored payment SMS rewrites it with a new nonce; a repeat or a dropped sender does not; /messages reports the nonce', async () => {
    const signal = await health(site);
    const first = smsFields(site);
    expect((await postSms(site, first)).json).toEqual(SUCCESS);
    const afterSms = await readFile(signal.url!);
    expect(afterSms.text).toMatch(/^[0-9a-f]{32}$/);
    expect(afterSms.text).not.toBe(signal.nonce);
    expect(await messagesNonce(site)).toBe(afterSms.text);

    expect((await postSms(site, first)).json).toEqual(SUCCESS); // the phone retrying the same SMS
    expect((await postSms(site, smsFields(site, { from: '+254700111222', message: 'see you at 6' }))).json).toEqual(SUCCESS);
    expect((await readFile(signal.url!)).text).toBe(afterSms.text);
  });

  it('do_action(smsmatch_wake_daemon) from anywhere in the plugin changes it, and the reason is never written', async () => {
    const signal = await health(site);
    const out = run(site, 'wake', 'customer-code-entry-UK1AB2CD3E');
    const file = await readFile(signal.url!);
    expect(file.text).toBe(out.nonce);
    expect(file.text).not.toBe(signal.nonce);
    expect(file.text).not.toContain('UK1AB2CD3E');
    // Both test sites share one WordPress, hence one uploads folder: each has its own file there.
    expect(out.files).toEqual(expect.arrayContaining(['index.html', signal.url!.split('/').at(-1)!]));
  });

  it('a deleted file comes back on the next /health, with the current nonce', async () => {
    const signal = await health(site);
    const { dir } = run(site, 'nothing');
    rmSync(`${dir}${signal.url!.split('/').at(-1)!}`);
    // A missing file falls through to WordPress (a 404 page, or a canonical redirect on plain permalinks).
    expect([301, 302, 404]).toContain((await readFile(signal.url!)).status);
    const again = await health(site);
    expect(again.url).toBe(signal.url);
    expect(await readFile(signal.url!)).toEqual({ status: 200, text: again.nonce });
  });

  it('uploads not writable: /health says so with no URL; storing SMS still works; it recovers when writable again', async () => {
    const { dir } = run(site, 'nothing');
    const aside = `${dir.replace(/\/$/, '')}.aside`;
    renameSync(dir, aside);
    writeFileSync(dir.replace(/\/$/, ''), 'not a folder'); // mkdir fails as on a read-only uploads folder
    try {
      const signal = await health(site);
      expect(signal.url).toBeNull();
      expect(signal.error).toMatch(/not writable|cannot be created/);
      expect((await postSms(site, smsFields(site))).json).toEqual(SUCCESS);
    } finally {
      rmSync(dir.replace(/\/$/, ''), { force: true });
      renameSync(aside, dir.replace(/\/$/, ''));
    }
    const back = await health(site);
    expect(back.url).not.toBeNull();
    expect((await readFile(back.url!)).text).toBe(back.nonce);
  });

  it('a new daemon token removes the old file (its name is derived from the token)', () => {
    const out = run(site, 'regenerate');
    expect(out).toMatchObject({ old_before: true, old_after: false, new_exists: true });
    expect(existsSync(out.dir)).toBe(true);
  });
});

// Retention: the daily WP-Cron callback deletes messages older than the retention period (default 90 days).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { SUCCESS, describeSites, findStored, findWordPress, lastId, postSms, smsFields } from './wp-env.js';

const wp = await findWordPress();
const helper = fileURLToPath(new URL('prune-helper.php', import.meta.url));

describeSites(wp, 'retention pruning', (site) => {
  it('deletes messages older than the retention period and keeps newer ones', async () => {
    const after = await lastId(site);
    const old = smsFields(site);
    const recent = smsFields(site);
    const edge = smsFields(site);
    for (const f of [old, recent, edge]) expect((await postSms(site, f)).json).toEqual(SUCCESS);
    const run = (id: string, days: number) =>
      JSON.parse(execFileSync('php', [helper, site.config, site.wp_root, id, String(days)], { encoding: 'utf8' })) as { scheduled: number | false; retention_days: number };

    run(edge['message_id']!, 89);
    const report = run(old['message_id']!, 91);

    expect(report.retention_days).toBe(90);
    expect(typeof report.scheduled).toBe('number');
    expect(await findStored(site, after, old['message_id']!)).toEqual([]);
    expect(await findStored(site, after, recent['message_id']!)).toHaveLength(1);
    expect(await findStored(site, after, edge['message_id']!)).toHaveLength(1);
  });
});

// Hostile strings and concurrent posts against the real plugin.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { SUCCESS, describeSites, findStored, findWordPress, lastId, messagesAfter, postSms, smsFields } from './wp-env.js';
import type { BodyFormat } from './wp-env.js';

const wp = await findWordPress();

const HOSTILE = [
  "'; DROP TABLE wp_smsmatch_messages; --",
  '" OR "1"="1',
  "Robert'); DELETE FROM wp_options WHERE ('1'='1",
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '%27%3B%20--  \\\' \\" \\\\ \0 null byte',
  '{{7*7}} ${7*7} <?php echo 1; ?>',
  ']]><![CDATA[x]]> &amp; &lt;',
];

describeSites(wp, 'hostile input and load', (site) => {
  it.each<BodyFormat>(['form', 'json', 'xml'])('stores SQL and script strings verbatim (%s)', async (format) => {
    const after = await lastId(site);
    const posted = HOSTILE.filter((s) => format !== 'xml' || !s.includes('\0')).map((message) =>
      smsFields(site, { message, device_id: message.slice(0, 20), message_id: `${randomUUID()}'--` }));

    for (const fields of posted) expect((await postSms(site, fields, format)).json).toEqual(SUCCESS);

    for (const fields of posted) {
      const stored = await findStored(site, after, fields['message_id']!);
      expect(stored.map((m) => [m.message, m.device_id])).toEqual([[fields['message'], fields['device_id']]]);
    }
  });

  it('stores exactly 50 rows for 50 concurrent posts and returns them all', async () => {
    const after = await lastId(site);
    const posts = Array.from({ length: 50 }, (_, i) => smsFields(site, { message: `concurrent ${i} ${randomUUID()}` }));
    // Each of the first ten is also sent twice more at once, as a phone retrying after a timeout would.
    const repeats = posts.slice(0, 10).flatMap((p) => [p, p]);

    const answers = await Promise.all([...posts, ...repeats].map((p, i) => postSms(site, p, i % 2 ? 'json' : 'form')));

    expect(answers.every((a) => a.status === 200 && a.json.payload.success === true)).toBe(true);
    const ids = new Set(posts.map((p) => p['message_id']));
    const stored = (await messagesAfter(site, after)).filter((m) => ids.has(m.message_id));
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((m) => m.message_id)).size).toBe(50);
    expect(stored.map((m) => m.message).sort()).toEqual(posts.map((p) => p['message']).sort());
  });
});

// The daemon side of the drop-box: smsmatch reconcile pulling from the real plugin into its ledger, with the
// sandbox shop as WooCommerce. Nothing may be skipped or repeated across pages, shop outages or restarts.
import { afterEach, expect, it } from 'vitest';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { main } from '../../src/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { mpesaTime, workspace } from '../e2e/helpers.js';
import { captureIo } from '../helpers/io.js';
import { SUCCESS, describeSites, findWordPress, lastId, postSms, smsFields } from './wp-env.js';

const wp = await findWordPress();

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const now = Date.now();
const phone = (i: number): string => `07${String(20_000_000 + i * 7919 + Math.floor(now / 1000) % 1000).padStart(8, '0')}`;
// Codes unique per test run: the WordPress database keeps messages across runs.
const runTag = (now % 46_656).toString(36).toUpperCase().padStart(3, '0');
const code = (site: string, i: number): string => `U${site}${runTag}${String(i).padStart(5, '0')}`.slice(0, 10);

/** The balance after payment i: the SMS form one consistent chain, as on a real phone. */
const balanceAfter = (i: number): number => 50_000 + (i + 1) * 1000 + (i * (i + 1)) / 2;

function paymentText(i: number, site: string): string {
  return `${code(site, i)} Confirmed.You have received Ksh${1000 + i}.00 from CUSTOMER NUMBER${i} ${phone(i)} on ${mpesaTime(new Date(now - 60_000))} New M-PESA balance is Ksh${balanceAfter(i)}.00.`;
}

async function reconcileJson(config: string): Promise<{ code: number; json: Record<string, unknown>; err: string }> {
  const io = captureIo({ env: { HOME: '/nonexistent' } });
  const exit = await main(['reconcile', '--config', config, '--json'], io);
  return { code: exit, json: io.out().trim().startsWith('{') ? (JSON.parse(io.out()) as Record<string, unknown>) : {}, err: io.err() };
}

describeSites(wp, 'reconcile pulling from the real drop-box', (site) => {
  it('50 SMS posted at once all reach the ledger exactly once, over several pages, and survive a shop outage', async () => {
    const tag = site.name === 'pretty' ? 'P' : 'L';
    sandbox = await startSandbox({
      orders: Array.from({ length: 53 }, (_, i) => ({
        id: 7000 + i, status: 'on-hold', total: 1000 + i, createdAt: new Date(now - 3_600_000).toISOString(),
        billing: { first_name: 'Customer', last_name: `Number${i}`, phone: phone(i), email: `c${i}@example.com` },
      })),
    });
    const ws = workspace(sandbox, { dropbox: { url: site.daemon_url, token: site.token, pageSize: 7 } }, { dropbox: false });
    // A fresh install would start at 0; this database holds earlier test runs, so start at its end.
    const start = await openLedger(ws.ledger, { command: 'test' });
    start.setCursor(String(await lastId(site)));
    await start.commit();
    await start.close();

    const posted = await Promise.all(Array.from({ length: 50 }, (_, i) => postSms(site, smsFields(site, { message: paymentText(i, tag), sent_timestamp: String(now - 60_000 + i) }))));
    expect(posted.every((r) => JSON.stringify(r.json) === JSON.stringify(SUCCESS))).toBe(true);

    const first = await reconcileJson(ws.config);

    expect(first.code).toBe(0);
    expect(first.json['newMessages']).toBe(50);
    expect(first.json['counts']).toMatchObject({ confirm: 50, applied: 50 });
    expect((first.json['requests'] as { dropbox: number }).dropbox).toBe(Math.ceil(50 / 7));
    for (let i = 0; i < 50; i++) expect(sandbox.state.order(7000 + i)).toMatchObject({ status: 'processing', transaction_id: code(tag, i) });

    // The shop is down when the next SMS arrive: they are kept, decided later, and none is applied twice.
    for (let i = 50; i < 53; i++) await postSms(site, smsFields(site, { message: paymentText(i, tag), sent_timestamp: String(now - 30_000 + i) }));
    sandbox.faults.failNext(1000, { status: 503, match: (req) => req.path.startsWith('/wp-json/wc/') });
    const down = await reconcileJson(ws.config);
    expect(down.code).toBe(69);
    const view = await openLedger(ws.ledger, { readOnly: true });
    expect(view.undecidedMessages()).toHaveLength(3);
    await view.close();

    sandbox.faults.reset();
    const after = await reconcileJson(ws.config);
    const again = await reconcileJson(ws.config);

    expect(after.json['newMessages']).toBe(0);
    expect(after.json['counts']).toMatchObject({ confirm: 3, applied: 3 });
    expect(again.json['counts']).toMatchObject({ confirm: 0, applied: 0 });
    const processingEmails = sandbox.state.emails.filter((e) => e.template === 'customer_processing_order');
    expect(processingEmails).toHaveLength(53);
    expect(new Set(processingEmails.map((e) => e.orderId)).size).toBe(53);
  }, 120_000);
});

import type { TextAdapterFactory } from '../../src/adapters/ledger/index.js';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { createDropboxClient } from '../../src/adapters/dropbox/client.js';
import { createShopClient } from '../../src/adapters/woocommerce/client.js';
import { reconcile } from '../../src/app/reconcile.js';
import type { ReconcileReport } from '../../src/app/types.js';
import { ApplyConfig } from '../../src/config/schema.js';
import type { IncomingSms } from '../../src/core/sms/types.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { Sandbox } from '../../src/sandbox/index.js';

export interface InprocOptions {
  /** SMS handed over as with `--messages`; without it the sandbox's drop-box is polled. */
  messages?: IncomingSms[];
  clock?: () => Date;
  textAdapter?: TextAdapterFactory;
  timeoutMs?: number;
  pageSize?: number;
  dropbox?: { url: string; token: string };
}

export interface InprocResult {
  report: ReconcileReport | null;
  error: unknown;
  warnings: string[];
}

const noSleep = (): Promise<void> => Promise.resolve();

/** One reconcile pass in this process, with the seams the CLI does not expose (clock, ledger adapter, timeouts). */
export async function reconcileOnce(s: Sandbox, ledgerPath: string, o: InprocOptions = {}): Promise<InprocResult> {
  const clock = o.clock ?? ((): Date => new Date());
  const log = memoryLogger();
  let ledger;
  try {
    ledger = await openLedger(ledgerPath, { clock, ...(o.textAdapter ? { textAdapter: o.textAdapter } : {}) });
  } catch (error) {
    return { report: null, error, warnings: [] };
  }
  const shop = createShopClient({ url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, timeoutMs: o.timeoutMs ?? 2000, sleep: noSleep });
  const db = o.dropbox ?? { url: s.dropboxUrl, token: s.dropboxToken };
  const source = o.messages
    ? { kind: 'list' as const, messages: o.messages }
    : { kind: 'dropbox' as const, client: createDropboxClient({ ...db, timeoutMs: o.timeoutMs ?? 2000, sleep: noSleep }), pageSize: o.pageSize ?? 100, maxPages: 50 };
  try {
    const report = await reconcile({ ledger, shop, source, providers: [], matching: {}, apply: ApplyConfig.parse({}), clock, log, dryRun: false });
    return { report, error: null, warnings: log.records.filter((r) => r.level === 'warn').map((r) => r.msg) };
  } catch (error) {
    return { report: null, error, warnings: [] };
  } finally {
    await ledger.close().catch(() => undefined);
  }
}

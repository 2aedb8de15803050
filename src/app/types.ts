import type { DropboxClient } from '../adapters/dropbox/client.js';
import type { Ledger } from '../adapters/ledger/index.js';
import type { ShopClient } from '../adapters/woocommerce/client.js';
import type { ApplyPolicy } from '../core/apply.js';
import type { Decision, MatchConfig } from '../core/match/index.js';
import type { ProviderDef } from '../core/sms/provider.js';
import type { IncomingSms } from '../core/sms/types.js';
import type { Logger } from '../log/logger.js';

/** Where new SMS come from: the drop-box (daemon, cron) or a file (`--messages`). */
export type MessageSource =
  | { kind: 'dropbox'; client: DropboxClient; pageSize: number; maxPages: number }
  | { kind: 'list'; messages: IncomingSms[] };

/** Named points between the steps of a run, for the crash-injection harness. */
export type Step =
  | 'after-store-sms'
  | 'after-decide'
  | 'after-intents'
  | 'after-write'
  | 'after-outcome'
  | 'after-note-intent'
  | 'after-note'
  | 'after-receipt-intent'
  | 'after-receipt'
  /** Admin actions (src/app/admin): the journal says `started`, then the outcome is recorded but not reported. */
  | 'admin-action-started'
  | 'admin-action-recorded';

export interface ReconcileDeps {
  ledger: Ledger;
  /** Null only when no shop is configured; a run that needs orders then fails with a config error. */
  shop: ShopClient | null;
  source: MessageSource;
  providers: readonly ProviderDef[];
  matching: Partial<MatchConfig>;
  apply: ApplyPolicy;
  clock: () => Date;
  log: Logger;
  dryRun: boolean;
  /** The drop-box's outbox, for SMS receipts (`apply.smsReceipt`); absent when there is no drop-box. */
  outbox?: Pick<DropboxClient, 'queueOutbox'> | null;
  /** Called at each step boundary; the fault harness kills the process there. */
  onStep?: (step: Step) => void;
}

export type AppliedOutcome = 'applied' | 'already-applied' | 'skipped' | 'rejected' | 'unknown' | 'would-apply';

export interface AppliedWrite {
  messageId: string;
  code: string | null;
  orderId: number;
  outcome: AppliedOutcome;
  detail: string;
}

export interface ReconcileReport {
  runId: string;
  startedAt: string;
  endedAt: string;
  dryRun: boolean;
  newMessages: number;
  decisions: Decision[];
  applied: AppliedWrite[];
  recovered: AppliedWrite[];
  warnings: string[];
  counts: Record<string, number>;
  requests: { shop: number; dropbox: number };
  /** 0, or 1 when an item failed (an order write was rejected, an order was malformed). */
  exitCode: number;
}

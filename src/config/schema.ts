import { z } from 'zod';
import { RECEIPT_MAX_CHARS, receiptTemplateProblems } from '../core/receipt.js';
import { scheduleProblem, timeZoneProblem } from './daemon-rules.js';

export const DEFAULT_RECEIPT_TEMPLATE = 'Payment {code} of {amount} received for order {order_number}. Thank you!';

/**
 * The config file, every key with its default. Objects are strict so a typo ("windowdays") is reported
 * by name instead of silently ignored. Secrets may instead come from the environment (see load.ts).
 */
const httpsUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://shop.example' });

/** The REST API's own address (…/wp-json/wc/v3) instead of the site: every request would then 404. */
export function isRestApiUrl(url: string): boolean {
  try {
    return /\/wp-json(\/|$)/i.test(new URL(url).pathname) || new URL(url).searchParams.has('rest_route');
  } catch {
    return false;
  }
}

export const SITE_ROOT_MESSAGE = 'is the REST API address, not the site: use the site root, e.g. https://shop.example';

export const CONSUMER_KEY = /^ck_[A-Za-z0-9]{8,}$/;
export const CONSUMER_SECRET = /^cs_[A-Za-z0-9]{8,}$/;
export const DROPBOX_TOKEN_MIN = 16;

const shopUrl = httpsUrl.refine((url) => !isRestApiUrl(url), SITE_ROOT_MESSAGE);

export const ShopConfig = z.strictObject({
  url: shopUrl,
  consumerKey: z.string().regex(CONSUMER_KEY, 'must look like ck_… (WooCommerce → Settings → Advanced → REST API)'),
  consumerSecret: z.string().regex(CONSUMER_SECRET, 'must look like cs_… (shown once when the key is created)'),
  /** Send the key in the query string for hosts that strip the Authorization header. */
  queryStringAuth: z.boolean().default(false),
  timeoutSeconds: z.number().int().min(1).max(300).default(20),
});

export const DropboxConfig = z.strictObject({
  url: httpsUrl,
  token: z.string().min(DROPBOX_TOKEN_MIN, 'must be the drop-box token from the plugin settings page (32+ characters)'),
  pageSize: z.number().int().min(1).max(500).default(100),
});

export const LedgerConfig = z.strictObject({
  path: z.string().min(1).optional(),
  /** A PostgreSQL ledger shared by many shops (and daemons); wins over `path`. */
  url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres://user:password@host:5432/database URL').optional(),
  /** This shop's name in a shared ledger; default: the config file's name without .json. */
  shop: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be letters, digits, dots, dashes or underscores').optional(),
  retentionDays: z.number().int().min(1).max(3650).default(30),
});

/** The balance chain (src/core/balance-chain.ts): each wallet's printed balance must follow from the SMS before. */
export const BalanceChainConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** A payment whose balance breaks the chain goes to review, or only raises an alert. */
  onBreak: z.enum(['review', 'alert']).default('review'),
  /** Differences up to this many minor units (cents) still count as consistent. */
  toleranceMinor: z.number().int().min(0).max(10_000_000).default(0),
});

export const ApplyConfig = z.strictObject({
  /** Status an on-hold order moves to when paid (pending orders go through WooCommerce's own payment_complete). */
  onHoldStatus: z.enum(['processing', 'completed']).default('processing'),
  /** Also add a customer-visible note (WooCommerce emails it). */
  customerNote: z.boolean().default(false),
  customerNoteText: z.string().max(500).default('We have received your payment {code} of {amount}. Thank you!'),
  /** A payment for an order WooCommerce already cancelled: send to review, or revive the order. */
  lateCancelled: z.enum(['review', 'revive']).default('review'),
  /** A payment short of the order's total by at most this many minor units still confirms (the note says by how much). */
  underpaymentToleranceMinor: z.number().int().min(0).max(100_000_000).default(0),
  balanceChain: BalanceChainConfig.prefault({}),
  /** An SMS to the customer once their payment confirms an order, sent by the shop's phone (the drop-box outbox). */
  smsReceipt: z.strictObject({
    enabled: z.boolean().default(false),
    template: z.string().min(1).max(RECEIPT_MAX_CHARS).superRefine(refuseWith((t) => receiptTemplateProblems(t)[0] ?? null)).default(DEFAULT_RECEIPT_TEMPLATE),
  }).prefault({}),
});

export const CustomTemplate = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['payment', 'sent', 'withdrawal', 'deposit', 'airtime', 'bill_payment', 'balance', 'failed', 'reversal', 'refund', 'loan', 'loan_repayment', 'interest', 'transfer', 'otp', 'promo']),
  pattern: z.string().min(1).max(2000),
  flags: z.string().regex(/^[imsu]*$/, 'only the regex flags i, m, s and u are allowed').default('i'),
  organisation: z.boolean().default(false),
  /** Text after this template's match is the operator's footer (set by `smsmatch learn`; see README → Adding a provider). */
  tailIsFooter: z.boolean().default(false),
});

export const CustomProvider = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes, e.g. halopesa-tz'),
  name: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 code such as KE'),
  senderIds: z.array(z.string().min(1)).min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KES'),
  callingCode: z.string().regex(/^[1-9]\d{0,3}$/, 'must be digits without +, e.g. 254'),
  timeZone: z.string().default('+03:00'),
  dateOrder: z.enum(['DMY', 'MDY']).default('DMY'),
  templates: z.array(CustomTemplate).min(1),
});

function refuseWith(problem: (value: string) => string | null) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const message = problem(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  };
}

/** The safety-net pass; payments normally arrive through the signal file within seconds (README → Performance). */
export const DEFAULT_SCHEDULE = '*/5 * * * *';

export const DaemonConfig = z.strictObject({
  /** node-cron expression; six fields = with seconds. Checked with node-cron's own validator. The full pass that
   * runs whatever the signal says. */
  schedule: z.string().superRefine(refuseWith(scheduleProblem)).default(DEFAULT_SCHEDULE),
  /** Watch the drop-box's signal file (a static file, no PHP) and run a pass the moment it changes. */
  signal: z.boolean().default(true),
  /** How often the signal file is checked (a conditional GET the web server answers from disk). */
  signalSeconds: z.number().min(0.1).max(60).default(1),
  /** Without a usable signal file, ask the drop-box for new SMS this often (each is a WordPress request). */
  pollSeconds: z.number().int().min(1).max(3600).default(30),
  /** Checked with Intl, which the shop-hours and "today" arithmetic use. */
  timezone: z.string().superRefine(refuseWith(timeZoneProblem)).default('Africa/Nairobi'),
  /** The daemon's `<ledger>.status.json` heartbeat is rewritten at most this often when nothing else changed. */
  heartbeatSeconds: z.number().int().min(5).max(3600).default(60),
  /** Transient failures (shop or drop-box down) skip ticks with a doubling delay, capped here. */
  maxBackoffSeconds: z.number().int().min(1).max(3600).default(300),
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 08:00');

export const AlertsConfig = z.strictObject({
  /** No SMS reaching the drop-box for this long during shop hours means the phone seems silent. */
  silentPhoneMinutes: z.number().int().min(5).max(10_080).default(120),
  /** Shop hours in daemon.timezone, every day; an end before the start wraps past midnight. */
  shopHours: z.strictObject({ start: clockTime.default('08:00'), end: clockTime.default('20:00') }).prefault({}),
  dropboxDownMinutes: z.number().int().min(1).max(10_080).default(30),
  reviewWaitMinutes: z.number().int().min(1).max(43_200).default(60),
  /** While the phone seems silent, ask the drop-box's /health at most this often (it also counts dropped SMS). */
  healthCheckMinutes: z.number().int().min(1).max(1440).default(15),
  /** Email alerts through the shop's own WordPress (drop-box POST /notify). */
  email: z.boolean().default(false),
  /** POST {alert, message, firstSeenAt, shop} as JSON to this URL once per incident. */
  webhookUrl: httpsUrl.optional(),
});

export const Config = z.strictObject({
  shop: ShopConfig.optional(),
  dropbox: DropboxConfig.optional(),
  ledger: LedgerConfig.default({ retentionDays: 30 }),
  matching: z.record(z.string(), z.unknown()).default({}),
  apply: ApplyConfig.prefault({}),
  providers: z.array(CustomProvider).default([]),
  daemon: DaemonConfig.prefault({}),
  alerts: AlertsConfig.prefault({}),
}).superRefine((c, ctx) => {
  // The receipt is an SMS the shop's own phone sends: without the drop-box there is no phone to ask.
  if (c.apply.smsReceipt.enabled && !c.dropbox) {
    ctx.addIssue({ code: 'custom', path: ['apply', 'smsReceipt', 'enabled'], message: 'needs the drop-box (the shop\'s phone sends the receipt): configure dropbox, or set it to false' });
  }
});

export type Config = z.infer<typeof Config>;
export type ShopConfig = z.infer<typeof ShopConfig>;
export type DropboxConfig = z.infer<typeof DropboxConfig>;
export type CustomProvider = z.infer<typeof CustomProvider>;
export type DaemonConfig = z.infer<typeof DaemonConfig>;
export type AlertsConfig = z.infer<typeof AlertsConfig>;

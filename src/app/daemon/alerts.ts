import type { Alert, Ledger } from '../../adapters/ledger/index.js';
import type { DropboxClient } from '../../adapters/dropbox/client.js';
import type { Logger } from '../../log/logger.js';
import { redact } from '../../log/redact.js';
import { USER_AGENT } from '../../version.js';
import { assessHealth, healthProbeDue, planAlerts, type HealthFacts, type HealthPolicy } from './health.js';
import type { DaemonState } from './state.js';

export interface AlertChannels {
  /** Email through the shop's WordPress (drop-box POST /notify), when `alerts.email`. */
  email: DropboxClient | null;
  webhookUrl: string | null;
  shopUrl: string;
}

/** A channel that failed is tried again after this long, not on every tick. */
const RETRY_MS = 5 * 60_000;

export function healthFacts(ledger: Ledger, state: DaemonState, now: Date): HealthFacts {
  return {
    now, watchingSince: state.startedAt, lastSmsAt: state.lastSmsAt, lastProbeAt: state.lastProbeAt,
    dropboxDownSince: state.dropboxDownSince, dropboxError: state.dropboxError,
    authFailure: state.shopAuthFailure ?? state.dropboxAuthFailure,
    inReview: ledger.paymentsByState('review').map((p) => ({ key: p.key, code: p.code, since: p.updatedAt })),
    openAlerts: ledger.openAlerts(),
  };
}

/** Asks /health when the rules want a second opinion before calling the phone silent; a failure is only logged. */
export async function probeIfDue(dropbox: DropboxClient, ledger: Ledger, state: DaemonState, now: Date, policy: HealthPolicy, log: Logger): Promise<void> {
  if (!healthProbeDue(healthFacts(ledger, state, now), policy)) return;
  try {
    const health = await dropbox.health();
    log.debug('drop-box health checked', { lastSmsAt: health.last_sms_at });
  } catch (error) {
    log.warn(`drop-box /health failed: ${(error as Error).message}`);
  }
}

/**
 * Applies the health rules to the open ledger: new incidents are raised (and logged), cleared ones resolved
 * (and logged), and every open alert is sent on each configured channel it has not reached yet.
 */
export async function updateAlerts(ledger: Ledger, state: DaemonState, now: Date, policy: HealthPolicy, channels: AlertChannels, log: Logger): Promise<void> {
  const plan = planAlerts(assessHealth(healthFacts(ledger, state, now), policy), ledger.openAlerts());
  for (const { id, message } of plan.raise) {
    ledger.raiseAlert(id, message);
    log.warn(`alert ${id}: ${message}`, { alert: id });
  }
  for (const id of plan.resolve) {
    if (ledger.resolveAlert(id)) log.info(`alert ${id} resolved`, { alert: id });
  }
  // An alert a person acknowledged is not sent any more (it stays recorded until its condition clears).
  for (const alert of ledger.openAlerts().filter((a) => a.ackedAt === undefined)) await deliver(alert, ledger, state, now, channels, log);
}

async function deliver(alert: Alert, ledger: Ledger, state: DaemonState, now: Date, channels: AlertChannels, log: Logger): Promise<void> {
  const senders: Array<[string, () => Promise<void>]> = [];
  if (channels.email) {
    const email = channels.email;
    senders.push(['email', () => email.notify(`smsmatch alert: ${alert.id}`, `${alert.message}\n\nFirst seen: ${alert.firstSeenAt}\nShop: ${channels.shopUrl}`)]);
  }
  if (channels.webhookUrl) {
    const url = channels.webhookUrl;
    senders.push(['webhook', () => postWebhook(url, { alert: alert.id, message: alert.message, firstSeenAt: alert.firstSeenAt, shop: channels.shopUrl })]);
  }
  for (const [channel, send] of senders) {
    if (alert.sentTo.includes(channel)) continue;
    const key = `${alert.id}:${channel}`;
    const last = state.sendAttempts.get(key);
    if (last !== undefined && now.getTime() - last < RETRY_MS) continue;
    state.sendAttempts.set(key, now.getTime());
    try {
      await send();
      ledger.markAlertSent(alert.id, channel);
      state.sendAttempts.delete(key);
      log.info(`alert ${alert.id} sent by ${channel}`, { alert: alert.id, channel });
    } catch (error) {
      log.warn(`could not send alert ${alert.id} by ${channel} (retrying in ${RETRY_MS / 60_000} min): ${(error as Error).message}`, { alert: alert.id, channel });
    }
  }
}

async function postWebhook(url: string, body: Record<string, string>): Promise<void> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`webhook ${redact(url)} answered HTTP ${res.status}`);
}

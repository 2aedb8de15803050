import cron from 'node-cron';
import type { DropboxClient } from '../../adapters/dropbox/client.js';
import type { ShopClient } from '../../adapters/woocommerce/client.js';
import type { LoadedConfig } from '../../config/load.js';
import { ConfigError } from '../../errors.js';
import { registerSecret } from '../../log/redact.js';
import { buildDropboxClient, buildShopClient, dropboxSource, requireDropbox, requireShop } from '../deps.js';
import type { MessageSource } from '../types.js';
import type { AlertChannels } from './alerts.js';
import type { HealthPolicy } from './health.js';
import { isKnownTimeZone } from './local-time.js';
import { observeDropbox, observeShop } from './observe.js';
import type { DaemonState } from './state.js';

/** Everything a tick needs from one version of the config; rebuilt whole on SIGHUP, so a bad reload changes nothing. */
export interface DaemonRuntime {
  loaded: LoadedConfig;
  shop: ShopClient;
  dropbox: DropboxClient;
  source: MessageSource;
  policy: HealthPolicy;
  channels: AlertChannels;
}

/** The schedule and time zone, checked before anything starts: a bad one is a config error (exit 78, no restart loop). */
export function checkSchedule(schedule: string, timezone: string): void {
  const fields = schedule.trim().split(/\s+/).length;
  const detail = cron.validateDetailed(schedule);
  if (fields < 5 || fields > 6 || !detail.valid) {
    const why = detail.errors.map((e) => e.message).join('; ') || `${fields} fields`;
    throw new ConfigError(`daemon.schedule "${schedule}" is not a valid cron expression (${why})`, {
      hint: 'use 5 fields (minute hour day month weekday) or 6 with seconds first, e.g. "*/30 * * * * *" for every 30 seconds',
    });
  }
  if (!isKnownTimeZone(timezone)) {
    throw new ConfigError(`daemon.timezone "${timezone}" is not a known IANA time zone`, { hint: 'use a name such as Africa/Nairobi, Africa/Lagos or UTC' });
  }
}

export function buildRuntime(loaded: LoadedConfig, state: DaemonState, clock: () => Date): DaemonRuntime {
  const { config } = loaded;
  const shopConfig = requireShop(config);
  requireDropbox(config, ' (the daemon reads SMS from the drop-box)');
  checkSchedule(config.daemon.schedule, config.daemon.timezone);
  registerSecret(config.alerts.webhookUrl);
  const dropbox = observeDropbox(buildDropboxClient(config), state, clock);
  const { alerts } = config;
  return {
    loaded,
    shop: observeShop(buildShopClient(shopConfig), state),
    dropbox,
    source: dropboxSource(dropbox, config),
    policy: {
      timezone: config.daemon.timezone, shopHours: alerts.shopHours, silentPhoneMinutes: alerts.silentPhoneMinutes,
      dropboxDownMinutes: alerts.dropboxDownMinutes, reviewWaitMinutes: alerts.reviewWaitMinutes, healthCheckMinutes: alerts.healthCheckMinutes,
    },
    channels: { email: alerts.email ? dropbox : null, webhookUrl: alerts.webhookUrl ?? null, shopUrl: shopConfig.url },
  };
}

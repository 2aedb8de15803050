import type { DropboxClient } from '../../adapters/dropbox/client.js';
import type { ShopClient } from '../../adapters/woocommerce/client.js';
import type { LoadedConfig } from '../../config/load.js';
import { scheduleProblem, timeZoneProblem } from '../../config/daemon-rules.js';
import { ConfigError } from '../../errors.js';
import { registerSecret } from '../../log/redact.js';
import { buildDropboxClient, buildShopClient, dropboxSource, requireDropbox, requireShop } from '../deps.js';
import type { MessageSource } from '../types.js';
import type { AlertChannels } from './alerts.js';
import type { HealthPolicy } from './health.js';
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

/**
 * Everything in a valid config that the daemon still refuses at start (exit 78, no restart loop): no shop, no
 * drop-box, a schedule or time zone it cannot run. `config check` reports the same list, so the two never disagree.
 */
export function daemonRefusals(config: LoadedConfig['config']): ConfigError[] {
  const refusals: ConfigError[] = [];
  const collect = (check: () => unknown): void => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      refusals.push(error);
    }
  };
  collect(() => requireShop(config));
  collect(() => requireDropbox(config, ' (the daemon reads SMS from the drop-box)'));
  collect(() => checkSchedule(config.daemon.schedule, config.daemon.timezone));
  return refusals;
}

/** The schedule and time zone, checked again here for configs built in code rather than loaded through the schema. */
export function checkSchedule(schedule: string, timezone: string): void {
  const bad = scheduleProblem(schedule);
  if (bad !== null) throw new ConfigError(`daemon.schedule: ${bad}`, { hint: 'fix daemon.schedule in the config (README → Configuration)' });
  const zone = timeZoneProblem(timezone);
  if (zone !== null) throw new ConfigError(`daemon.timezone: ${zone}`, { hint: 'fix daemon.timezone in the config (README → Configuration)' });
}

export function buildRuntime(loaded: LoadedConfig, state: DaemonState, clock: () => Date): DaemonRuntime {
  const { config } = loaded;
  const refused = daemonRefusals(config)[0];
  if (refused) throw refused;
  const shopConfig = requireShop(config);
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

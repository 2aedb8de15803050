import type { DropboxClient } from '../../adapters/dropbox/client.js';
import type { ShopClient } from '../../adapters/woocommerce/client.js';
import { AuthError, UnavailableError } from '../../errors.js';
import { laterIso, type DaemonState } from './state.js';

/**
 * Client wrappers that record, as a side effect of the calls reconcile makes anyway, what the health rules need:
 * since when the drop-box is down, whether credentials are rejected, and the newest SMS the drop-box holds.
 */
export function observeDropbox(client: DropboxClient, state: DaemonState, clock: () => Date): DropboxClient {
  const ok = (): void => {
    state.dropboxDownSince = null;
    state.dropboxError = null;
    state.dropboxAuthFailure = null;
  };
  const failed = (error: unknown): never => {
    if (error instanceof UnavailableError) {
      state.dropboxDownSince ??= clock().toISOString();
      state.dropboxError = error.message;
    }
    if (error instanceof AuthError) state.dropboxAuthFailure = error.message;
    throw error;
  };
  return {
    ...client,
    async listMessages(after, limit) {
      const page = await client.listMessages(after, limit).catch(failed);
      ok();
      state.pendingActions = page.pendingActions;
      state.signalNonce = page.signalNonce;
      // The shop's clock may differ from ours: place received_at on our clock by the answer's Date header.
      const offset = page.shopClock ? page.shopClock.shopMs - page.shopClock.localMs : 0;
      for (const m of page.messages) {
        const at = Date.parse(m.received_at);
        state.lastSmsAt = laterIso(state.lastSmsAt, Number.isFinite(at) ? new Date(at).toISOString() : clock().toISOString());
        if (Number.isFinite(at)) state.arrivals.set(m.message_id, at - offset);
      }
      // Bounded: entries leave when their payment is applied; the oldest go first if many never are.
      for (const key of state.arrivals.keys()) {
        if (state.arrivals.size <= 1000) break;
        state.arrivals.delete(key);
      }
      return page;
    },
    async health() {
      const health = await client.health().catch(failed);
      ok();
      state.lastProbeAt = clock().toISOString();
      if (health.last_sms_at !== null && Number.isFinite(Date.parse(health.last_sms_at))) {
        state.lastSmsAt = laterIso(state.lastSmsAt, new Date(Date.parse(health.last_sms_at)).toISOString());
      }
      return health;
    },
  };
}

/** Every shop call: a success clears a recorded credentials failure, an AuthError records one. */
export function observeShop(client: ShopClient, state: DaemonState): ShopClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'requestCount') return value;
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          state.shopAuthFailure = null;
          return result;
        } catch (error) {
          if (error instanceof AuthError) state.shopAuthFailure = error.message;
          throw error;
        }
      };
    },
  });
}

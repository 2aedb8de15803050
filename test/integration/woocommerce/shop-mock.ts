import nock from 'nock';
import { createShopClient, type ShopClientOptions } from '../../../src/adapters/woocommerce/client.js';

export const SHOP = 'https://shop.test';
export const API = '/wp-json/wc/v3';
export const KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
export const SECRET = 'cs_fedcba9876543210fedcba9876543210fedcba98';

/** A nock scope for the shop that only matches requests carrying the key as Basic auth. */
export function shop(): nock.Scope {
  return nock(SHOP).matchHeader('accept', /application\/json/).matchHeader('authorization', `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`);
}

export interface Recorder {
  sleeps: number[];
  requests: Array<{ method: string; path: string; status: number | null }>;
}

export function client(options: Partial<ShopClientOptions> = {}): ReturnType<typeof createShopClient> & Recorder {
  const sleeps: number[] = [];
  const requests: Recorder['requests'] = [];
  const c = createShopClient({
    url: SHOP,
    consumerKey: KEY,
    consumerSecret: SECRET,
    timeoutMs: 2_000,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    onRequest: ({ method, path, status }) => requests.push({ method, path, status }),
    ...options,
  });
  return Object.assign(c, { sleeps, requests });
}

export function order(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, number: String(id), status: 'on-hold', currency: 'KES', total: '1250.00', date_created_gmt: '2024-05-01T10:00:00', billing: { phone: '0712345678' }, meta_data: [], ...extra };
}

/** Runs `fn`, expecting it to reject, and returns the error. */
export async function failure(fn: () => Promise<unknown>): Promise<Error & { code?: string; exitCode?: number; hint?: string }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { code?: string; exitCode?: number; hint?: string };
  }
  throw new Error('expected a rejection');
}

import type { ProviderDef } from '../provider.js';
import { AIRTEL_KE } from './airtel-ke.js';
import { KCB_KE } from './kcb-ke.js';
import { MPESA_KE } from './mpesa-ke.js';
import { MPESA_TZ } from './mpesa-tz.js';
import { SELCOM_TZ } from './selcom-tz.js';
import { TIGO_TZ } from './tigo-tz.js';

/**
 * Kenya and Tanzania. M-PESA sender IDs are shared by Safaricom and Vodacom TZ: each one's templates insist on
 * its own currency token, so the order below only decides which provider names a currency-less text.
 */
export const EAST_AFRICA_PROVIDERS: readonly ProviderDef[] = [MPESA_KE, KCB_KE, AIRTEL_KE, MPESA_TZ, TIGO_TZ, SELCOM_TZ];

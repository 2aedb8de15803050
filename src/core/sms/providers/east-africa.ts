import type { ProviderDef } from '../provider.js';
import { MPESA_KE } from './mpesa-ke.js';

/** Kenya and Tanzania. Order matters where sender IDs overlap (M-PESA is both Safaricom and Vodacom TZ). */
export const EAST_AFRICA_PROVIDERS: readonly ProviderDef[] = [MPESA_KE];

import type { ProviderDef } from '../provider.js';

/** Kenya and Tanzania. */
export const EAST_AFRICA_PROVIDERS: readonly ProviderDef[] = [];

import type { ProviderDef } from '../provider.js';
import { EAST_AFRICA_PROVIDERS } from './east-africa.js';
import { OTHER_PROVIDERS } from './others.js';

/** Built-in providers, one file each; grouped by the two lists below. */
export const BUILT_IN_PROVIDERS: readonly ProviderDef[] = [...EAST_AFRICA_PROVIDERS, ...OTHER_PROVIDERS];

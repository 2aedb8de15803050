import type { ProviderDef } from '../provider.js';

/** Uganda, Rwanda, Ghana, Zambia, Zimbabwe, Malawi, Mozambique, Burkina Faso, DR Congo, Ethiopia, Somalia. */
export const OTHER_PROVIDERS: readonly ProviderDef[] = [];

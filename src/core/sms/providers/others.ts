import type { ProviderDef } from '../provider.js';
import { AIRTEL_MW } from './airtel-mw.js';
import { AIRTEL_UG } from './airtel-ug.js';
import { AIRTEL_ZM } from './airtel-zm.js';
import { AIRTELTIGO_GH } from './airteltigo-gh.js';
import { ECOCASH_ZW } from './ecocash-zw.js';
import { EMOLA_MZ } from './emola-mz.js';
import { MOOV_BF } from './moov-bf.js';
import { MPAMBA_MW } from './mpamba-mw.js';
import { MPESA_CD } from './mpesa-cd.js';
import { MPESA_MZ } from './mpesa-mz.js';
import { MTN_GH } from './mtn-gh.js';
import { MTN_RW } from './mtn-rw.js';
import { MTN_UG } from './mtn-ug.js';
import { ORANGE_BF } from './orange-bf.js';
import { SAHAL_SO } from './sahal-so.js';
import { TELEBIRR_ET } from './telebirr-et.js';
import { TELECEL_BF } from './telecel-bf.js';
import { TELECEL_GH } from './telecel-gh.js';
import { ZAMTEL_ZM } from './zamtel-zm.js';

/**
 * Uganda, Rwanda, Ghana, Zambia, Zimbabwe, Malawi, Mozambique, Burkina Faso, DR Congo, Ethiopia, Somalia.
 * Each provider's wording and currency are its own, so the order only matters for an unknown sender; Telecel and
 * Moov come before Orange because all three say `Vous avez reçu`.
 */
export const OTHER_PROVIDERS: readonly ProviderDef[] = [
  MTN_UG, AIRTEL_UG, MTN_RW, MTN_GH, TELECEL_GH, AIRTELTIGO_GH, AIRTEL_ZM, ZAMTEL_ZM, ECOCASH_ZW, AIRTEL_MW,
  MPAMBA_MW, MPESA_MZ, EMOLA_MZ, TELECEL_BF, MOOV_BF, ORANGE_BF, MPESA_CD, TELEBIRR_ET, SAHAL_SO,
];

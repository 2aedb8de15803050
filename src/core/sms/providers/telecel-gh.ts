import type { ProviderDef } from '../provider.js';
import { AMT, ISO_DT, PHONE, rx } from './other-parts.js';

/**
 * Telecel Cash Ghana (ex Vodafone Cash, `T-CASH`). Shapes (anonymised):
 * - cross-network: `0000013400000001 Confirmed. You have received GHS1.00 from MTN MOBILE MONEY with transaction
 *   reference: Transfer From: 233240000001-JANE DOE  on 2026-06-21 at 11:20:28. Your Telecel Cash balance is
 *   GHS2.39. Ref: order 7.` - the payer is the person after `Transfer From:`, `Ref:` is the payer's note.
 * - on-net: `0000013400000002 Confirmed. You have received GHS20.00 from 0200000001 - JOHN DOE on 2026-06-21 at
 *   11:20:28. Your Telecel Cash balance is GHS22.39.`
 */
const GHS = String.raw`GH(?:S|¢|C|₵) ?(?<amount>${AMT})`;
const TAIL = String.raw`(?:.{0,40}?balance is GHS ?(?<balance>${AMT}))?(?:.{0,20}?\bRef(?:erence)?: ?(?<account>[^.]{0,60})\.?)?`;

export const TELECEL_GH: ProviderDef = {
  id: 'telecel-gh',
  name: 'Telecel Cash Ghana',
  country: 'GH',
  callingCode: '233',
  currency: 'GHS',
  utcOffset: '+00:00',
  dateOrder: 'DMY',
  senderIds: ['T-CASH', 'Telecel Cash'],
  organisationNames: /\b(?:BANK|LTD|LIMITED|MOBILE MONEY|AIRTELTIGO|AT MONEY|MONEY)\b/i,
  requires: /GH(?:S|¢|C|₵)/i,
  footer: /\b(?:Stay alert|Never share your PIN)\b/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:failed|unsuccessful|declined)\b.{0,80}?(?:${GHS})?`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`(?:(?<code>\d{6,20}) Confirmed\. )?You have (?:sent|paid|transferred) ${GHS} to`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`(?:(?<code>\d{6,20}) Confirmed\. )?You have (?:withdrawn|cashed out) ${GHS}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`You have received ${GHS} from (?:an )?agent\b|\bCash ?In\b.{0,40}?GHS ?\d`) },
    {
      name: 'received-cross-network',
      kind: 'payment',
      organisation: true,
      pattern: rx(String.raw`(?<code>[0-9A-Z]{6,24}) Confirmed\. You have received ${GHS} from .{1,40}? with transaction reference: ?Transfer From: ?(?<phone>\+?\d{9,12}) ?- ?(?<name>.{1,60}?) on (?<date>${ISO_DT})\.${TAIL}`),
    },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`(?<code>[0-9A-Z]{6,24}) Confirmed\. You have received ${GHS} from (?:(?<phone>${PHONE}) ?-? ?)?(?<name>[^\d].{0,59}?) on (?<date>${ISO_DT})\.${TAIL}`),
    },
  ],
};

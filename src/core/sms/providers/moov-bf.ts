import type { ProviderDef } from '../provider.js';
import { AMT_SP, NUM_DT, rx } from './other-parts.js';

/**
 * Moov Money Burkina Faso (French, label lines, space thousands + decimal comma). Shape (anonymised):
 * `Vous avez reçu 10 100,00 FCFA de K C JEAN OUEDRAOGO. \nNuméro: 22670000001\nDate: 29/01/2026 16:09:54\n
 * TID: DAT300O1CX\nSolde: 17 669,00 FCFA`
 */
const FCFA = String.raw`(?<amount>${AMT_SP}) ?(?:F ?CFA|XOF|CFA)`;

export const MOOV_BF: ProviderDef = {
  id: 'moov-bf',
  name: 'Moov Money Burkina Faso',
  country: 'BF',
  callingCode: '226',
  currency: 'XOF',
  utcOffset: '+00:00',
  dateOrder: 'DMY',
  senderIds: ['MoovMoney', 'Moov Money'],
  organisationNames: /\b(?:BANQUE|BANK|SARL|CORIS|ECOBANK|ORANGE|TELECEL)\b/i,
  requires: /F ?CFA|XOF/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`(?<![a-z])(?:[eé]chou[eé]e?|solde insuffisant|failed)(?![a-z])`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`\bVous avez (?:envoy[eé]|transf[eé]r[eé]|pay[eé])(?![a-z]).{0,20}?${FCFA}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`\b(?:Retrait|Vous avez retir[eé])(?![a-z]).{0,40}?${FCFA}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`\b(?:D[eé]p[oô]t|Vous avez d[eé]pos[eé])(?![a-z]).{0,40}?${FCFA}`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`Vous avez re[cç]u ${FCFA} de (?<name>[^\d].{0,59}?)\.?(?= (?:Num[eé]ro|Date|TID|Solde) ?:|$)(?: Num[eé]ro ?: ?(?<phone>\+?\d{8,12}))?(?: Date ?: ?(?<date>${NUM_DT}))?(?: TID ?: ?(?<code>\w{6,20}))?(?: Solde ?: ?(?<balance>${AMT_SP}) ?(?:F ?CFA|XOF))?`),
    },
  ],
};

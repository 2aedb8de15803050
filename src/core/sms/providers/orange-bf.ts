import type { ProviderDef } from '../provider.js';
import { AMT_SP, CODE_DOTTED, rx } from './other-parts.js';

/**
 * Orange Money Burkina Faso (French, FCFA = XOF). No date in the body; balance may carry four decimals.
 * Shape (anonymised): `Vous avez recu 1,800.00 FCFA du 57000001,MARIE KABORE. Le solde de votre compte est de
 * 94271.9101 FCFA Trans ID: PP260316.2147.10000001. Flashez le QR CODE marchand ...`
 */
const FCFA = String.raw`(?<amount>${AMT_SP}) ?(?:F ?CFA|XOF|CFA)`;

export const ORANGE_BF: ProviderDef = {
  id: 'orange-bf',
  name: 'Orange Money Burkina Faso',
  country: 'BF',
  callingCode: '226',
  currency: 'XOF',
  utcOffset: '+00:00',
  dateOrder: 'DMY',
  senderIds: ['OrangeMoney', 'Orange Money'],
  organisationNames: /\b(?:BANQUE|BANK|SARL|CORIS|ECOBANK|MOOV|TELECEL)\b/i,
  requires: /F ?CFA|XOF/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`(?<![a-z])(?:[eé]chou[eé]e?|solde insuffisant|failed)(?![a-z])`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`\b(?:Vous avez (?:envoy[eé]|transf[eé]r[eé]|pay[eé])|Transfert de)(?![a-z]).{0,20}?${FCFA}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`\b(?:Retrait|Vous avez retir[eé])(?![a-z]).{0,40}?${FCFA}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`\b(?:D[eé]p[oô]t|Vous avez d[eé]pos[eé])(?![a-z]).{0,40}?${FCFA}`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`Vous avez re[cç]u ${FCFA} du (?<phone>\+?\d{8,12}) ?, ?(?<name>.{1,60}?)\.(?= ?(?:Le solde|Votre solde|Nouveau solde|Trans|$))(?: ?Le solde de votre compte est de (?<balance>${AMT_SP}) ?(?:F ?CFA|XOF))?(?:.{0,20}?Trans(?:action)? ?ID ?: ?(?<code>${CODE_DOTTED}))?`),
    },
  ],
};

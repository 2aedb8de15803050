import type { ProviderDef } from '../provider.js';
import { AMT_SP, NUM_DT, rx } from './other-parts.js';

/**
 * Telecel Money Burkina Faso (French). Shapes (anonymised):
 * - `Vous avez recu 5000.00 FCFA du 22670000001 - JEAN ROUAMBA le 02/03/2026 22:28:22. Trans ID : DC290000C3.
 *   Votre solde est de 62325.00 FCFA`
 * - merchant: `Vous avez recu un paiement du 70000001 ce 15/03/2026 08:21:04.\nMontant: 1000.00 FCFA \nFrais: 0.00 FCFA.
 *   \n\nNouveau solde: 1000.00 FCFA. ID de transaction est DCF2400001.`
 */
const FCFA = String.raw`(?<amount>${AMT_SP}) ?(?:F ?CFA|XOF|CFA)`;

export const TELECEL_BF: ProviderDef = {
  id: 'telecel-bf',
  name: 'Telecel Money Burkina Faso',
  country: 'BF',
  callingCode: '226',
  currency: 'XOF',
  utcOffset: '+00:00',
  dateOrder: 'DMY',
  senderIds: ['Telecel Money', 'TelecelMoney'],
  organisationNames: /\b(?:BANQUE|BANK|SARL|CORIS|ECOBANK|ORANGE|MOOV)\b/i,
  requires: /F ?CFA|XOF/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`(?<![a-z])(?:[eé]chou[eé]e?|solde insuffisant|failed)(?![a-z])`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`\bVous avez (?:envoy[eé]|transf[eé]r[eé]|pay[eé])(?![a-z]).{0,20}?${FCFA}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`\b(?:Retrait|Vous avez retir[eé])(?![a-z]).{0,40}?${FCFA}`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`Vous avez re[cç]u ${FCFA} du (?<phone>\+?\d{8,12}) ?- ?(?<name>.{1,60}?) le (?<date>${NUM_DT})\.? ?Trans(?:action)? ?ID ?: ?(?<code>\w{6,20})\.?(?: ?Votre solde est de (?<balance>${AMT_SP}) ?(?:F ?CFA|XOF))?(?:.{0,20}?\bRef ?: ?(?<account>\S{1,40}))?`),
    },
    {
      name: 'received-merchant',
      kind: 'payment',
      pattern: rx(String.raw`Vous avez re[cç]u un paiement du (?<phone>\+?\d{8,12}) ce (?<date>${NUM_DT})\.? ?Montant ?: ?${FCFA}(?:.{0,40}?Nouveau solde ?: ?(?<balance>${AMT_SP}) ?(?:F ?CFA|XOF))?.{0,40}?ID de transaction (?:est )?:? ?(?<code>\w{6,20})`),
    },
  ],
};

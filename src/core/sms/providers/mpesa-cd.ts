import type { ProviderDef } from '../provider.js';
import { AMT, rx } from './other-parts.js';

/**
 * Vodacom M-Pesa DR Congo (French, USD or CDF wallets, label lines; Kinshasa time). `Du compte` is the payer's
 * wallet number, not a payment reference. Shape (anonymised):
 * `ARGENT RECU du 243810000001 le 13/01/2015 12:51:37\nDu compte: 1000600001\nMontant: 0.20 USD\nFrais: 0.00 USD\n
 * Ref: 181300001\nSolde Disponible: 0.20 USD`
 */
const DATE = String.raw`\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(?::\d{2})?`;

export const MPESA_CD: ProviderDef = {
  id: 'mpesa-cd',
  name: 'Vodacom M-Pesa DRC',
  country: 'CD',
  callingCode: '243',
  currency: 'USD',
  utcOffset: '+01:00',
  dateOrder: 'DMY',
  senderIds: ['M-PESA', 'MPESA'],
  organisationNames: /\b(?:BANQUE|BANK|SARL|RAWBANK|EQUITY|TMB|AIRTEL|ORANGE)\b/i,
  requires: /USD|CDF/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`(?<![a-z])(?:[eé]chou[eé]e?|solde insuffisant)(?![a-z])`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`\bARGENT ENVOY[EÉ](?![a-z]).{0,120}?Montant ?: ?(?<amount>${AMT}) ?(?<currency>USD|CDF)`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`\bRETRAIT\b.{0,120}?Montant ?: ?(?<amount>${AMT}) ?(?<currency>USD|CDF)`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`\bD[EÉ]P[OÔ]T\b.{0,120}?Montant ?: ?(?<amount>${AMT}) ?(?<currency>USD|CDF)`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`ARGENT RE[CÇ]U du (?<phone>\+?\d{9,12})(?: ?-? ?(?<name>[^\d]{1,60}?))? le (?<date>${DATE}) (?:Du compte ?: ?\d{1,20} )?Montant ?: ?(?<amount>${AMT}) ?(?<currency>USD|CDF) (?:Frais ?: ?${AMT} ?(?:USD|CDF) )?R[eé]f ?: ?(?<code>\w{4,20})(?: Solde Disponible ?: ?(?<balance>${AMT}) ?(?<balanceCurrency>USD|CDF))?`),
    },
  ],
};

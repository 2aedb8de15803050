import type { ProviderDef } from '../provider.js';
import { AMT, rx } from './other-parts.js';

/**
 * Vodacom M-Pesa Mozambique (Portuguese, metical `MT`). Code AFTER `Confirmado`. Shapes (anonymised):
 * - received: `Confirmado DET0KA0001E. Recebeste  1,500.00MT de 258840000001 - JOANA aos 29/5/26  as 6:22 PM o novo
 *   saldo  M-Pesa e de 1,234.56MT. ...` (a short number before the name is not a phone)
 * - look-alikes: `Transferiste …`, `levantaste … no agente …`, `Depositaste o valor de … no agente …`,
 *   `Registamos uma operacao de compra no valor de …`
 */
const MT = String.raw`(?<amount>${AMT}) ?(?:MT|MZN)`;
const CODE = String.raw`Confirmado (?<code>[A-Z0-9]{8,12})\.?`;
const DATE = String.raw`\d{1,2}/\d{1,2}/\d{2,4} (?:as|às) \d{1,2}:\d{2}(?: ?[AP]M)?`;

export const MPESA_MZ: ProviderDef = {
  id: 'mpesa-mz',
  name: 'Vodacom M-Pesa Mozambique',
  country: 'MZ',
  callingCode: '258',
  currency: 'MZN',
  utcOffset: '+02:00',
  dateOrder: 'DMY',
  senderIds: ['M-Pesa', 'MPESA'],
  organisationNames: /\b(?:BANCO|BANK|BCI|BIM|LDA|LIMITADA|S\.A\.|EMOLA|MKESH)\b/i,
  requires: /\d ?MT\b|MZN/i,
  templates: [
    { name: 'failed', kind: 'failed', pattern: rx(String.raw`\b(?:falhou|falhada|saldo insuficiente)(?![a-z])`) },
    { name: 'reversal', kind: 'reversal', pattern: rx(String.raw`\b(?:revers[aã]o|revertid[ao]|estorno)(?![a-z])`) },
    { name: 'sent', kind: 'sent', pattern: rx(String.raw`${CODE} Transferiste ${MT}`) },
    { name: 'withdrawal', kind: 'withdrawal', pattern: rx(String.raw`${CODE}.{0,40}?\blevantaste ${MT}`) },
    { name: 'deposit', kind: 'deposit', pattern: rx(String.raw`${CODE} Depositaste o valor de ${MT}`) },
    { name: 'purchase', kind: 'bill_payment', pattern: rx(String.raw`${CODE}.{0,40}?opera[cç][aã]o de (?:compra|pagamento) no valor de ${MT}`) },
    { name: 'airtime', kind: 'airtime', pattern: rx(String.raw`${CODE}.{0,40}?\brecarga\b.{0,40}?${MT}`) },
    {
      name: 'received',
      kind: 'payment',
      pattern: rx(String.raw`${CODE} Recebeste ${MT} de (?:(?<phone>\+?\d{9,12}) ?- ?|\d{1,8} ?- ?)?(?<name>.{1,60}?) aos (?<date>${DATE})(?:.{0,40}?saldo M-Pesa (?:e|é) de (?<balance>${AMT}) ?MT)?`),
    },
  ],
};

/**
 * Sender IDs of mobile-money notices (see shared/reference/sms-formats.md). The drop-box stores only SMS
 * from these senders; everything else (personal texts, OTPs from banks not listed) is acknowledged and dropped.
 */
export const DEFAULT_PAYMENT_SENDERS: readonly string[] = [
  'MPESA',
  'M-PESA',
  'M-Pesa',
  'AirtelMoney',
  'AIRTEL',
  'MobileMoney',
  'M-Money',
  'MTNMobMoney',
  'T-CASH',
  'TIGOPESA',
  'MixxByYas',
  'KCB',
  'Selcom Pesa',
  'eMola',
  '127',
];

/** Case-insensitive, ignoring spaces, dashes and dots (`M-Pesa` = `MPESA`). */
export function normaliseSender(sender: string): string {
  return sender.toLowerCase().replace(/[\s.-]/g, '');
}

export function isPaymentSender(from: string, senders: readonly string[]): boolean {
  const wanted = normaliseSender(from);
  return wanted !== '' && senders.some((s) => normaliseSender(s) === wanted);
}

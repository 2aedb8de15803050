import { gatewayOrder } from './checkout.js';
import type { SandboxOrderSeed } from './types.js';

const minutesAgo = (now: Date, minutes: number): string => new Date(now.getTime() - minutes * 60_000).toISOString();

/**
 * Open orders of a small Nairobi shop (KES) waiting for Lipa na M-PESA payments: phones written the many
 * ways customers type them, one customer who pasted an M-PESA code into the note, two orders with the same
 * total (so amount alone is ambiguous) and one sequential order number that differs from the id. The last
 * two went through the plugin's "Pay with M-PESA" checkout: one says a relative pays, one will type her code.
 */
export function demoOrders(now: Date): SandboxOrderSeed[] {
  return [
    {
      id: 1041, status: 'on-hold', total: 1250, createdAt: minutesAgo(now, 95),
      billing: { first_name: 'Wanjiku', last_name: 'Kamau', phone: '0712 345 678', email: 'wanjiku.kamau@example.com' },
      items: [{ name: 'Kikoy beach towel', quantity: 1, total: 1250 }],
    },
    {
      id: 1042, status: 'on-hold', total: 3400, createdAt: minutesAgo(now, 80),
      billing: { first_name: 'Otieno', last_name: 'Odhiambo', phone: '+254 722 000 111', email: 'otieno.o@example.com' },
      items: [{ name: 'Maasai shuka (red)', quantity: 2, total: 2400 }, { name: 'Delivery within Nairobi', quantity: 1, total: 1000 }],
    },
    {
      id: 1043, status: 'pending', total: 850, createdAt: minutesAgo(now, 62),
      billing: { first_name: 'Achieng', last_name: 'Njeri', phone: '254733123456', email: 'achieng.njeri@example.com' },
      items: [{ name: 'Kenyan AA coffee 250g', quantity: 1, total: 850 }],
    },
    {
      id: 1044, status: 'on-hold', total: 2100, createdAt: minutesAgo(now, 47),
      customer_note: 'Paid via M-PESA, code UHSNH45W4A. Please deliver after 5pm.',
      billing: { first_name: 'Brian', last_name: 'Mutua', phone: '0701-555-432', email: 'brian.mutua@example.com' },
      items: [{ name: 'Sisal market basket', quantity: 1, total: 2100 }],
    },
    {
      id: 1045, status: 'on-hold', total: 1250, createdAt: minutesAgo(now, 33),
      billing: { first_name: 'Grace', last_name: 'Wambui', phone: '0798 765 432', email: 'grace.wambui@example.com' },
      items: [{ name: 'Kikoy beach towel', quantity: 1, total: 1250 }],
    },
    {
      id: 1046, number: 'NB-2026-0046', status: 'pending', total: 499, createdAt: minutesAgo(now, 21), virtualOnly: true,
      billing: { first_name: 'Kevin', last_name: 'Kiprop', phone: '0110 234 567', email: 'kevin.kiprop@example.com' },
      items: [{ name: 'Swahili phrasebook (PDF)', quantity: 1, total: 499 }],
    },
    {
      id: 1047, status: 'failed', total: 5600, createdAt: minutesAgo(now, 14),
      billing: { first_name: 'Fatuma', last_name: 'Hassan', phone: '+254711222333', email: 'fatuma.hassan@example.com' },
      items: [{ name: 'Soapstone chess set', quantity: 1, total: 5600 }],
    },
    {
      id: 1048, status: 'on-hold', total: 320, createdAt: minutesAgo(now, 6),
      billing: { first_name: 'Peter', last_name: 'Njoroge', phone: '0720 111 222', email: '' },
      items: [{ name: 'Chai masala 100g', quantity: 2, total: 320 }],
    },
    gatewayOrder(
      {
        id: 1049, total: 2750, createdAt: minutesAgo(now, 40),
        billing: { first_name: 'Daniel', last_name: 'Ouma', phone: '0756 222 333', email: 'daniel.ouma@example.com' },
        items: [{ name: 'Kiondo handbag', quantity: 1, total: 2750 }],
      },
      { payFrom: '0745 111 999', payerName: 'Samuel Ochieng' },
    ),
    gatewayOrder({
      id: 1050, total: 1800, createdAt: minutesAgo(now, 35),
      billing: { first_name: 'Mercy', last_name: 'Chebet', phone: '0768 444 555', email: 'mercy.chebet@example.com' },
      items: [{ name: 'Beaded sandals', quantity: 1, total: 1800 }],
    }),
  ];
}

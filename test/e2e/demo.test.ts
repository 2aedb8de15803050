import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { captureIo } from '../helpers/io.js';

describe('smsmatch demo', () => {
  it('ends every scripted case as it should and cleans up', async () => {
    const io = captureIo({ env: { HOME: '/nonexistent' } });

    const code = await main(['demo', '--json'], io);

    const out = JSON.parse(io.out()) as {
      ok: boolean;
      cases: Array<{ name: string; decision: string; orderId: number | null; ok: boolean; secondsToPaid: number | null }>;
      orders: Array<{ id: number; status: string; transaction_id: string }>;
      emails: Array<{ template: string; orderId: number }>;
      review: Array<{ code: string }>;
    };
    const byName = Object.fromEntries(out.cases.map((c) => [c.name, c]));
    expect(byName['masked number']).toMatchObject({ decision: 'confirm', orderId: 1041 });
    expect(byName['relative paying']).toMatchObject({ decision: 'confirm', orderId: 1044 });
    expect(byName['checkout declaration']).toMatchObject({ decision: 'confirm', orderId: 1049 });
    expect(byName['code entry']).toMatchObject({ decision: 'confirm', orderId: 1050 });
    expect(byName['paybill account']).toMatchObject({ decision: 'confirm', orderId: 1046 });
    expect(byName['underpayment']).toMatchObject({ decision: 'partial', orderId: 1043 });
    expect(byName['spoof']).toMatchObject({ decision: 'dropped', orderId: null });
    expect(byName['duplicate']).toMatchObject({ decision: 'duplicate', orderId: null });
    expect(byName['amount only']).toMatchObject({ decision: 'review', orderId: null });
    expect(byName['rest of the underpayment']).toMatchObject({ decision: 'confirm', orderId: 1043 });
    expect(out.ok).toBe(true);
    expect(code).toBe(0);
    const status = Object.fromEntries(out.orders.map((o) => [o.id, o.status]));
    expect(status).toMatchObject({ 1041: 'processing', 1043: 'processing', 1044: 'processing', 1046: 'completed', 1045: 'on-hold', 1042: 'on-hold', 1049: 'processing', 1050: 'processing' });
    expect(out.emails.filter((e) => e.orderId === 1045)).toEqual([]);
    expect(out.review.map((r) => r.code)).toEqual(['UKR5M6N7P8']);
    // Seconds from the phone's POST to the order paid: for confirmations only.
    for (const c of out.cases) {
      if (c.decision === 'confirm') expect(c.secondsToPaid).toBeGreaterThan(0);
      else expect(c.secondsToPaid).toBeNull();
    }
  });

  it('tells the story in plain words on a terminal', async () => {
    const io = captureIo({ env: { HOME: '/nonexistent' } });

    const code = await main(['demo'], io);

    expect(code).toBe(0);
    const text = io.out();
    expect(text).toContain('order #1041 marked paid');
    expect(text).toContain('masked phone +254745***999 fits the number declared at checkout and the name matches "Samuel Ochieng" on #1049');
    expect(text).toContain('[code entry] order #1050: Thank you: we are checking UKR6E7F8G9 against the payments the shop received.');
    expect(text).toContain('code UKR6E7F8G9 was entered by the customer on #1050');
    expect(text).toContain('never reached smsmatch');
    expect(text).toContain('waiting for a person to decide');
    expect(text).toContain('customer_processing_order → wanjiku.kamau@example.com');
    // One SMS receipt per payment that marked an order paid, to the number declared at checkout when there is one.
    expect(text.match(/SMS receipt queued/g)).toHaveLength(text.match(/marked paid/g)!.length);
    expect(text).toContain('SMS receipt queued for the shop phone to send: +254745111999 "Payment UKR2C3D4E5 of KES 2,750.00 received for order 1049. Thank you!"');
    expect(text).toContain('Next steps');
    // Kevin's story says order NB-2026-0046: every line names it so, the summary too, never by its id 1046.
    expect(text).toContain('order NB-2026-0046');
    const summary = text.slice(text.indexOf('Summary'));
    expect(summary).toMatch(/paybill account\s+UKR7H8J9K0\s+confirm\s+#NB-2026-0046/);
    expect(text).not.toContain('#1046');
  });
});

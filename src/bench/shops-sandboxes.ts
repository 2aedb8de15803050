import { startSandbox, type Sandbox } from '../sandbox/index.js';

/**
 * The sandbox shops of `benchShops`, in a process of their own so the daemon's resident memory is its own.
 * Driven over IPC: `start` (n shops, each with one open order), `clear`, `count`, `pay` (one sure payment SMS
 * to every shop, or some, for that round's order) and `paid` (when each shop's first order write since `clear` arrived). Every reply is `{ id, ...result }`.
 */
export type SandboxRequest =
  | { id: number; op: 'start'; n: number }
  | { id: number; op: 'clear' | 'count' | 'paid' | 'stop' }
  | { id: number; op: 'pay'; round: number; shops?: number[] };

export interface ShopInfo {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  dropboxUrl: string;
  dropboxToken: string;
}

const shops: Sandbox[] = [];
const ORDER = 20_001;

async function handle(req: SandboxRequest): Promise<unknown> {
  switch (req.op) {
    case 'start': {
      const createdAt = new Date(Date.now() - 30 * 60_000).toISOString();
      for (let i = shops.length; i < req.n; i += 1) {
        // One open order per round of payments: the same customer, a different amount each.
        shops.push(await startSandbox({
          orders: [0, 1, 2].map((round) => ({
            id: ORDER + round, status: 'on-hold' as const, total: amountOf(i, round), createdAt,
            billing: { first_name: 'Grace', last_name: 'Achieng', phone: phoneOf(i), email: `g${i}@example.com` },
          })),
        }));
      }
      return { shops: shops.map((s): ShopInfo => ({ url: s.url, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, dropboxUrl: s.dropboxUrl, dropboxToken: s.dropboxToken })) };
    }
    case 'clear':
      for (const s of shops) s.state.clearLogs();
      return {};
    case 'count':
      return {
        requests: shops.map((s) => s.state.requests.length),
        woo: shops.map((s) => s.state.requests.filter((r) => r.route.startsWith('/wc/')).length),
      };
    case 'pay': {
      const which = req.shops ?? shops.map((_, i) => i);
      await Promise.all(which.map((i) => pay(shops[i]!, i, req.round)));
      return { postedAt: Date.now() };
    }
    case 'paid':
      // The order write that confirms the payment: the first non-GET WooCommerce request the shop received.
      return { paidAt: shops.map((s) => s.state.requests.find((r) => r.method !== 'GET' && r.route.startsWith('/wc/'))?.at ?? null) };
    case 'stop':
      await Promise.all(shops.map((s) => s.close()));
      return {};
  }
}

function amountOf(i: number, round: number): number {
  return 700 + (i % 500) + round * 1000;
}

/** The wallet after this round's payment: the balance chain must follow, as on a real phone. */
function balanceAfter(i: number, round: number): number {
  let balance = 10_000;
  for (let r = 0; r <= round; r += 1) balance += amountOf(i, r);
  return balance;
}

function phoneOf(i: number): string {
  return `07220${String(i).padStart(5, '0')}`;
}

/** A sure M-PESA payment for shop i's order of this round (its billing phone, its exact amount), posted as SMSsync does. */
async function pay(s: Sandbox, i: number, round: number): Promise<void> {
  const at = new Date(Date.now() + 3 * 3_600_000);
  const stamp = `${at.getUTCDate()}/${at.getUTCMonth() + 1}/${String(at.getUTCFullYear()).slice(2)} at ${((at.getUTCHours() + 11) % 12) + 1}:${String(at.getUTCMinutes()).padStart(2, '0')} ${at.getUTCHours() < 12 ? 'AM' : 'PM'}`;
  const code = `UM${round.toString(36).toUpperCase()}${String(i).padStart(7, '0')}`.slice(0, 10);
  const text = `${code} Confirmed.You have received Ksh${amountOf(i, round).toLocaleString('en-US')}.00 from GRACE ACHIENG ${phoneOf(i)} on ${stamp} New M-PESA balance is Ksh${balanceAfter(i, round).toLocaleString('en-US')}.00.`;
  const body = new URLSearchParams({ secret: s.smssyncSecret, from: 'MPESA', message: text, sent_timestamp: String(Date.now()), message_id: `bench-shops-${round}-${i}`, sent_to: '', device_id: 'bench' });
  const res = await fetch(s.smssyncUrl, { method: 'POST', body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`bench: shop ${i}'s SMSsync endpoint answered ${res.status}`);
}

process.on('message', (req: SandboxRequest) => {
  handle(req).then(
    (result) => process.send?.({ id: req.id, ...(result as object) }),
    (error: unknown) => process.send?.({ id: req.id, error: (error as Error).message }),
  );
});

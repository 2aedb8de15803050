import { performance } from 'node:perf_hooks';
import type { MatchMessage } from '../core/match/index.js';
import { matchPayments } from '../core/match/index.js';
import type { Order } from '../core/order.js';
import type { ParsedSms } from '../core/sms/types.js';

const FIRST = ['JOHN', 'MARY', 'PETER', 'JANE', 'JAMES', 'GRACE', 'DAVID', 'FAITH', 'JOSEPH', 'MERCY', 'BRIAN', 'ANN'];
const LAST = ['KAMAU', 'WANJIKU', 'OTIENO', 'AKINYI', 'MWANGI', 'CHEBET', 'KIPROP', 'NJERI', 'OCHIENG', 'WAFULA', 'MUTUA', 'NDUNGU'];
const TOTALS = [50000, 85000, 120000, 150000, 199900, 250000, 320000, 450000, 99900, 175000];
const BASE = Date.parse('2026-05-04T06:00:00Z');

/** Small deterministic PRNG (mulberry32) so every run benchmarks the same shop. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function benchData(n: number): { orders: Order[]; messages: MatchMessage[] } {
  const r = rng(20260504);
  const orders: Order[] = [];
  const messages: MatchMessage[] = [];
  for (let i = 0; i < n; i++) {
    const phone = `7${String(10_000_000 + Math.floor(r() * 89_999_999)).padStart(8, '0')}`;
    const [first, last] = [pick(r, FIRST), pick(r, LAST)];
    const created = BASE + i * 30_000;
    const code = `UE${i.toString(36).toUpperCase().padStart(8, '0')}`;
    const style = r();
    orders.push({
      id: 10_000 + i, number: String(10_000 + i), status: 'pending', currency: 'KES', totalMinor: pick(r, TOTALS),
      createdAt: new Date(created).toISOString(), paymentMethod: 'mpesa', transactionId: '',
      customerNote: style > 0.95 ? `paid ${code}` : '', billing: { firstName: first, lastName: last, phone: `0${phone}`, email: '' }, meta: {},
    });
    const masked = `+254${phone.slice(0, 3)}***${phone.slice(-3)}`;
    const parsed: ParsedSms = {
      kind: 'payment', provider: 'mpesa-ke', template: 'bench', trusted: true, untrustedReason: null, code,
      amount: null, amountMinor: orders[i]!.totalMinor, currency: 'KES', payerName: `${first} ${last}`,
      payerPhone: style < 0.6 ? `+254${phone}` : style < 0.8 ? masked : null, payerIsOrganisation: false,
      account: style >= 0.8 && style < 0.9 ? String(10_000 + i) : null, balance: null, balanceMinor: null,
      occurredAt: null, reverses: null,
    };
    messages.push({ messageId: `b${i}`, receivedAt: new Date(created + 120_000).toISOString(), parsed });
  }
  return { orders, messages };
}

/** 10,000 payments against 10,000 open orders: warm-up, then the best of three timed runs. */
export function benchMatch(): { payments: number; orders: number; ms: number; confirms: number } {
  const { orders, messages } = benchData(10_000);
  let confirms = matchPayments({ messages, orders }).filter((d) => d.decision === 'confirm').length;
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const decisions = matchPayments({ messages, orders });
    best = Math.min(best, performance.now() - start);
    confirms = decisions.filter((d) => d.decision === 'confirm').length;
  }
  return { payments: messages.length, orders: orders.length, ms: Math.round(best * 10) / 10, confirms };
}

import { parseSms } from '../core/sms/parse.js';

/**
 * Parser throughput on one core. The mix is deterministic (a fixed-seed generator) and covers every built-in
 * provider's receipt shape plus the look-alikes a wallet receives far more often (sent, withdrawals, failures,
 * adverts), with names, numbers and amounts varied so that no template sees the same text twice in a row.
 */
export interface BenchResult {
  messages: number;
  ms: number;
  perSecond: number;
}

type Shape = (r: Rand) => { from: string; text: string };

class Rand {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    // xorshift32: fast, deterministic, good enough to vary text.
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  int(max: number): number {
    return this.next() % max;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  name(): string {
    return `${this.pick(FIRST)} ${this.pick(LAST)}`;
  }
  money(): string {
    const whole = 1 + this.int(250_000);
    return `${whole.toLocaleString('en-US')}.${this.digits(2)}`;
  }
  code(n: number): string {
    const abc = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += abc[this.int(abc.length)];
    return s;
  }
}

const FIRST = ['JANE', 'John', 'AMINA', "Ng'ang'a", 'Mary-Jane', 'KOFI', 'Ana', 'awa', 'J. K.', 'Tendai', 'CHIKONDI'];
const LAST = ['DOE', 'Banda', 'MENSAH', 'OKOTH', 'Habimana', 'Tembo', 'MACUACUA', 'Sawadogo', 'Moyo', 'Phiri', 'axmed'];

const SHAPES: Shape[] = [
  (r) => ({ from: 'MPESA', text: `${r.code(10)} Confirmed.You have received Ksh${r.money()} from ${r.name()} 07${r.digits(2)}***${r.digits(3)} on ${1 + r.int(28)}/${1 + r.int(12)}/26 at ${1 + r.int(12)}:${r.digits(2)} PM New M-PESA balance is Ksh${r.money()}. Dial *544*18# & earn daily.` }),
  (r) => ({ from: 'MPESA', text: `${r.code(10)} Confirmed. Ksh${r.money()} sent to ${r.name()} 07${r.digits(8)} on 3/4/26 at 9:15 AM. New M-PESA balance is Ksh${r.money()}. Transaction cost, Ksh13.00.` }),
  (r) => ({ from: 'M-PESA', text: `${r.code(10)} Confirmed. You have received Tsh${r.money()} from ${r.name()} (2557${r.digits(8)}) on 19/6/26 at 10:38 pm. New M-Pesa balance is Tsh${r.money()}.` }),
  (r) => ({ from: 'MTNMobMoney', text: `You have received UGX ${1 + r.int(900000)} from ${r.name()}, 2567${r.digits(8)} on 2026-08-30 16:${r.digits(1)}5:11. fee:0. Reason: ${r.digits(19)}. New balance: UGX ${r.int(999999)}. ID: ${r.digits(11)}. Download MoMo App http://bit.ly/x to get 500MBs.` }),
  (r) => ({ from: 'AirtelMoney', text: `RECEIVED. TID ${r.digits(12)}. UGX ${r.money().split('.')[0]} from 7${r.digits(8)}, ${r.name()}. Bal UGX ${r.money().split('.')[0]}.` }),
  (r) => ({ from: 'M-Money', text: `You have received ${1 + r.int(90000)} RWF from ${r.name()} (*********${r.digits(3)}) on your mobile money account at 2024-05-10 16:30:51. Message from sender: ${r.code(4)}. Your new balance:${r.int(99999)} RWF. Financial Transaction Id: ${r.digits(11)}.` }),
  (r) => ({ from: 'M-Money', text: `*165*S*${1 + r.int(90000)} RWF transferred to ${r.name()} (2507${r.digits(8)}) from ${r.digits(8)} at 2024-05-11 20:34:47 . Fee was: 100 RWF. New balance: ${r.int(99999)} RWF.*EN#` }),
  (r) => ({ from: 'MobileMoney', text: `Payment received for GHS ${r.money()} from ${r.name()}  Current Balance: GHS ${r.money()} . Available Balance: GHS ${r.money()}. Reference: ${r.code(5)}. Transaction ID: ${r.digits(11)}. TRANSACTION FEE: 0.00` }),
  (r) => ({ from: 'MobileMoney', text: `Your payment of GHS ${r.money()} to MTN AIRTIME has been completed at 2026-06-10 21:00:02. Your new balance: GHS ${r.money()}. Fee was GHS 0.00 Tax was GHS -. Reference: -. Financial Transaction Id: ${r.digits(11)}.` }),
  (r) => ({ from: 'MobileMoney', text: `Dear customer, enjoy an overdraft of up to GHS ${r.money()} for your MoMo transactions. Opt in to MoMo Boost by dialing *170#.` }),
  (r) => ({ from: 'T-CASH', text: `${r.digits(16)} Confirmed. You have received GHS${r.money()} from MTN MOBILE MONEY with transaction reference: Transfer From: 2335${r.digits(8)}-${r.name()}  on 2026-06-21 at 11:20:28. Your Telecel Cash balance is GHS${r.money()}. Ref: ${r.code(4)}.` }),
  (r) => ({ from: 'AIRTEL', text: `You have received ZMW ${r.money()} from 97${r.digits(7)} ${r.name()}.Dial *115# to check your new Bal. TID: PP2609${r.digits(2)}.${r.digits(4)}.N${r.digits(5)}.` }),
  (r) => ({ from: 'Zamtel', text: `Dear Customer, you have received ZMW ${r.money()} from ${r.name()} - 09${r.digits(8)} on 03-10-2026 16:59:01 under Txn ID: ${r.code(8)}. Your account balance is now ZMW ${r.money()}.` }),
  (r) => ({ from: 'EcoCash', text: `EcoCash: Transfer Confirmation. $${r.money()} from ${r.name()} Approval Code: PP${r.digits(6)}.${r.digits(4)}.B${r.digits(5)}. New wallet balance: $ ${r.money()}.` }),
  (r) => ({ from: 'AirtelMoney', text: `Trans.ID :  PP2006${r.digits(2)}.1133.H${r.digits(5)}. Dear customer, you have received MK ${r.money()} from 99${r.digits(7)},${r.name()} . Your available balance is MK ${r.money()}.` }),
  (r) => ({ from: 'TNM Mpamba', text: `Money Received from 26588${r.digits(7)} ${r.name()} on \n26/05/2019 14:29:36. \nAmount: ${r.money()}MWK \nRef: ${r.code(10)}\nBal: ${r.money()}MWK` }),
  (r) => ({ from: 'M-Pesa', text: `Confirmado ${r.code(11)}. Recebeste  ${r.money()}MT de 2588${r.digits(8)} - ${r.name()} aos 29/5/26  as 6:22 PM o novo saldo  M-Pesa e de ${r.money()}MT.` }),
  (r) => ({ from: 'eMola', text: `Transaction ID: PP2606${r.digits(2)}.0854.K${r.digits(5)}. You received ${r.money()}MT from 87${r.digits(7)}, name: ${r.name()} at 08:54:09 on 03/06/2026. Content: ${r.code(5)}. Your account balance is ${r.money()}MT.` }),
  (r) => ({ from: 'OrangeMoney', text: `Vous avez recu ${r.money()} FCFA du 5${r.digits(7)},${r.name()}. Le solde de votre compte est de ${r.digits(5)}.${r.digits(4)} FCFA Trans ID: PP2603${r.digits(2)}.2147.${r.digits(8)}.` }),
  (r) => ({ from: 'MoovMoney', text: `Vous avez reçu ${1 + r.int(99)} ${r.digits(3)},00 FCFA de ${r.name()}. \nNuméro: 226${r.digits(8)}\nDate: 29/01/2026 16:09:54\nTID: ${r.code(10)}\nSolde: ${r.digits(2)} ${r.digits(3)},00 FCFA` }),
  (r) => ({ from: 'Telecel Money', text: `Vous avez recu ${r.digits(4)}.00 FCFA du 226${r.digits(8)} - ${r.name()} le 02/03/2026 22:28:22. Trans ID : ${r.code(10)}. Votre solde est de ${r.digits(5)}.00 FCFA` }),
  (r) => ({ from: 'M-PESA', text: `ARGENT RECU du 2438${r.digits(8)} le 13/01/2015 12:51:37\nDu compte: ${r.digits(10)}\nMontant: ${r.money()} USD\nFrais: 0.00 USD\nRef: ${r.digits(9)}\nSolde Disponible: ${r.money()} USD` }),
  (r) => ({ from: '127', text: `You have received ETB ${r.money()} from ${r.name()}(2519****${r.digits(4)})  on 31/01/2026 16:51:21. Your transaction number is ${r.code(10)}. Your current E-Money Account balance is ETB ${r.money()}.` }),
  (r) => ({ from: 'SAHAL', text: `[SAHAL] Ref:${r.digits(9)} confirmed. $${1 + r.int(500)} Received from ${r.name()}(77${r.digits(5)}) on 10/23/2014 12:07:57 PM. New A/c balance is $${r.digits(3)}.${r.digits(3)}.` }),
  (r) => ({ from: '+254711000111', text: `Hi ${r.name()}, are we still meeting at ${1 + r.int(12)}pm? Bring the ${r.int(50)} copies.` }),
];

function buildMix(count: number): Array<{ from: string; text: string }> {
  const rand = new Rand(20260827);
  const out: Array<{ from: string; text: string }> = [];
  for (let i = 0; i < count; i++) out.push(SHAPES[i % SHAPES.length]!(rand));
  return out;
}

/** Parses the mix for about `durationMs` after a warm-up; prints nothing. */
export function benchParse(durationMs = 1500): BenchResult {
  const mix = buildMix(SHAPES.length * 40);
  for (const sms of mix) parseSms(sms);
  let messages = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (const sms of mix) parseSms(sms);
    messages += mix.length;
    elapsed = performance.now() - start;
  }
  return { messages, ms: Math.round(elapsed), perSecond: Math.round((messages / elapsed) * 1000) };
}

import { normaliseText } from '../../../src/core/sms/normalise.js';
import type { Template } from '../../../src/core/sms/provider.js';

/**
 * More samples of one shape, made from a real one: the spans the built-in template captures (name, code,
 * amount, phone, balance, date, account) are replaced by other values of the same shape. The built-in parser
 * then says what the new text means, so a variant it does not read the same way is dropped by the caller.
 */
const NAMES = ['ASHA', 'JOHN MWANGI', 'Grace Atieno Odhiambo', 'MARY ANN W. KAMAU', 'peter', "O'BRIEN MUSA", 'Fatou Diallo', 'JOSE DA SILVA', 'Kofi Mensah Boateng', 'AMINA H.'];
const REFS = ['INV1042', 'order 77', 'A12', 'shop', '2094000000000000042', 'SHOP01'];

export function makeRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function digit(random: () => number, nonZero = false): string {
  return String(nonZero ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10));
}

/** Same letters-and-digits shape: `TAB1CDE2FG` → `QRX7HJK3LM`, `PP261016.2147.10000001` keeps its dots. */
function sameShape(random: () => number, value: string): string {
  return value.replace(/[A-Z]/g, () => String.fromCharCode(65 + Math.floor(random() * 26))).replace(/[a-z]/g, () => String.fromCharCode(97 + Math.floor(random() * 26))).replace(/\d/g, () => digit(random));
}

/** An amount written the way the original is, with other digits, sometimes a digit group shorter or longer. */
function amountLike(random: () => number, value: string): string {
  let out = value.replace(/\d/g, () => digit(random)).replace(/^0+(?=\d)/, () => digit(random, true));
  const grouped = /^(\d{1,3})([,.' ])(\d{3})/.exec(out);
  const r = random();
  if (grouped && r < 0.3) out = out.slice(grouped[1]!.length + 1);
  else if (grouped && r < 0.6) out = `${digit(random, true)}${grouped[2]}${out.replace(/^\d{1,3}/, (g) => g.padStart(3, '0'))}`;
  return out.replace(/^0+(?=\d)/, () => digit(random, true));
}

function phoneLike(random: () => number, value: string): string {
  return value.slice(0, 5) + value.slice(5).replace(/\d/g, () => digit(random));
}

/** A valid date in the same layout: day and month swapped for others (day ≤ 28), time changed too. */
function dateLike(random: () => number, value: string, dayFirst: boolean): string {
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const pad = (n: number, like: string): string => (like.length === 2 ? String(n).padStart(2, '0') : String(n));
  let out = value.replace(/^(\d{4})-(\d{1,2})-(\d{1,2})/, (_m, y: string, mo: string, d: string) => `${y}-${pad(month, mo)}-${pad(day, d)}`);
  if (out === value) {
    out = value.replace(/(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{2,4})/, (_m, a: string, s1: string, b: string, s2: string, y: string) =>
      dayFirst ? `${pad(day, a)}${s1}${pad(month, b)}${s2}${y}` : `${pad(month, a)}${s1}${pad(day, b)}${s2}${y}`);
  }
  return out.replace(/(\d{1,2})([:h])(\d{2})/, (_m, h: string, sep: string) => {
    const twelve = /[AP]\.? ?M/i.test(value);
    const hour = twelve ? 1 + Math.floor(random() * 12) : Math.floor(random() * 24);
    return `${pad(hour, h)}${sep}${String(Math.floor(random() * 60)).padStart(2, '0')}`;
  });
}

export function variantOf(text: string, template: Template, dayFirst: boolean, random: () => number): string | null {
  const normal = normaliseText(text).text;
  const re = new RegExp(template.pattern.source, `${template.pattern.flags.replace('d', '')}d`);
  const match = re.exec(normal);
  const indices = match?.indices?.groups;
  if (!match || !indices) return null;
  const edits: Array<[number, number, string]> = [];
  for (const [group, span] of Object.entries(indices)) {
    if (!span) continue;
    const value = normal.slice(span[0], span[1]);
    let replacement: string;
    switch (group) {
      case 'name': {
        const name = pick(random, NAMES);
        replacement = value === value.toUpperCase() ? name.toUpperCase() : name;
        break;
      }
      case 'code':
        replacement = sameShape(random, value);
        break;
      case 'amount':
      case 'balance':
        replacement = amountLike(random, value);
        break;
      case 'phone':
        replacement = phoneLike(random, value);
        break;
      case 'date':
        replacement = dateLike(random, value, dayFirst);
        break;
      case 'account':
        replacement = /^\d+$/.test(value) ? sameShape(random, value) : pick(random, REFS);
        break;
      default:
        continue;
    }
    edits.push([span[0], span[1], replacement]);
  }
  // Nested or overlapping groups (a date inside a larger capture) are left as they are.
  edits.sort((a, b) => b[0] - a[0]);
  let out = normal;
  let floor = Infinity;
  for (const [start, end, replacement] of edits) {
    if (end > floor) continue;
    out = out.slice(0, start) + replacement + out.slice(end);
    floor = start;
  }
  return out === normal ? null : out;
}

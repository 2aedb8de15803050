import { accentedForm } from './lexicon.js';
import type { Token } from './tokenise.js';
import { fold } from './tokenise.js';
import type { Element } from './types.js';

/**
 * Writes the template as one plain regular expression: `^`, the fixed wording in order (accents optional,
 * ` ?` where the samples break lines or spaces), and a bounded pattern with a named group for each field. It
 * stops one fixed token after the last field, so adverts and footers that change later do not break it.
 * Every repeat is bounded or a digit run between fixed marks, so a failing match cannot backtrack for long.
 */
export const AMOUNT = String.raw`\d{1,3}(?:[,.'’ ]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?`;
const DATE_ISO = String.raw`\d{4}-\d{1,2}-\d{1,2}`;
const DATE_NUMERIC = String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}`;
const TIME = String.raw`\d{1,2}[:h]\d{2}(?::\d{2})?(?: ?[AP]\.? ?M\.?)?`;

const CAPTURED = new Set(['amount', 'balance', 'code', 'phone', 'name', 'account', 'date', 'currency']);

export function buildPattern(elements: readonly Element[]): { pattern: string; end: number } {
  let last = -1;
  elements.forEach((e, i) => {
    if (CAPTURED.has(e.role)) last = i + (e.dateSpan ?? 0);
  });
  // One fixed token after the last field ends a lazy field; without one the field runs to the end of the text.
  const end = elements[last + 1]?.role === 'fixed' ? last + 1 : last;
  const parts: string[] = [];
  for (let i = 0; i <= end; i++) {
    const element = elements[i]!;
    if (element.role === 'date') {
      const span = elements.slice(i, i + (element.dateSpan ?? 0) + 1);
      parts.push(`(?<date>${span.map(piece).join(' ?')})`);
      i += element.dateSpan ?? 0;
      continue;
    }
    // A mark inside a long name that the alignment took for the one after a short name: optional after the name.
    if (element.role === 'absorbed') {
      if (element.kind === 'column') parts[parts.length - 1] += ` ?${fixed(element.tokens.map((t) => t[0]!))}?`;
      continue;
    }
    parts.push(piece(element, i, elements));
  }
  const tail = end === last && elements[last]?.kind === 'gap' ? String.raw`\.? ?$` : '';
  return { pattern: `^${parts.join(' ?')}${tail}`, end };
}

function piece(element: Element, index: number, elements: readonly Element[]): string {
  const values = element.tokens.map((t) => t.map((x) => x.text).join(' '));
  const longest = Math.max(...values.map((v) => v.length));
  const bound = Math.min(120, Math.max(40, longest * 2));
  const optional = values.some((v) => v === '');
  switch (element.role) {
    case 'fixed':
      return fixed(element.tokens.map((t) => t[0]!));
    case 'date':
      return element.tokens[0]![0]!.type === 'time' ? TIME : element.tokens.every((t) => /^\d{4}-/.test(t[0]!.text)) ? DATE_ISO : DATE_NUMERIC;
    case 'amount':
      return `(?<amount>${AMOUNT})`;
    case 'balance':
      return `(?<balance>${AMOUNT})`;
    case 'fee':
    case 'money':
      return `(?:${AMOUNT})`;
    case 'code':
      return `(?<code>${codeClass(values)})`;
    case 'phone':
      return String.raw`(?<phone>\+?[\d*X•]{6,16})`;
    case 'name':
      return `(?<name>.{${optional ? 0 : 1},${Math.min(bound, 80)}}?)`;
    case 'account':
      return element.kind === 'column' ? String.raw`(?<account>[A-Z0-9][\w./-]{0,39})` : `(?<account>.{0,${bound}}?)`;
    case 'currency':
      return `(?${currencyGroup(elements, index)}${[...new Set(values)].map(escape).join('|')})`;
    default:
      if (element.kind === 'column') {
        const type = element.tokens[0]![0]!.type;
        return type === 'time' ? TIME : type === 'date' ? `(?:${DATE_ISO}|${DATE_NUMERIC})` : String.raw`\S{1,40}?`;
      }
      return `.{0,${bound}}?`;
  }
}

/** The currency beside the amount is the payment's; beside the balance, the balance's; elsewhere unnamed. */
function currencyGroup(elements: readonly Element[], index: number): string {
  const near = [elements[index - 1]?.role, elements[index + 1]?.role];
  if (near.includes('amount')) return '<currency>';
  if (near.includes('balance')) return '<balanceCurrency>';
  return ':';
}

/** Codes vary in length and letter/digit mix: the class of what was seen, a little shorter and longer. */
function codeClass(values: readonly string[]): string {
  const lengths = values.map((v) => v.length);
  const lo = Math.max(3, Math.min(...lengths) - 3);
  const hi = Math.max(...lengths) + 4;
  if (values.every((v) => /^\d+$/.test(v))) return `\\d{${lo},${hi}}`;
  const marks = [...new Set(values.join('').replace(/[A-Za-z0-9]/g, ''))].map((c) => (c === '-' ? '\\-' : escape(c))).join('');
  return `[A-Z0-9][A-Z0-9${marks}]{${lo - 1},${hi - 1}}`;
}

/** A fixed token as the samples spell it; a word known to lose its accents in SMS accepts both spellings. */
function fixed(tokens: readonly Token[]): string {
  const spelling = tokens.map((t) => t.text).sort((a, b) => nonAscii(b) - nonAscii(a))[0]!;
  const form = tokens[0]!.type === 'word' ? (accentedForm(spelling) ?? spelling) : spelling;
  if (form.length !== spelling.normalize('NFC').length) return escape(spelling).replace(/ /g, ' ?');
  let out = '';
  for (const ch of form) {
    const base = fold(ch);
    out += base !== ch.toLowerCase() && base.length === 1 ? `[${ch}${base}]` : ch === ' ' ? ' ?' : escape(ch);
  }
  return out;
}

function nonAscii(text: string): number {
  return text.replace(/[\x00-\x7f]/g, '').length;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

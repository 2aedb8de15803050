import { accentedForms, nearestCue } from './lexicon.js';
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
  return { pattern: uniqueGroups(`^${parts.join(' ?')}${tail}`), end };
}

/** A field printed twice (`Current Balance … Available Balance`) is read from its first place; later ones only match. */
function uniqueGroups(pattern: string): string {
  const seen = new Set<string>();
  return pattern.replace(/\(\?<([a-zA-Z]+)>/g, (whole, name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      return whole;
    }
    return '(?:';
  });
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
    case 'optional':
      return optionalSegment(element);
    case 'name':
      if (element.optionalPhone) {
        const names = element.tokens.map((t) => (t.length > 1 && /^(?:number|masked)$/.test(t[t.length - 1]!.type) ? t.slice(0, -1) : t).map((x) => x.text).join(' '));
        return `(?<name>${names.some((v) => /\d/.test(v)) ? '.' : '[^\\d]'}{1,${Math.min(bound, 80)}}?)(?: ?[,(-]? ?(?<phone>\\+?[\\d*X•]{6,16})\\)?)?`;
      }
      // Names with a digit (`otieno 2nd`) are rare: unless a sample has one, a digit means it is not a name
      // (`You have received 200Ksh from ART111`, an airtime top-up).
      return `(?<name>${values.some((v) => /\d/.test(v)) ? '.' : '[^\\d]'}{${optional ? 0 : 1},${Math.min(bound, 80)}}?)`;
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

/**
 * A part some samples print and others do not (`Numéro: 22670000111` on its own line): its words are fixed,
 * its value is read by the word before it, and the whole part is optional.
 */
function optionalSegment(element: Element): string {
  const filled = element.tokens.filter((t) => t.length > 0);
  const parts = filled[0]!.map((token, i) => {
    const column = filled.map((t) => t[i]!);
    if (token.type === 'word' || token.type === 'punct') return fixed(column);
    if (column.every((t) => t.text === token.text)) return escape(token.text);
    const lead = filled[0]!.slice(0, i).filter((t) => t.type === 'word').map((t) => fold(t.text)).join(' ');
    const cue = nearestCue(`${element.lead} ${lead}`.trim(), ['code', 'party', 'account', 'amount', 'balance', 'fee']);
    if (token.type === 'date') return DATE_NUMERIC;
    if (token.type === 'time') return TIME;
    if (cue === 'party' && column.every((t) => t.type === 'masked' || /^\+?\d{7,15}$/.test(t.text))) return String.raw`(?<phone>\+?[\d*X•]{6,16})`;
    if (cue === 'code') return `(?<code>${codeClass(column.map((t) => t.text))})`;
    if (cue === 'amount' || cue === 'balance' || cue === 'fee') return `(?:${AMOUNT})`;
    return String.raw`\S{1,40}?`;
  });
  return `(?:${parts.join(' ?')})?`;
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

/**
 * A fixed token as the samples spell it. Where a letter differs only by its accent (between the samples, or in
 * a word known to lose its accents in SMS), both spellings are accepted: `re[çc]u`, `n[úéu]m[ée]ro`.
 */
function fixed(tokens: readonly Token[]): string {
  const spellings = [...new Set(tokens.map((t) => t.text.normalize('NFC')))];
  const forms = tokens[0]!.type === 'word' ? [...spellings, ...accentedForms(spellings[0]!)] : spellings;
  const same = forms.filter((f) => [...f].length === [...spellings[0]!].length);
  if (same.length !== forms.length && tokens[0]!.type !== 'word') return escape(spellings[0]!).replace(/ /g, ' ?');
  const columns = [...spellings[0]!].map((_, i) => new Set(same.map((f) => [...f][i]!)));
  let out = '';
  for (const chars of columns) {
    const list = [...chars];
    const first = list[0]!;
    const variants = new Set(list.flatMap((c) => [c.toLowerCase(), fold(c)]));
    if (first === ' ') out += ' ?';
    else if (variants.size > 1 && /\p{L}/u.test(first)) out += `[${[...variants].sort().join('')}]`;
    else out += escape(first);
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

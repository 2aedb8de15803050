import type { Alignment } from './align.js';
import type { Token } from './tokenise.js';
import { fold, isCurrencyWord } from './tokenise.js';
import type { Element } from './types.js';

/**
 * Turns the alignment into a sequence of stretches: each shared token becomes a column (fixed wording when it
 * is a word or mark, a value otherwise) and whatever the samples have between two shared tokens becomes a gap.
 * The gap before the first shared token is kept (it may be a leading code); the text after the last is not.
 */
export function buildElements(samples: readonly Token[][], alignment: Alignment): Element[] {
  const elements: Element[] = [];
  const count = alignment.keys.length;
  for (let k = 0; k <= count; k++) {
    const gapTokens = samples.map((tokens, s) => {
      const from = k === 0 ? 0 : alignment.positions[s]![k - 1]! + 1;
      const to = k === count ? from : alignment.positions[s]![k]!;
      return tokens.slice(from, to);
    });
    if (gapTokens.some((g) => g.length > 0)) elements.push(gap(gapTokens));
    if (k === count) break;
    const column = samples.map((tokens, s) => [tokens[alignment.positions[s]![k]!]!]);
    const key = alignment.keys[k]!;
    const constant = column.every((c) => c[0]!.text === column[0]![0]!.text);
    const fixed = key.startsWith('w:') || key.startsWith('p:') || (key === '#value' && constant && !looksLikeMoneyOrId(column[0]![0]!));
    elements.push({ kind: 'column', tokens: column, role: fixed ? 'fixed' : 'other', lead: '', trail: '' });
  }
  annotateContext(elements);
  return elements;
}

function gap(tokens: Token[][]): Element {
  return { kind: 'gap', tokens, role: 'other', lead: '', trail: '' };
}

/** A constant value is fixed wording (`*115#`, `call 100`) unless it looks like a code (then it just repeated). */
function looksLikeMoneyOrId(token: Token): boolean {
  return token.type === 'id' && token.text.length >= 6;
}

const LEAD_WORDS = 7;

/** Each varying stretch's `lead` (fixed words before it) and `trail` (fixed words after it), folded. */
function annotateContext(elements: Element[]): void {
  elements.forEach((element, index) => {
    if (element.role === 'fixed') return;
    const before: string[] = [];
    for (let i = index - 1; i >= 0 && elements[i]!.role === 'fixed' && before.length < LEAD_WORDS; i--) {
      const word = cueWord(elements[i]!);
      if (word) before.unshift(word);
    }
    const after: string[] = [];
    for (let i = index + 1; i < elements.length && elements[i]!.role === 'fixed' && after.length < 3; i++) {
      const word = cueWord(elements[i]!);
      if (word) after.push(word);
    }
    element.lead = before.join(' ');
    element.trail = after.join(' ');
  });
}

/** Folded word of a fixed column; currency notations and punctuation say nothing about a value's role. */
function cueWord(element: Element): string | null {
  const token = element.tokens[0]![0]!;
  if (token.type === 'punct' || (token.type === 'word' && isCurrencyWord(token.text))) return null;
  return fold(token.text);
}

/** True when the stretch next to `index` (before or after, with no word between) is a currency notation. */
export function besideCurrency(elements: readonly Element[], index: number): boolean {
  for (const j of [index - 1, index + 1]) {
    const other = elements[j];
    if (!other) continue;
    if (other.role === 'fixed' && other.tokens[0]![0]!.type === 'word' && isCurrencyWord(other.tokens[0]![0]!.text)) return true;
    if (other.role === 'currency') return true;
  }
  return false;
}

/** Gaps that hold exactly one currency notation in every sample (`USD` in one, `CDF` in another). */
export function markCurrencyGaps(elements: Element[]): void {
  for (const element of elements) {
    if (element.kind === 'gap' && element.tokens.every((t) => t.length === 1 && t[0]!.type === 'word' && isCurrencyWord(t[0]!.text))) {
      element.role = 'currency';
    }
  }
}

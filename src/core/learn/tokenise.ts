/**
 * Splits one normalised SMS into the pieces the learner aligns: words (any script), single punctuation marks,
 * and typed values (numbers, identifiers, masked numbers, dates, times). Values are what change from one
 * payment to the next; words and punctuation are candidates for the provider's fixed wording.
 */
export type TokenType = 'word' | 'punct' | 'number' | 'id' | 'masked' | 'date' | 'time';

export interface Token {
  type: TokenType;
  text: string;
  /** Whether the sample had a space before this token (line breaks are spaces after normalisation). */
  spaced: boolean;
}

/** Currency notations that stand next to an amount (`Ksh1,200.00`, `15 000 Ar`, `5000F CFA`, `$12.50`, `GH¢5`). */
const CURRENCY = String.raw`(?:KShs?|Kshs?|KES|TShs?|TZS|USh|UShs|UGX|RWF|FRW|GH[¢₵S]|GHC|ZMW|ZMK|MWK|MK|MZN|MT|ETB|Birr|USD|US\$|\$|€|£|XOF|XAF|F ?CFA|CFA|FC|CDF|SOS|NGN|₦|ZAR|BWP|Ar|MGA|BIF|FBu|GNF|SLE|Le|LRD|GMD|SZL|LSL|NAD|DZD|MAD|EGP|SDG|SSP|F|K|R|P)`;
const NUMBER = String.raw`\d{1,3}(?:[,.'’ ]\d{3})+(?:[.,]\d{1,4})?(?!\d)|\d+(?:[.,]\d{1,4})?(?!\d)`;
const EDGE = String.raw`(?![\p{L}\p{N}])`;

const DATE = /(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2}))(?![\p{L}\p{N}])/uy;
const TIME = /\d{1,2}[:h]\d{2}(?::\d{2})?(?: ?[AaPp]\.? ?[Mm]\.?(?![\p{L}]))?(?![\p{N}])/uy;
const MASKED = /\+?\d{0,12}[*Xx•]{2,12}\d{0,12}(?![\p{L}\p{N}*])/uy;
// Case-insensitive (`Tsh`, `KSH`, `Mt`), except that a one-letter notation (`F`, `K`, `R`) must be a capital.
const CURRENCY_THEN_NUMBER = new RegExp(`(${CURRENCY})(?= ?(?:${NUMBER})(?:${CURRENCY})?${EDGE})`, 'iuy');
const NUMBER_THEN_EDGE = new RegExp(`(?:${NUMBER})(?=${CURRENCY}${EDGE}|${EDGE})`, 'iuy');
const CURRENCY_AFTER_NUMBER = new RegExp(`${CURRENCY}${EDGE}`, 'iuy');
const CURRENCY_WORD = new RegExp(`^${CURRENCY}$`, 'iu');
const CURRENCY_EXACT = new RegExp(`^${CURRENCY}$`, 'u');

/** Short notations (`Le`, `Ar`, `MT`, `K`) only as written: `le 13/10` is French, `ar` is no currency. */
function currencyCase(found: string | null): string | null {
  if (found === null) return null;
  return found.replace(/[^\p{L}]/gu, '').length > 2 || CURRENCY_EXACT.test(found) ? found : null;
}

function currencyAt(re: RegExp, text: string, at: number): string | null {
  return currencyCase(stickyAt(re, text, at));
}
const RUN = /[\p{L}\p{M}\p{N}]+(?:['’._/-][\p{L}\p{M}\p{N}]+)*/uy;
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/uy;

function stickyAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  let afterNumber = false;
  const push = (type: TokenType, value: string): void => {
    tokens.push({ type, text: value, spaced });
    i += value.length;
    spaced = false;
    afterNumber = type === 'number';
  };
  while (i < text.length) {
    if (text[i] === ' ') {
      spaced = true;
      i++;
      continue;
    }
    // A letter right after an amount (`300.00MT`, `5000F CFA`) is its currency, not part of an identifier.
    const currencyAfter = afterNumber && !spaced ? currencyAt(CURRENCY_AFTER_NUMBER, text, i) : null;
    const currencyBefore = currencyAfter ?? currencyAt(CURRENCY_THEN_NUMBER, text, i);
    if (currencyBefore) {
      push('word', currencyBefore);
      continue;
    }
    const typed = stickyAt(DATE, text, i) ?? null;
    if (typed) {
      push('date', typed);
      continue;
    }
    const time = stickyAt(TIME, text, i);
    if (time) {
      push('time', time);
      continue;
    }
    const masked = stickyAt(MASKED, text, i);
    if (masked && /[*Xx•]{2}/.test(masked) && (/\d/.test(masked) || masked.length >= 6)) {
      push('masked', masked);
      continue;
    }
    const number = stickyAt(NUMBER_THEN_EDGE, text, i);
    if (number) {
      push('number', number.replace(/ $/, ''));
      continue;
    }
    const run = stickyAt(RUN, text, i);
    if (run && /\d/.test(run)) {
      push('id', run);
      continue;
    }
    const word = stickyAt(WORD, text, i);
    if (word) {
      push('word', word);
      continue;
    }
    push('punct', String.fromCodePoint(text.codePointAt(i)!));
  }
  return tokens;
}

/** The key two samples' tokens are aligned on: fixed wording by its folded spelling, values by their family. */
export function tokenKey(token: Token): string {
  switch (token.type) {
    case 'word':
      return `w:${fold(token.text)}`;
    case 'punct':
      return `p:${token.text}`;
    case 'date':
      return '#date';
    case 'time':
      return '#time';
    default:
      return '#value';
  }
}

/** Lower case without accents: `Reçu` and `recu` are the same word written two ways. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a token is a currency notation (fixed wording next to an amount). */
export function isCurrencyWord(text: string): boolean {
  return CURRENCY_WORD.test(text) && currencyCase(text) !== null;
}

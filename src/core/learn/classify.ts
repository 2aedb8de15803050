import { besideCurrency } from './elements.js';
import type { Cue } from './lexicon.js';
import { nearestCue, trailingCue } from './lexicon.js';
import type { Token } from './tokenise.js';
import type { Answers, Element, Question, Role } from './types.js';

/**
 * Gives every varying stretch a role from the words around it and the shape of its values. What the words do
 * not settle becomes a question (answered from `answers` when the person already answered it).
 */
export function assignRoles(elements: Element[], callingCode: string): void {
  markDates(elements);
  elements.forEach((element, index) => {
    if (element.role !== 'other') return;
    if (element.kind === 'column') element.role = columnRole(elements, index, callingCode);
    else element.role = gapRole(elements, index);
  });
  absorbNameTails(elements);
}

/** The questions the roles leave open, each answered from `answers` when it already is. */
export function settle(elements: Element[], answers: Answers): Question[] {
  const questions: Question[] = [];
  settleMoney(elements, answers, questions);
  settleIdentifiers(elements, answers, questions);
  settleTexts(elements, answers, questions);
  return questions;
}

const texts = (element: Element): string[] => element.tokens.map((t) => t.map((x) => x.text).join(' '));
const show = (element: Element): string => element.tokens.map((t) => `"${t.map((x) => x.text).join(' ')}"`).join(' / ');

function markDates(elements: Element[]): void {
  let first = -1;
  elements.forEach((element, index) => {
    const type = element.kind === 'column' ? element.tokens[0]![0]!.type : null;
    if (element.role !== 'other' || (type !== 'date' && type !== 'time')) return;
    if (first >= 0) {
      // A time two fixed words after its date (`on 3/3/25 at 10:28 PM`) belongs to it; a later date does not.
      const between = elements.slice(first + 1, index);
      if (between.length <= 3 && between.every((e) => e.role === 'fixed' || e.role === 'date') && elements[first]!.dateSpan !== undefined) {
        elements[first]!.dateSpan = index - first;
        element.role = 'date';
        return;
      }
      return;
    }
    first = index;
    element.role = 'date';
    element.dateSpan = 0;
  });
}

export function phoneShaped(token: Token, callingCode: string): boolean {
  const digits = token.text.replace(/\D/g, '');
  if (token.type === 'masked') return digits.length >= 2;
  if (token.type !== 'number' || !/^\+?\d+$/.test(token.text)) return false;
  if (digits.startsWith(callingCode)) return digits.length >= callingCode.length + 7 && digits.length <= 15;
  return digits.length >= 7 && digits.length <= 10;
}

function columnRole(elements: readonly Element[], index: number, callingCode: string): Role {
  const element = elements[index]!;
  const values = element.tokens.map((t) => t[0]!);
  const numeric = values.every((v) => v.type === 'number');
  const money = numeric && besideCurrency(elements, index);
  if (money) return moneyCue(element) ?? 'money';
  const cue: Cue | null = nearestCue(element.lead, ['code', 'party', 'account', 'amount', 'balance', 'fee', 'recipient']);
  if (numeric && (cue === 'amount' || cue === 'balance' || cue === 'fee')) return cue;
  if (cue === 'code') return 'code';
  if (cue === 'account') return 'account';
  if (cue === 'party') return values.every((v) => phoneShaped(v, callingCode)) ? 'phone' : 'other';
  if (cue === null && trailingCue(element.trail) === 'code') return 'code';
  if (values.every((v) => v.type === 'masked')) return 'phone';
  // `Alice Uwase (*********421)`, `MARY WANJIKU 0798000333`: a number right after the payer's name is theirs.
  if (cue === null && values.every((v) => phoneShaped(v, callingCode)) && besideName(elements, index)) return 'phone';
  return 'other';
}

/** Whether the nearest varying stretch before `index` (only marks between) is a text gap led by "from"-like words. */
function besideName(elements: readonly Element[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const e = elements[i]!;
    if (e.role === 'fixed' && e.tokens[0]![0]!.type === 'punct') continue;
    return e.kind === 'gap' && nearestCue(e.lead, ['party', 'account', 'recipient', 'code']) === 'party';
  }
  return false;
}

function moneyCue(element: Element): Role | null {
  const cue = nearestCue(element.lead, ['amount', 'balance', 'fee']);
  if (cue === 'amount' || cue === 'balance' || cue === 'fee') return cue;
  return trailingCue(element.trail) === 'amount' ? 'amount' : null;
}

function gapRole(elements: readonly Element[], index: number): Role {
  const element = elements[index]!;
  const cue = nearestCue(element.lead, ['party', 'account', 'recipient', 'code']);
  if (cue === 'party') return 'name';
  if (cue === 'account') return 'account';
  if (cue === 'recipient') return 'other';
  if (cue === 'code' && element.tokens.every((t) => t.length === 1)) return 'code';
  // `from 57000111,AWA SAWADOGO`: a name right after the payer's number (only a mark between) is the payer's.
  const before = elements[index - 1];
  const beforeThat = elements[index - 2];
  if (element.lead === '' && (before?.role === 'phone' || (before?.role === 'fixed' && beforeThat?.role === 'phone'))) return 'name';
  return 'other';
}

/** A gap that only differs by a stray mark (`ZMW 60. from` beside `ZMW 120.00 from`) is filler, not a field. */
export function isFiller(element: Element): boolean {
  return element.tokens.every((t) => t.length === 0 || t.every((x) => x.type === 'punct'));
}

/**
 * `du 65000333,J. K. ZONGO. Le solde`: the alignment may match a mark inside a long name with the mark after a
 * short one, splitting the name in two. An unlabelled gap right after the name (only marks between) is its tail.
 */
function absorbNameTails(elements: Element[]): void {
  elements.forEach((element, index) => {
    if (element.role !== 'name') return;
    let j = index + 1;
    while (elements[j]?.role === 'fixed' && elements[j]!.tokens[0]![0]!.type === 'punct') j++;
    const tail = elements[j];
    // Only a tail that ends with the same mark (`K . ZONGO .`) is the rest of a name; `New` before `Account` is not.
    if (j === index + 1) return;
    const mark = elements[j - 1]!.tokens[0]![0]!.text;
    const endsAlike = tail?.tokens.every((t) => t.length === 0 || t[t.length - 1]!.text === mark) === true;
    if (j > index + 1 && tail?.kind === 'gap' && tail.role === 'other' && tail.lead === '' && endsAlike) {
      for (let k = index + 1; k <= j; k++) elements[k]!.role = 'absorbed';
    }
  });
}

/** Exactly one amount; a second unlabelled sum is never taken for it (nor for the balance). */
function settleMoney(elements: Element[], answers: Answers, questions: Question[]): void {
  const moneys = elements.filter((e) => ['amount', 'balance', 'fee', 'money'].includes(e.role));
  const amounts = moneys.filter((e) => e.role === 'amount');
  for (const extra of amounts.slice(1)) extra.role = 'fee';
  const unlabelled = moneys.filter((e) => e.role === 'money');
  if (amounts.length === 0 && unlabelled.length === 1 && moneys.length >= 1) {
    // The only sum no word labels, beside sums labelled balance or fee: it is the payment.
    unlabelled[0]!.role = 'amount';
    return;
  }
  unlabelled.forEach((element, n) => {
    const id = `money-${elements.indexOf(element)}`;
    const answer = answers[id];
    if (answer) {
      element.role = answer === 'amount' || answer === 'balance' ? answer : 'fee';
      return;
    }
    questions.push({
      id,
      about: `which sum is ${show(element)} (sum ${n + 1} of ${unlabelled.length} with no word such as "received" or "balance" before it)`,
      settle: 'answer, or give samples where a word says which sum is the payment and which is the balance',
      values: texts(element),
      choices: [{ value: 'amount', label: 'the amount received' }, { value: 'balance', label: 'the new balance' }, { value: 'fee', label: 'neither (a fee or other sum)' }],
    });
  });
}

function settleIdentifiers(elements: Element[], answers: Answers, questions: Question[]): void {
  const codes = elements.filter((e) => e.role === 'code');
  for (const extra of codes.slice(1)) extra.role = 'other';
  const unknown = elements.filter((e) => e.kind === 'column' && e.role === 'other' && e.tokens.every((t) => t[0]!.type !== 'date' && t[0]!.type !== 'time'));
  if (codes.length > 0) return;
  for (const element of unknown) {
    const id = `value-${elements.indexOf(element)}`;
    const answer = answers[id];
    if (answer) {
      element.role = answer === 'code' || answer === 'phone' || answer === 'account' ? answer : 'other';
      continue;
    }
    questions.push({
      id,
      about: `what the value ${show(element)} is (no word such as "ID", "Ref" or "from" names it)`,
      settle: 'answer, or give samples where that value is labelled',
      values: texts(element),
      choices: [{ value: 'code', label: 'the transaction code' }, { value: 'phone', label: "the payer's phone" }, { value: 'account', label: 'the account / reference the payer typed' }, { value: 'other', label: 'none of these (ignore it)' }],
    });
  }
}

function settleTexts(elements: Element[], answers: Answers, questions: Question[]): void {
  const names = elements.filter((e) => e.role === 'name');
  for (const extra of names.slice(1)) extra.role = 'other';
  // Unlabelled text after the last value is the operator's footer (adverts, help lines): never asked about.
  const lastValue = elements.reduce((last, e, i) => (e.kind === 'column' && e.role !== 'fixed' && e.role !== 'other' ? i : last), -1);
  for (const element of elements.filter((e, i) => e.kind === 'gap' && e.role === 'other' && !isFiller(e) && i < lastValue)) {
    const id = `text-${elements.indexOf(element)}`;
    const answer = answers[id];
    if (answer) {
      element.role = answer === 'name' || answer === 'account' ? answer : 'other';
      continue;
    }
    // Text that no word labels could be the payer's name or the reference they typed: never guessed.
    if (names.length > 0 && element.tokens.every((t) => t.length <= 1)) continue;
    questions.push({
      id,
      about: `what the text ${show(element)} is (no word such as "from" or "reference" before it)`,
      settle: 'answer, or give samples where that text is labelled',
      values: texts(element),
      choices: [{ value: 'name', label: "the payer's name" }, { value: 'account', label: 'the account / reference the payer typed' }, { value: 'other', label: 'neither (ignore it)' }],
    });
  }
}

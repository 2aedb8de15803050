import type { Token } from './tokenise.js';
import { tokenKey } from './tokenise.js';
import type { Choice, Element, Question } from './types.js';

/**
 * Samples of one SMS shape print the same kinds of values in the same places. A stretch where some samples
 * carry a number, phone or date that the others do not means two shapes were mixed (a receipt with the payer's
 * number and one without, or another kind of SMS): the learner stops there instead of guessing.
 */
export function shapeQuestion(elements: readonly Element[], sampleCount: number): Question | null {
  for (const [index, element] of elements.entries()) {
    if (element.kind !== 'gap' || element.role === 'account' || element.role === 'currency' || element.role === 'optional' || element.optionalPhone === true) continue;
    const signatures = element.tokens.map(signature);
    const groups = new Map<string, number[]>();
    signatures.forEach((sig, s) => groups.set(sig, [...(groups.get(sig) ?? []), s]));
    if (groups.size <= 1) continue;
    const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
    const majority = sorted[0]!;
    const odd = sorted.slice(1).flat();
    const text = (s: number): string => `"${element.tokens[s]!.map((t) => t.text).join(' ')}"`;
    const dropChoice = [{ value: `drop:${odd.map((s) => s + 1).join(',')}`, label: `leave sample${odd.length > 1 ? 's' : ''} ${odd.map((s) => s + 1).join(', ')} out and learn from the other ${majority.length}` }];
    const where = odd.map((s) => `sample ${s + 1} has ${text(s)}`).join(', ');
    const optional = optionalKind(element);
    const choices: Choice[] = optional ? [{ value: optional, label: optional === 'optional' ? `the part ${text(element.tokens.findIndex((t) => t.length > 0))} is printed only sometimes: read it when present` : "the payer's number is printed only sometimes: read it when present"}] : [];
    if (majority.length >= 3 && majority.length < sampleCount) choices.push(...dropChoice);

    return {
      id: `shape-${index}`,
      about: `whether these samples are one SMS shape: ${where} where sample${majority.length > 1 ? 's' : ''} ${majority.map((s) => s + 1).join(', ')} ${majority.length > 1 ? 'have' : 'has'} ${text(majority[0]!)}`,
      settle: 'give at least three samples of the same shape (e.g. all with, or all without, the payer\'s number)',
      values: element.tokens.map((t) => t.map((x) => x.text).join(' ')),
      choices: [...choices, { value: 'stop', label: 'stop: I will paste samples of one shape' }],
    };
  }
  return null;
}

/**
 * Two differences a person can vouch for: a whole part printed only sometimes (`Numéro: 226…` on its own
 * line), or the payer's number printed after the name only sometimes (`ACME LTD` beside `MARY W 2547…`).
 */
function optionalKind(element: Element): 'optional' | 'optional-phone' | null {
  const filled = element.tokens.filter((t) => t.length > 0);
  if (filled.length < element.tokens.length && filled.length > 0) {
    const keys = filled.map((t) => t.map(tokenKey).join(' '));
    if (keys.every((k) => k === keys[0]) && filled[0]!.some((t) => t.type !== 'punct')) return 'optional';
  }
  if (element.role !== 'name') return null;
  const last = element.tokens.map((t) => t[t.length - 1]);
  const withNumber = last.filter((t) => t !== undefined && (t.type === 'number' || t.type === 'masked') && signature([t]) !== '');
  const inside = element.tokens.map((t) => signature(t.slice(0, -1)));
  return withNumber.length > 0 && withNumber.length < element.tokens.length && inside.every((x) => x === '') ? 'optional-phone' : null;
}

function signature(tokens: readonly Token[]): string {
  return tokens
    .filter((t) => (t.type === 'number' || t.type === 'masked' || t.type === 'date' || t.type === 'time') && (t.text.match(/\d/g) ?? []).length >= 3)
    .map((t) => (t.type === 'masked' ? 'number' : t.type))
    .join(',');
}

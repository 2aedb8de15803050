import type { Token } from './tokenise.js';
import type { Element, Question } from './types.js';

/**
 * Samples of one SMS shape print the same kinds of values in the same places. A stretch where some samples
 * carry a number, phone or date that the others do not means two shapes were mixed (a receipt with the payer's
 * number and one without, or another kind of SMS): the learner stops there instead of guessing.
 */
export function shapeQuestion(elements: readonly Element[], sampleCount: number): Question | null {
  for (const [index, element] of elements.entries()) {
    if (element.kind !== 'gap' || element.role === 'account' || element.role === 'currency') continue;
    const signatures = element.tokens.map(signature);
    const groups = new Map<string, number[]>();
    signatures.forEach((sig, s) => groups.set(sig, [...(groups.get(sig) ?? []), s]));
    if (groups.size <= 1) continue;
    const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
    const majority = sorted[0]!;
    const odd = sorted.slice(1).flat();
    const text = (s: number): string => `"${element.tokens[s]!.map((t) => t.text).join(' ')}"`;
    const where = odd.map((s) => `sample ${s + 1} has ${text(s)}`).join(', ');
    const choices = majority.length >= 3 && majority.length < sampleCount
      ? [{ value: `drop:${odd.map((s) => s + 1).join(',')}`, label: `leave sample${odd.length > 1 ? 's' : ''} ${odd.map((s) => s + 1).join(', ')} out and learn from the other ${majority.length}` }]
      : [];
    return {
      id: `shape-${index}`,
      about: `whether these samples are one SMS shape: ${where} where sample${majority.length > 1 ? 's' : ''} ${majority.map((s) => s + 1).join(', ')} ${majority.length > 1 ? 'have' : 'has'} ${text(majority[0]!)}`,
      settle: 'give at least three samples of the same shape (e.g. all with, or all without, the payer\'s number)',
      choices: [...choices, { value: 'stop', label: 'stop: I will paste samples of one shape' }],
    };
  }
  return null;
}

function signature(tokens: readonly Token[]): string {
  return tokens
    .filter((t) => (t.type === 'number' || t.type === 'masked' || t.type === 'date' || t.type === 'time') && (t.text.match(/\d/g) ?? []).length >= 3)
    .map((t) => (t.type === 'masked' ? 'number' : t.type))
    .join(',');
}

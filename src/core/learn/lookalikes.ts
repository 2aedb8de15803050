import { normaliseText } from '../sms/normalise.js';
import { nearestCue } from './lexicon.js';
import { fold } from './tokenise.js';

/**
 * Non-payments written like the samples: the receiving verb turned into sending, paying, withdrawing or buying
 * airtime, "from" turned into "to", a failure or reversal notice, a promotion quoting the receipt. The learnt
 * template must read none of them as a payment; the learner checks this before offering the template.
 */
const OUTGOING = ['sent', 'paid', 'withdrawn', 'transferred', 'envoyé', 'retiré', 'payé', 'enviaste', 'pagaste', 'umetuma', 'umelipa', 'umetoa'];
const TO = ['to', 'à', 'para', 'kwa'];

export function lookAlikes(sample: string, receiptLength: number): string[] {
  const text = normaliseText(sample).text;
  const words = text.split(' ');
  const out: string[] = [];
  let offset = 0;
  words.forEach((word, i) => {
    const start = offset;
    offset += word.length + 1;
    // Words after the receipt are the operator's footer, which a learnt template ignores by design.
    if (start >= receiptLength) return;
    const bare = fold(word).replace(/[^\p{L}]/gu, '');
    if (bare === '') return;
    if (nearestCue(bare, ['amount']) === 'amount') {
      for (const verb of OUTGOING) out.push(replaceAt(words, i, word.replace(/[\p{L}\p{M}]+/u, verb)));
      out.push(replaceAt(words, i, `${word} airtime of`));
    }
    if (nearestCue(bare, ['party']) === 'party' && /^(?:from|de|du|da|kutoka)$/.test(bare)) {
      for (const to of TO) out.push(replaceAt(words, i, to));
    }
  });
  out.push(`Failed. ${text}`, `Transaction failed: ${text}`, `Reversal of transaction: ${text}`,
    `Cash-in from agent: ${text}`, `Congratulations! Win a loan: ${text}`);
  return [...new Set(out)].filter((variant) => variant !== text);
}

function replaceAt(words: readonly string[], index: number, replacement: string): string {
  return [...words.slice(0, index), replacement, ...words.slice(index + 1)].join(' ');
}

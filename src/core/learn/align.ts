import type { Token } from './tokenise.js';
import { tokenKey } from './tokenise.js';

/**
 * The wording every sample shares, in order: a longest common subsequence of token keys, folded one sample
 * at a time. `positions[s][k]` is where the k-th shared token sits in sample s. Between two shared tokens
 * each sample has a gap (possibly empty): that is where the names and references are.
 */
export interface Alignment {
  keys: string[];
  positions: number[][];
}

export function align(samples: readonly Token[][]): Alignment {
  const keyed = samples.map((tokens) => tokens.map(tokenKey));
  let common = keyed[0] ?? [];
  for (const keys of keyed.slice(1)) common = lcs(common, keys).map(([i]) => common[i]!);
  return { keys: common, positions: keyed.map((keys) => lcs(common, keys).map(([, j]) => j)) };
}

/** Classic O(n·m) dynamic programme; SMS are a few hundred tokens at most. Ties prefer the earliest match. */
function lcs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

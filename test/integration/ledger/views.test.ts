import { describe, expect, it } from 'vitest';
import { LayeredMap, UnionSet } from '../../../src/adapters/ledger/views.js';

describe('history views over the archive index', () => {
  it('LayeredMap: the hot entry wins, archive entries fill in, each key once', () => {
    const map = new LayeredMap(new Map([['a', 1], ['b', 2]]), new Map([['b', 20], ['c', 30]]));

    expect([map.get('a'), map.get('b'), map.get('c'), map.get('d')]).toEqual([1, 2, 30, undefined]);
    expect([map.has('c'), map.has('d')]).toEqual([true, false]);
    expect(map.size).toBe(3);
    expect([...map]).toEqual([['a', 1], ['b', 2], ['c', 30]]);
    expect([...map.keys()]).toEqual(['a', 'b', 'c']);
    expect([...map.values()]).toEqual([1, 2, 30]);
  });

  it('UnionSet: membership and iteration of both sets without copying', () => {
    const set = new UnionSet(new Set([1, 2]), new Set([2, 3]));

    expect([set.has(1), set.has(3), set.has(4)]).toEqual([true, true, false]);
    expect(set.size).toBe(3);
    expect([...set]).toEqual([1, 2, 3]);
    const seen: number[] = [];
    set.forEach((v) => seen.push(v));
    expect(seen).toEqual([1, 2, 3]);
  });
});

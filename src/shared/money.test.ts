import { describe, expect, it } from 'vitest';
import { splitLargestRemainder } from './money.js';

describe('splitLargestRemainder', () => {
  it('gives floors, then one unit each to the largest remainders, ties to the earlier part', () => {
    expect(splitLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitLargestRemainder(10, [0.55, 0.3, 0.15])).toEqual([6, 3, 1]);
    expect(splitLargestRemainder(7, [2, 0, 5])).toEqual([2, 0, 5]);
  });

  it('always sums to the total', () => {
    const shares = [0.1, 0.2, 0.3, 0.15, 0.25, 1e-9];
    for (const total of [0, 1, 17, 999, 123_457]) expect(splitLargestRemainder(total, shares).reduce((a, b) => a + b, 0)).toBe(total);
  });
});

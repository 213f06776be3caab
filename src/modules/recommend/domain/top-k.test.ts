import { describe, expect, it } from 'vitest';
import { topK } from './top-k.js';

describe('topK', () => {
  it('returns the k best, best first, ties to the lower index', () => {
    const scores = Float32Array.of(0.5, 0.9, 0.5, 0.1, 0.9, 0.7);
    expect(Array.from(topK(scores, 4))).toEqual([1, 4, 5, 0]);
    expect(Array.from(topK(scores, 10))).toEqual([1, 4, 5, 0, 2, 3]);
  });

  it('skips blocked items, NaN scores, and considers only candidates when given', () => {
    const scores = Float64Array.of(3, Number.NaN, 2, 1);
    expect(Array.from(topK(scores, 3, { blocked: Uint8Array.of(1, 0, 0, 0) }))).toEqual([2, 3]);
    expect(Array.from(topK(scores, 2, { candidates: Int32Array.of(3, 1, 2) }))).toEqual([2, 3]);
  });

  it('agrees with a full sort on random scores', () => {
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const scores = Float32Array.from({ length: 500 }, () => Math.round(next() * 50) / 50);
    const expected = Array.from(scores.keys()).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b).slice(0, 25);
    expect(Array.from(topK(scores, 25))).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { drawCategorical, sampleBeta, thompsonShares, UNIFORM_FLOOR } from './thompson.js';

describe('Thompson sampling', () => {
  it('draws Beta variates with the right mean and variance', () => {
    const rng = seededRng(1);
    const xs = Array.from({ length: 20_000 }, () => sampleBeta(rng, 2, 5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(2 / 7, 2);
    expect(variance).toBeCloseTo((2 * 5) / (49 * 8), 3);
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
  });

  it('gives most exploration to the item whose posterior is best, and keeps a floor for every item', () => {
    const shares = thompsonShares([0, 30, 2], [100, 100, 100], seededRng(3), 2000);
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(shares[1]).toBeGreaterThan(0.9);
    expect(Math.min(...shares)).toBeGreaterThanOrEqual(UNIFORM_FLOOR / 3 - 1e-12);
  });

  it('treats items without evidence alike', () => {
    const shares = thompsonShares([0, 0, 0, 0], [0, 0, 0, 0], seededRng(5), 4000);
    for (const s of shares) expect(s).toBeCloseTo(0.25, 1);
  });

  it('draws from the eligible subset with the renormalised probability', () => {
    const rng = seededRng(9);
    const weights = [0.5, 0.3, 0.2];
    const counts = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const d = drawCategorical(weights, [1, 2], rng);
      if (!d) throw new Error('nothing drawn');
      expect(d.probability).toBeCloseTo(d.index === 1 ? 0.6 : 0.4, 12);
      counts[d.index] = (counts[d.index] as number) + 1;
    }
    expect(counts[0]).toBe(0);
    expect((counts[1] as number) / 10_000).toBeCloseTo(0.6, 1);
    expect(drawCategorical(weights, [], rng)).toBeUndefined();
  });
});

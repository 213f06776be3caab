import { describe, expect, it } from 'vitest';
import { mean, median, percentile, ratio } from './stats.js';

describe('stats', () => {
  it('interpolates percentiles between closest ranks (type 7)', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30], 0.9)).toBeCloseTo(28);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('averages and divides safely', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { checkSampleRatioMismatch } from './srm.js';

describe('sample-ratio mismatch', () => {
  it('finds no mismatch in a perfect 50/50 split', () => {
    expect(checkSampleRatioMismatch([5000, 5000], [0.5, 0.5])).toEqual({ chiSquared: 0, dof: 1, pValue: 1, srmFlag: false });
  });

  it('flags 5000 vs 5400: χ² = 2·200²/5200 = 15.3846, p = 8.769942375590233e-5 (mpmath)', () => {
    const result = checkSampleRatioMismatch([5000, 5400], [0.5, 0.5]);
    expect(result.chiSquared).toBeCloseTo(15.384615384615385, 12);
    expect(result.pValue).toBeCloseTo(8.769942375590233e-5, 17);
    expect(result.srmFlag).toBe(true);
  });

  it('normalises weights and uses k − 1 dof: 1030/980/2100 at 1:1:2 gives scipy chisquare p = 0.20318', () => {
    const result = checkSampleRatioMismatch([1030, 980, 2100], [1, 1, 2]);
    expect(result.dof).toBe(2);
    expect(result.chiSquared).toBeCloseTo(3.1873479318734788, 12);
    expect(result.pValue).toBeCloseTo(0.20317777059570566, 13);
    expect(result.srmFlag).toBe(false);
  });

  it('takes the threshold as a parameter', () => {
    expect(checkSampleRatioMismatch([1030, 980, 2100], [1, 1, 2], 0.25).srmFlag).toBe(true);
  });

  it('reports p = 1 with no units and an error code for unusable input', () => {
    expect(checkSampleRatioMismatch([0, 0], [1, 1]).pValue).toBe(1);
    for (const [counts, weights] of [[[10], [1]], [[10, 12], [1]], [[10, 12], [1, 0]], [[-1, 12], [1, 1]]]) {
      expect(checkSampleRatioMismatch(counts as number[], weights as number[]).errorMessage).toBe('experiments_stats_invalid_srm_input');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { ipsEstimate, snipsEstimate, type LoggedDecision } from './off-policy.js';

describe('off-policy estimates', () => {
  it('match a hand computation', () => {
    // w = [0.5/0.25, 0/0.5, 1/0.25] = [2, 0, 4]; rewards [1, 1, 0.5]
    const d: LoggedDecision[] = [
      { reward: 1, loggedPropensity: 0.25, targetProbability: 0.5 },
      { reward: 1, loggedPropensity: 0.5, targetProbability: 0 },
      { reward: 0.5, loggedPropensity: 0.25, targetProbability: 1 },
    ];
    expect(ipsEstimate(d).estimate).toBeCloseTo((2 + 0 + 2) / 3, 12);
    expect(snipsEstimate(d).estimate).toBeCloseTo(4 / 6, 12);
    expect(ipsEstimate(d).effectiveSampleSize).toBeCloseTo(36 / 20, 12);
  });

  it('recover a target policy\'s true value from a stochastic logging policy', () => {
    const rng = seededRng(7);
    const ctr = [0.02, 0.05, 0.1, 0.2];
    const logging = [0.4, 0.3, 0.2, 0.1];
    const decisions: LoggedDecision[] = [];
    for (let i = 0; i < 40_000; i++) {
      let u = rng.next();
      let a = 0;
      while (a < 3 && u >= (logging[a] as number)) { u -= logging[a] as number; a++; }
      decisions.push({ reward: rng.next() < (ctr[a] as number) ? 1 : 0, loggedPropensity: logging[a] as number, targetProbability: a === 3 ? 1 : 0 });
    }
    for (const est of [ipsEstimate(decisions), snipsEstimate(decisions)]) {
      expect(Math.abs(est.estimate - 0.2)).toBeLessThan(3 * est.standardError);
      expect(est.standardError).toBeLessThan(0.02);
    }
  });

  it('refuse a zero logged propensity', () => {
    expect(() => ipsEstimate([{ reward: 1, loggedPropensity: 0, targetProbability: 1 }])).toThrow(/must be > 0/);
  });
});

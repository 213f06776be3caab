import { describe, expect, it } from 'vitest';
import { COMPONENTS, creditMultiplier, DEFAULT_POLICY, validatePolicy, weightedSum } from './policy.js';

describe('allocation policy', () => {
  it('the default weights sum to 1 and give conversion efficiency 30 %', () => {
    expect(COMPONENTS.reduce((s, c) => s + DEFAULT_POLICY.weights[c], 0)).toBeCloseTo(1, 12);
    expect(DEFAULT_POLICY.weights.conversion).toBe(0.3);
  });

  it('accepts a partial change that keeps the sum at 1 and fills the rest from the base', () => {
    const out = validatePolicy({ weights: { conversion: 0.4, relevance: 0.15 }, parameters: { exploreShare: 0.2 } }, DEFAULT_POLICY);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.body.weights.conversion).toBe(0.4);
    expect(out.body.weights.freshness).toBe(0.1);
    expect(out.body.parameters.exploreShare).toBe(0.2);
    expect(out.body.parameters.mmrLambda).toBe(DEFAULT_POLICY.parameters.mmrLambda);
  });

  it('lists every problem at once: unknown names, ranges and the sum', () => {
    const out = validatePolicy({ weights: { conversion: 1.5, luck: 0.1 }, parameters: { exploreShare: 0.9, magic: 1 }, extra: true }, DEFAULT_POLICY);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toEqual(expect.arrayContaining([
      'unknown field extra', 'weight conversion must be a number in [0, 1]', expect.stringContaining('unknown component luck'),
      'parameter exploreShare must be a number in [0, 0.5]', 'unknown parameter magic',
    ]));
    expect(validatePolicy({ weights: { conversion: 0.5 } }, DEFAULT_POLICY)).toEqual({ ok: false, problems: ['weights must sum to 1 (they sum to 1.2000)'] });
    expect(validatePolicy([], DEFAULT_POLICY).ok).toBe(false);
  });

  it('computes the weighted sum over the published components', () => {
    const ones = Object.fromEntries(COMPONENTS.map((c) => [c, 1])) as Record<(typeof COMPONENTS)[number], number>;
    expect(weightedSum(DEFAULT_POLICY.weights, ones)).toBeCloseTo(1, 12);
    expect(weightedSum(DEFAULT_POLICY.weights, { ...ones, conversion: 0 })).toBeCloseTo(0.7, 12);
  });

  it('the credit multiplier is 1 up to the free refund rate, then falls linearly to the floor', () => {
    const p = DEFAULT_POLICY.parameters; // free 0.1, ceiling 0.4, floor 0.5
    expect(creditMultiplier(0.05, p)).toBe(1);
    expect(creditMultiplier(0.1, p)).toBe(1);
    expect(creditMultiplier(0.25, p)).toBeCloseTo(0.75, 12);
    expect(creditMultiplier(0.4, p)).toBe(0.5);
    expect(creditMultiplier(0.9, p)).toBe(0.5);
  });
});

import { describe, expect, it } from 'vitest';
import { adjustPValuesBenjaminiHochberg, adjustPValuesHolm } from './corrections.js';

/** Element-wise toBeCloseTo. */
function expectAllClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i] as number, 14));
}

describe('Holm–Bonferroni', () => {
  it('adjusts the textbook example, in input order', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 → running max 0.06.
    expectAllClose(adjustPValuesHolm([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  });

  it('caps at 1 and handles ties, one value and none', () => {
    expectAllClose(adjustPValuesHolm([0.4, 0.4, 0.9]), [1, 1, 1]);
    expectAllClose(adjustPValuesHolm([0.2, 0.2]), [0.4, 0.4]);
    expectAllClose(adjustPValuesHolm([0.03]), [0.03]);
    expect(adjustPValuesHolm([])).toEqual([]);
  });
});

describe('Benjamini–Hochberg', () => {
  it('adjusts the textbook example, in input order', () => {
    // From the largest: 0.04·4/4 = 0.04, 0.03·4/3 = 0.04, 0.01·4/2 = 0.02, 0.005·4/1 = 0.02.
    expectAllClose(adjustPValuesBenjaminiHochberg([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02]);
  });

  it('is monotone (a running minimum from the top) and never above 1', () => {
    // 0.5·3/2 = 0.75 would exceed the next one's 0.6·3/3 = 0.6, so both become 0.6.
    expectAllClose(adjustPValuesBenjaminiHochberg([0.6, 0.5, 0.01]), [0.6, 0.6, 0.03]);
    expectAllClose(adjustPValuesBenjaminiHochberg([1, 1]), [1, 1]);
  });

  it('is never larger than Holm', () => {
    const p = [0.001, 0.2, 0.013, 0.04, 0.5, 0.008];
    const holm = adjustPValuesHolm(p);
    adjustPValuesBenjaminiHochberg(p).forEach((value, i) => expect(value).toBeLessThanOrEqual(holm[i] as number));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeChiSquaredSurvival,
  computeNormalCdf,
  computeNormalPdf,
  computeNormalQuantile,
  computeStudentTCdf,
  computeStudentTPdf,
  computeStudentTQuantile,
  T_NORMAL_DOF_LIMIT,
} from './distributions.js';

type Pair = [number, number];
type Triple = [number, number, number];
const reference = JSON.parse(readFileSync(new URL('../../../../../test/cases/experiments-distributions.json', import.meta.url), 'utf8')) as {
  normalCdf: Pair[];
  normalPdf: Pair[];
  normalQuantile: Pair[];
  studentTCdf: Triple[];
  studentTQuantile: Triple[];
  chiSquaredSurvival: Triple[];
};

/** |actual − expected| ≤ tol·|expected| (exact equality when expected is 0). */
function expectRelative(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe('standard normal (mpmath references)', () => {
  it.each(reference.normalCdf)('Φ(%d) to a relative 1e-14, tails included', (z, expected) => {
    expectRelative(computeNormalCdf(z), expected, 1e-14);
  });

  it.each(reference.normalPdf)('φ(%d)', (z, expected) => {
    expectRelative(computeNormalPdf(z), expected, 1e-15);
  });

  it.each(reference.normalQuantile)('Φ⁻¹(%d) to a relative 2e-15', (p, expected) => {
    expect(Math.abs(computeNormalQuantile(p) - expected)).toBeLessThanOrEqual(2e-15 * Math.max(Math.abs(expected), 1e-2));
  });

  it('gives the textbook 97.5% quantile and round-trips Φ(Φ⁻¹(p)) = p', () => {
    expect(computeNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 15);
    // Φ's condition number is ~x² in the tail, so a correctly rounded x reproduces p only to ~x²·eps.
    for (const p of [1e-250, 1e-9, 0.01, 0.3, 0.5, 0.77, 0.999]) {
      const x = computeNormalQuantile(p);
      expectRelative(computeNormalCdf(x), p, 4e-15 * Math.max(1, x * x));
    }
  });

  it('handles the ends', () => {
    expect(computeNormalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(computeNormalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(computeNormalQuantile(1.2)).toBeNaN();
    expect(computeNormalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(computeNormalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("Student's t (mpmath references)", () => {
  it.each(reference.studentTCdf)('T(%d; ν = %d) to a relative 3e-14', (t, dof, expected) => {
    expectRelative(computeStudentTCdf(t, dof), expected, 3e-14);
  });

  it.each(reference.studentTQuantile)('t(%d; ν = %d) to a relative 2e-14', (p, dof, expected) => {
    expect(Math.abs(computeStudentTQuantile(p, dof) - expected)).toBeLessThanOrEqual(2e-14 * Math.max(Math.abs(expected), 1));
  });

  it('reproduces t.ppf(0.975, 10) and t.cdf(2.0, 5.5)', () => {
    // The true quantile is 2.22813885198627…; 2.2281388519649385 (quoted in some tables) has T = 0.97499999999910.
    expect(computeStudentTQuantile(0.975, 10)).toBeCloseTo(2.2281388519862744, 13);
    expect(computeStudentTCdf(2.0, 5.5)).toBeCloseTo(0.9516228048844075, 15);
  });

  it('has the Cauchy distribution at ν = 1', () => {
    // P(T ≤ t) = atan(−1/t)/π for t < 0 (written so the reference itself does not cancel).
    for (const t of [-1e8, -3, -0.5]) expectRelative(computeStudentTCdf(t, 1), Math.atan(-1 / t) / Math.PI, 1e-13);
    expectRelative(computeStudentTCdf(40, 1), 0.5 + Math.atan(40) / Math.PI, 1e-15);
    expectRelative(computeStudentTPdf(0.7, 1), 1 / (Math.PI * (1 + 0.49)), 1e-14);
  });

  it('integrates its density: the cdf difference matches Simpson on [−1, 2] (ν = 3.3)', () => {
    const steps = 2000;
    const h = 3 / steps;
    let integral = 0;
    for (let i = 0; i <= steps; i++) {
      const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      integral += weight * computeStudentTPdf(-1 + i * h, 3.3);
    }
    expect((integral * h) / 3).toBeCloseTo(computeStudentTCdf(2, 3.3) - computeStudentTCdf(-1, 3.3), 12);
  });

  it('round-trips T(t(p)) = p, including tails', () => {
    for (const dof of [0.7, 4.5, 55.7, 5841.74]) {
      for (const p of [1e-12, 0.01, 0.2, 0.6, 0.975]) expectRelative(computeStudentTCdf(computeStudentTQuantile(p, dof), dof), p, 1e-12);
    }
  });

  it('falls back to the normal above T_NORMAL_DOF_LIMIT and stays continuous across it', () => {
    const above = T_NORMAL_DOF_LIMIT * 1.01;
    expect(computeStudentTCdf(-2.5, above)).toBe(computeNormalCdf(-2.5));
    expect(computeStudentTQuantile(0.025, above)).toBe(computeNormalQuantile(0.025));
    // First-order difference (z³ + z)/(4ν)·φ(z)/Φ(z) ≈ 1.3e-6 relative at z = −2.5, ν = 10⁷.
    expectRelative(computeStudentTCdf(-2.5, T_NORMAL_DOF_LIMIT), computeNormalCdf(-2.5), 2e-6);
  });

  it('rejects invalid arguments', () => {
    expect(computeStudentTCdf(1, 0)).toBeNaN();
    expect(computeStudentTQuantile(-0.1, 3)).toBeNaN();
    expect(computeStudentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(computeStudentTQuantile(0.5, 3)).toBe(0);
  });
});

describe('chi-squared survival (mpmath references)', () => {
  it.each(reference.chiSquaredSurvival)('P(χ²(%d; k = %d)) to a relative 1e-14', (x, dof, expected) => {
    expectRelative(computeChiSquaredSurvival(x, dof), expected, 1e-14);
  });

  it('gives 0.05 at the 95% critical value of 1 dof and chi2.sf(10, 3) = 0.018566135463043…', () => {
    expect(computeChiSquaredSurvival(3.84145882069412, 1)).toBeCloseTo(0.05, 13);
    expect(computeChiSquaredSurvival(10, 3)).toBeCloseTo(0.018566135463043233, 15);
  });

  it('has the closed forms e^(−x/2) for k = 2 and 2(1 − Φ(√x)) for k = 1', () => {
    for (const x of [0.3, 4, 50]) {
      expectRelative(computeChiSquaredSurvival(x, 2), Math.exp(-x / 2), 1e-14);
      expectRelative(computeChiSquaredSurvival(x, 1), 2 * computeNormalCdf(-Math.sqrt(x)), 1e-13);
    }
    expect(computeChiSquaredSurvival(0, 3)).toBe(1);
  });
});

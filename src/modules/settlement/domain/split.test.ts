import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByLargestRemainder, type SplitWeight } from './split.js';

const legsOf = (total: number, weights: readonly SplitWeight[], residual: string): Record<string, number> => {
  const out = splitByLargestRemainder(total, weights, residual);
  if (!out.ok) throw new Error(`refused: ${out.reason}`);
  return Object.fromEntries(out.legs.map((l) => [l.key, l.amountFen]));
};

describe('splitByLargestRemainder: hand-computed cases', () => {
  it('9,999 fen: creator 20 %, MCN 5 %, platform 3 % + 10 fen fixed, merchant the rest', () => {
    // Fixed first: platform 10 → R = 9,989. Exact shares of R (merchant has 10,000 − 2,800 = 7,200 bp):
    //   creator  9,989 × 0.20 = 1,997.80  → 1,997, remainder .80
    //   mcn      9,989 × 0.05 =   499.45  →   499, remainder .45
    //   platform 9,989 × 0.03 =   299.67  →   299, remainder .67
    //   merchant 9,989 × 0.72 = 7,192.08  → 7,192, remainder .08
    // Floors sum to 9,987: 2 leftover fen go to the largest remainders, creator (.80) and platform (.67).
    // creator 1,998, mcn 499, platform 300 + 10 = 310, merchant 7,192; 1,998 + 499 + 310 + 7,192 = 9,999.
    const out = splitByLargestRemainder(9_999, [
      { key: 'creator', basisPoints: 2000 }, { key: 'mcn', basisPoints: 500 }, { key: 'platform', basisPoints: 300, fixedFen: 10 },
    ], 'merchant');
    expect(out).toEqual({ ok: true, legs: [
      { key: 'creator', amountFen: 1998 }, { key: 'mcn', amountFen: 499 }, { key: 'platform', amountFen: 310 }, { key: 'merchant', amountFen: 7192 },
    ] });
  });

  it('breaks equal remainders by input order', () => {
    // 10 fen in thirds (3,333 + 3,333 + 3,334 bp): 3.333, 3.333, 3.334 → floors 3,3,3; 1 leftover.
    // Remainders .333, .333, .334: c has the largest → c gets it.
    expect(legsOf(10, [{ key: 'a', basisPoints: 3333 }, { key: 'b', basisPoints: 3333 }, { key: 'c', basisPoints: 3334 }], 'r'))
      .toEqual({ a: 3, b: 3, c: 4, r: 0 });
    // 2 fen over four quarters: each 0.5; the two leftovers go to the first two in input order.
    expect(legsOf(2, [{ key: 'a', basisPoints: 2500 }, { key: 'b', basisPoints: 2500 }, { key: 'c', basisPoints: 2500 }, { key: 'd', basisPoints: 2500 }], 'r'))
      .toEqual({ a: 1, b: 1, c: 0, d: 0, r: 0 });
  });

  it('merges the unassigned basis points into the residual when it is also a weight, at its position', () => {
    // 3 fen: merchant 1,000 bp + 5,000 unassigned = 6,000 bp → 1.8; creator 4,000 bp → 1.2.
    // Floors 1 + 1 = 2, leftover 1 → merchant (.8 > .2).
    expect(splitByLargestRemainder(3, [{ key: 'merchant', basisPoints: 1000 }, { key: 'creator', basisPoints: 4000 }], 'merchant'))
      .toEqual({ ok: true, legs: [{ key: 'merchant', amountFen: 2 }, { key: 'creator', amountFen: 1 }] });
  });

  it('gives everything to the residual with no weights, and never rounds a whole share', () => {
    expect(legsOf(1234, [], 'merchant')).toEqual({ merchant: 1234 });
    expect(legsOf(10_000, [{ key: 'a', basisPoints: 1 }], 'm')).toEqual({ a: 1, m: 9_999 });
    expect(legsOf(0, [{ key: 'a', basisPoints: 5000, fixedFen: 0 }], 'm')).toEqual({ a: 0, m: 0 });
  });

  it('lets fixed fees take the whole total', () => {
    expect(legsOf(50, [{ key: 'fee', fixedFen: 20 }, { key: 'tax', fixedFen: 30 }, { key: 'c', basisPoints: 9000 }], 'm'))
      .toEqual({ fee: 20, tax: 30, c: 0, m: 0 });
  });

  it.each([
    ['negative total', -1, [], 'total'],
    ['fractional total', 1.5, [], 'total'],
    ['unsafe total', 2 ** 53, [], 'total'],
    ['negative fee', 100, [{ key: 'a', fixedFen: -1 }], 'fixed fee'],
    ['fractional fee', 100, [{ key: 'a', fixedFen: 0.5 }], 'fixed fee'],
    ['negative basis points', 100, [{ key: 'a', basisPoints: -5 }], 'basis points'],
    ['fractional basis points', 100, [{ key: 'a', basisPoints: 2.5 }], 'basis points'],
    ['basis points above 10,000', 100, [{ key: 'a', basisPoints: 6000 }, { key: 'b', basisPoints: 4001 }], 'more than 10000'],
    ['fees above the total', 100, [{ key: 'a', fixedFen: 60 }, { key: 'b', fixedFen: 41 }], 'exceed'],
    ['a key twice', 100, [{ key: 'a', basisPoints: 1 }, { key: 'a', fixedFen: 1 }], 'more than one'],
  ] as const)('refuses %s (a value, not a throw)', (_name, total, weights, reason) => {
    const out = splitByLargestRemainder(total, weights, 'm');
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.code).toBe('settlement_invalid_split');
      expect(out.reason).toContain(reason);
    }
  });
});

describe('splitByLargestRemainder: properties (fast-check)', () => {
  const weightsArb = fc.uniqueArray(
    fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'm'), basisPoints: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }), fixedFen: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }) }),
    { selector: (w) => w.key, maxLength: 6 },
  ).map((ws) => ws.map((w) => ({ key: w.key, ...(w.basisPoints === undefined ? {} : { basisPoints: w.basisPoints }), ...(w.fixedFen === undefined ? {} : { fixedFen: w.fixedFen }) })));
  const totalArb = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.maxSafeNat());

  it('sums to the total and each leg is within 1 fen of its exact share beyond its fixed fee', () => {
    fc.assert(fc.property(totalArb, weightsArb, (total, weights) => {
      const bpSum = weights.reduce((s, w) => s + (w.basisPoints ?? 0), 0);
      const fixedSum = weights.reduce((s, w) => s + (w.fixedFen ?? 0), 0);
      const out = splitByLargestRemainder(total, weights, 'm');
      if (bpSum > 10_000 || fixedSum > total) {
        expect(out.ok).toBe(false);
        return;
      }
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      expect(out.legs.reduce((s, l) => s + BigInt(l.amountFen), 0n)).toBe(BigInt(total));
      const rest = BigInt(total - fixedSum);
      for (const leg of out.legs) {
        const w = weights.find((x) => x.key === leg.key);
        const bp = BigInt((w?.basisPoints ?? 0) + (leg.key === 'm' ? 10_000 - bpSum : 0));
        // |10,000 × (leg − fixed) − R × bp| < 10,000, in exact integers.
        const diff = BigInt(leg.amountFen - (w?.fixedFen ?? 0)) * 10_000n - rest * bp;
        expect(diff < 10_000n && diff > -10_000n, `${leg.key}: ${leg.amountFen}`).toBe(true);
        expect(leg.amountFen).toBeGreaterThanOrEqual(0);
      }
      expect(out.legs.map((l) => l.key)).toEqual([...weights.map((w) => w.key), ...(weights.some((w) => w.key === 'm') ? [] : ['m'])]);
    }));
  });
});

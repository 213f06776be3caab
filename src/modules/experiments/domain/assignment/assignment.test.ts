import { describe, expect, it } from 'vitest';
import {
  chooseVariation,
  chooseWeightedVariation,
  evalCondition,
  getBucketRanges,
  hashFnv32a,
  hashFor,
  runExperiment,
  encodeVersion,
  type AssignableExperiment,
} from './index.js';

/** The textbook definition, with the string building the allocation-free version avoids. */
function referenceHash(seed: string, value: string, version: number): number | null {
  const fnv = (s: string): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  if (version === 1) return (fnv(value + seed) % 1000) / 1000;
  if (version === 2) return (fnv(String(fnv(seed + value))) % 10000) / 10000;
  return null;
}

/** A deterministic string generator (xorshift32) covering ASCII, CJK and surrogate pairs. */
function makeStrings(count: number): string[] {
  let x = 2463534242;
  const next = (): number => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return x >>> 0;
  };
  const alphabet = ['a', 'Z', '0', '9', '-', '_', ' ', '用', '户', 'é', '😀', '\u0000'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = next() % 24;
    for (let j = 0; j < len; j++) s += alphabet[next() % alphabet.length];
    out.push(s);
  }
  return out;
}

describe('hashFor', () => {
  it('equals the concatenating reference on 5,000 generated seeds and values, both versions', () => {
    const strings = makeStrings(5000);
    const bad: string[] = [];
    for (let i = 0; i < strings.length; i++) {
      const seed = strings[i] as string;
      const value = strings[(i * 7 + 3) % strings.length] as string;
      for (const version of [1, 2]) {
        if (hashFor(seed, value, version) !== referenceHash(seed, value, version)) bad.push(`${JSON.stringify([seed, value, version])}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('is in [0, 1), deterministic across calls, and null for unknown versions', () => {
    for (const id of ['u1', 'u2', '用户-42', '']) {
      const a = hashFor('exp', id, 2);
      expect(a).not.toBeNull();
      expect(a as number).toBeGreaterThanOrEqual(0);
      expect(a as number).toBeLessThan(1);
      expect(hashFor('exp', id, 2)).toBe(a);
    }
    expect(hashFor('exp', 'u1', 0)).toBeNull();
    expect(hashFor('exp', 'u1', 3)).toBeNull();
  });

  it('hashes the empty string to the FNV offset basis and single characters by the FNV-1a step', () => {
    expect(hashFnv32a('')).toBe(0x811c9dc5);
    expect(hashFnv32a('a')).toBe(0xe40c292c);
  });
});

describe('bucket ranges and variation choice', () => {
  it('falls back to equal weights when weights do not sum to 1 ± 0.01 or have the wrong length', () => {
    expect(getBucketRanges(2, 1, [0.3, 0.3])).toEqual([[0, 0.5], [0.5, 1]]);
    expect(getBucketRanges(3, 1, [0.5, 0.5])).toEqual(getBucketRanges(3, 1));
    expect(getBucketRanges(2, 1, [0.3, 0.705])).toEqual([[0, 0.3], [0.3, 0.3 + 0.705]]);
  });

  it('shrinks ranges from their start when coverage drops, so nobody changes variation', () => {
    const full = getBucketRanges(3, 1, [0.2, 0.3, 0.5]);
    const half = getBucketRanges(3, 0.5, [0.2, 0.3, 0.5]);
    for (let n = 0; n < 1; n += 0.001) {
      const v = chooseVariation(n, half);
      if (v !== -1) expect(chooseVariation(n, full)).toBe(v);
    }
    expect(getBucketRanges(2, Number.NaN)).toEqual([[0, 0], [0.5, 0.5]]);
  });

  it('chooseWeightedVariation equals chooseVariation over getBucketRanges on a grid of hashes, coverages and weights', () => {
    const weightSets = [undefined, null, [0.2, 0.3, 0.5], [0.1, 0.1, 0.1], [1 / 3, 1 / 3, 1 / 3], [0.5, 0.4999, 0.0001]];
    let compared = 0;
    for (const weights of weightSets) {
      for (const coverage of [-1, 0, 0.01, 0.33, 0.5, 0.99, 1, 2]) {
        const ranges = getBucketRanges(3, coverage, weights);
        for (let k = 0; k <= 10_000; k++) {
          const n = k / 10_000;
          if (chooseWeightedVariation(n, 3, coverage, weights) !== chooseVariation(n, ranges)) throw new Error(`differs at n=${n} coverage=${coverage} weights=${String(weights)}`);
          compared++;
        }
      }
    }
    expect(compared).toBe(6 * 8 * 10_001);
  });

  it('returns −1 outside every range, including at a range end', () => {
    expect(chooseVariation(0.25, [[0, 0.25], [0.5, 0.75]])).toBe(-1);
    expect(chooseVariation(0.9, [])).toBe(-1);
  });
});

describe('runExperiment', () => {
  const exp: AssignableExperiment<string> = { key: 'cover-v2', variations: ['control', 'treatment'] };

  it('splits 20,000 ids close to the weights and gives each id the same answer every time', () => {
    const counts = [0, 0];
    for (let i = 0; i < 20_000; i++) {
      const first = runExperiment({ attributes: { id: `u${i}` } }, { ...exp, hashVersion: 2, weights: [0.3, 0.7] });
      const again = runExperiment({ attributes: { id: `u${i}` } }, { ...exp, hashVersion: 2, weights: [0.3, 0.7] });
      if (again.variationId !== first.variationId || again.bucket !== first.bucket) throw new Error(`u${i} changed variation`);
      counts[first.variationId] = (counts[first.variationId] ?? 0) + 1;
    }
    expect(Math.abs((counts[0] ?? 0) / 20_000 - 0.3)).toBeLessThan(0.02);
  });

  it('reports the hash attribute, its value as text and the bucket when hashing decided', () => {
    const r = runExperiment({ attributes: { userId: 42 } }, { ...exp, hashAttribute: 'userId' });
    expect(r).toMatchObject({ hashAttribute: 'userId', hashValue: '42', hashUsed: true, inExperiment: true });
    expect(r.bucket).toBe(hashFor('cover-v2', '42', 1));
    const forced = runExperiment({ attributes: { id: '1' }, forcedVariations: { 'cover-v2': 1 } }, exp);
    expect(forced).toEqual({ value: 'treatment', variationId: 1, inExperiment: true, hashUsed: false, hashAttribute: 'id', hashValue: '1' });
  });

  it('uses fallbackAttribute when the hash attribute is empty', () => {
    const r = runExperiment({ attributes: { userId: '', anonymousId: 'a-1' } }, { ...exp, hashAttribute: 'userId', fallbackAttribute: 'anonymousId' });
    expect(r).toMatchObject({ hashAttribute: 'anonymousId', hashValue: 'a-1', inExperiment: true });
  });

  it('keeps draft and stopped experiments closed, and unknown hash versions out', () => {
    expect(runExperiment({ attributes: { id: '1' } }, { ...exp, status: 'draft' }).inExperiment).toBe(false);
    expect(runExperiment({ attributes: { id: '1' } }, { ...exp, status: 'stopped' }).inExperiment).toBe(false);
    expect(runExperiment({ attributes: { id: '1' } }, { ...exp, hashVersion: 7 })).toMatchObject({ inExperiment: false, variationId: 0, value: 'control' });
  });

  it('treats a non-integer forced index as not in the experiment', () => {
    expect(runExperiment({ attributes: { id: '1' } }, { ...exp, force: 0.5 })).toMatchObject({ inExperiment: false, variationId: 0 });
  });

  it('checks prerequisites against force rules with conditions', () => {
    const features = { vip: { defaultValue: false, rules: [{ condition: { tier: 'gold' }, force: true }] } };
    const withParent = { ...exp, parentConditions: [{ id: 'vip', condition: { value: true } }] };
    expect(runExperiment({ attributes: { id: '1', tier: 'gold' }, features }, withParent).inExperiment).toBe(true);
    expect(runExperiment({ attributes: { id: '1', tier: 'silver' }, features }, withParent).inExperiment).toBe(false);
    expect(runExperiment({ attributes: { id: '1' } }, withParent).inExperiment).toBe(false);
  });
});

describe('evalCondition edge cases', () => {
  it('fails conditions that are not objects instead of throwing', () => {
    expect(evalCondition({ a: 1 }, { $or: ['x'] })).toBe(false);
    expect(evalCondition({ a: 1 }, { $and: 'x' })).toBe(false);
    expect(evalCondition({ a: 1 }, { $not: 5 })).toBe(true);
    expect(evalCondition({ a: 1 }, { a: { $in: 'x' } })).toBe(false);
  });

  it('does not read inherited properties as attributes', () => {
    expect(evalCondition({}, { toString: { $exists: true } })).toBe(false);
    expect(evalCondition({ tags: ['a', 'b'] }, { 'tags.length': 2 })).toBe(true);
  });

  it('orders versions with prereleases before releases', () => {
    expect(encodeVersion('1.0.0-rc.1') < encodeVersion('1.0.0')).toBe(true);
    expect(encodeVersion('v2.1.0+abc')).toBe(encodeVersion('2.1.0'));
    expect(encodeVersion(undefined)).toBe(encodeVersion('0'));
  });
});

import { describe, expect, it } from 'vitest';
import { MomentAccumulator } from './accumulate.js';
import { ExposureIndex } from './exposure-index.js';

const T = Date.UTC(2026, 10, 1);
const MIN = 60_000;

describe('ExposureIndex', () => {
  it('keeps a person\'s earliest exposure and excludes persons who saw two variations', () => {
    const x = new ExposureIndex({ kind: 'person' });
    x.add({ person: 'p1', unit: '', cluster: '', variation: 1, ts: T + 5 });
    x.add({ person: 'p1', unit: '', cluster: '', variation: 1, ts: T + 1 });
    x.add({ person: 'p2', unit: '', cluster: '', variation: 0, ts: T });
    x.add({ person: 'p2', unit: '', cluster: '', variation: 1, ts: T + 9 });
    x.add({ person: 'p3', unit: '', cluster: '', variation: 0, ts: T + 3 });
    expect(x.unitsOf('p1')).toEqual([{ variation: 1, ts: T + 1, cluster: '', until: Infinity, conflict: false }]);
    expect(x.unitsOf('p2')).toEqual([]);
    expect(x.conflicts).toBe(1);
    expect(x.unitCounts(2)).toEqual([1, 1]);
  });

  it('switchback: one unit per person and slot, burn-in exposures left out, each ending with its slot', () => {
    const x = new ExposureIndex({ kind: 'switchback', slotMinutes: 10, burnInMinutes: 2 });
    const slot = Math.floor(T / (10 * MIN));
    const start = slot * 10 * MIN;
    x.add({ person: 'p1', unit: `l#${slot}`, cluster: `l#${slot}`, variation: 0, ts: start + MIN }); // burn-in
    x.add({ person: 'p1', unit: `l#${slot}`, cluster: `l#${slot}`, variation: 0, ts: start + 3 * MIN });
    x.add({ person: 'p1', unit: `l#${slot + 1}`, cluster: `l#${slot + 1}`, variation: 1, ts: start + 13 * MIN });
    x.add({ person: 'p2', unit: `l#${slot + 1}`, cluster: `l#${slot + 1}`, variation: 1, ts: start + 15 * MIN });
    expect(x.burnIn).toBe(1);
    expect(x.unitsOf('p1').map((u) => [u.variation, u.until])).toEqual([[0, start + 10 * MIN - 1], [1, start + 20 * MIN - 1]]);
    expect(x.unitCounts(2)).toEqual([1, 1]); // clusters (slots), not persons
  });
});

describe('MomentAccumulator', () => {
  it('folds clusters into ratio moments: Σm, Σd and Σm·d per cluster', () => {
    const acc = new MomentAccumulator(2, [{ key: 'paid', kind: 'conversion', event: 'pay' }], true);
    const one = [{ num: 1, den: 1 }];
    const zero = [{ num: 0, den: 1 }];
    acc.add(0, one, 'c1'); acc.add(0, zero, 'c1'); acc.add(0, zero, 'c1'); // c1: 1 of 3
    acc.add(0, one, 'c2'); acc.add(0, one, 'c2'); // c2: 2 of 2
    acc.add(1, zero, 'c3');
    acc.add(1, [null], 'c3');
    const [paid] = acc.finish();
    expect(paid?.[0]).toEqual({ kind: 'ratio', n: 2, m: { sum: 3, sumSquares: 1 + 4 }, d: { sum: 5, sumSquares: 9 + 4 }, mdSumOfProducts: 3 + 4 });
    expect(paid?.[1]).toEqual({ kind: 'ratio', n: 1, m: { sum: 0, sumSquares: 0 }, d: { sum: 1, sumSquares: 1 }, mdSumOfProducts: 0 });
  });

  it('keeps per-person means with the CUPED covariate moments', () => {
    const acc = new MomentAccumulator(2, [{ key: 'gmv', kind: 'gmv' }], false);
    acc.add(1, [{ num: 3, den: 1, pre: 1 }]);
    acc.add(1, [{ num: 5, den: 1, pre: 2 }]);
    expect(acc.finish()[0]?.[1]).toEqual({ kind: 'mean', n: 2, sum: 8, sumSquares: 34, pre: { sum: 3, sumSquares: 5, sumOfProducts: 13 } });
  });
});

import { describe, expect, it } from 'vitest';
import { IdIndex, InteractionLogBuilder, groupRowsByUser, selectRows } from './interaction-log.js';
import { buildInteractionMatrix, columnCounts, decayFactor, latestTimestamp, rowOf, sparseVectorOf, transposeMatrix } from './interaction-matrix.js';

const DAY = 86_400_000;

function sampleLog() {
  const b = new InteractionLogBuilder();
  b.push('u1', 'i1', 2, 1000);
  b.push('u2', 'i2', 4, 3000);
  b.push('u1', 'i1', 3, 500);
  b.push('u1', 'i2', 1, 2000);
  return b.build();
}

describe('IdIndex and InteractionLogBuilder', () => {
  it('gives dense indices in order of first appearance and grows past its first capacity', () => {
    const ids = new IdIndex();
    expect([ids.add('b'), ids.add('a'), ids.add('b')]).toEqual([0, 1, 0]);
    expect(ids.indexOf('zz')).toBe(-1);
    expect(ids.ids()).toEqual(['b', 'a']);
    expect(() => ids.idAt(2)).toThrow(RangeError);
    const b = new InteractionLogBuilder();
    for (let r = 0; r < 3000; r++) b.push(`u${r % 7}`, `i${r % 11}`, 1, r);
    const log = b.build();
    expect(log.length).toBe(3000);
    expect(log.users.size).toBe(7);
    expect(log.ts[2999]).toBe(2999);
    expect(log.item[2999]).toBe(2999 % 11);
  });

  it('selects rows and groups them by user, stably', () => {
    const log = sampleLog();
    const sub = selectRows(log, Int32Array.of(3, 0));
    expect(Array.from(sub.weight)).toEqual([1, 2]);
    const g = groupRowsByUser(log);
    expect(Array.from(g.start)).toEqual([0, 3, 4]);
    expect(Array.from(g.rows)).toEqual([0, 2, 3, 1]);
  });
});

describe('buildInteractionMatrix', () => {
  it('sums the weights of a cell, keeps its latest time, sorts columns', () => {
    const m = buildInteractionMatrix(sampleLog());
    expect([m.rows, m.cols]).toEqual([2, 2]);
    expect(Array.from(m.rowPtr)).toEqual([0, 2, 3]);
    expect(Array.from(m.colIdx)).toEqual([0, 1, 1]);
    expect(Array.from(m.values)).toEqual([5, 1, 4]);
    expect(Array.from(m.lastTs)).toEqual([1000, 2000, 3000]);
    expect(Array.from(rowOf(m, 1).indices)).toEqual([1]);
    expect(Array.from(columnCounts(m))).toEqual([1, 2]);
  });

  it('binary cells are 1; decayed cells halve per half-life and never exceed the weight', () => {
    expect(Array.from(buildInteractionMatrix(sampleLog(), { binary: true }).values)).toEqual([1, 1, 1]);
    const b = new InteractionLogBuilder();
    b.push('u', 'old', 4, 0);
    b.push('u', 'new', 4, 2 * DAY);
    b.push('u', 'future', 4, 3 * DAY);
    const m = buildInteractionMatrix(b.build(), { decay: { halfLifeDays: 1, nowMs: 2 * DAY } });
    expect(Array.from(m.values)).toEqual([1, 4, 4]);
    expect(decayFactor(DAY, { halfLifeDays: 2, nowMs: 3 * DAY })).toBeCloseTo(0.5, 12);
    expect(latestTimestamp(b.build())).toBe(3 * DAY);
  });

  it('transposes in O(nnz) with rows ascending', () => {
    const t = transposeMatrix(buildInteractionMatrix(sampleLog()));
    expect([t.rows, t.cols]).toEqual([2, 2]);
    expect(Array.from(t.rowPtr)).toEqual([0, 1, 3]);
    expect(Array.from(t.colIdx)).toEqual([0, 0, 1]);
    expect(Array.from(t.values)).toEqual([5, 1, 4]);
  });

  it('sparseVectorOf sums repeated indices and sorts them', () => {
    const v = sparseVectorOf([[5, 1], [2, 2], [5, 3]]);
    expect(Array.from(v.indices)).toEqual([2, 5]);
    expect(Array.from(v.values)).toEqual([2, 4]);
  });
});

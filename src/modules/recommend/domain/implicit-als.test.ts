import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { choleskySolveInPlace, gramMatrix } from './dense-linear.js';
import { checkAlsParams, trainImplicitAls } from './implicit-als.js';
import type { AlsParams } from './implicit-als-model.js';
import { InteractionLogBuilder } from './interaction-log.js';
import { buildInteractionMatrix, rowOf } from './interaction-matrix.js';
import { topK } from './top-k.js';

/** Two taste clusters: users a0..a19 touch items A0..A9, users b0..b19 items B0..B9 (6 each, seeded). */
function clusteredMatrix() {
  const rng = seededRng(3);
  const b = new InteractionLogBuilder();
  for (const cluster of ['a', 'b']) {
    for (let u = 0; u < 20; u++) {
      const items = new Set<number>();
      while (items.size < 6) items.add(Math.floor(rng.next() * 10));
      for (const i of items) b.push(`${cluster}${u}`, `${cluster.toUpperCase()}${i}`, 1 + Math.floor(rng.next() * 3), 0);
    }
  }
  const log = b.build();
  return { log, matrix: buildInteractionMatrix(log) };
}

const PARAMS: AlsParams = { factors: 8, iterations: 10, regularization: 0.5, alpha: 2, confidence: 'linear', cgSteps: 8 };

describe('dense linear algebra', () => {
  it('Gram matrix with ridge and a Cholesky solve', () => {
    const g = gramMatrix(Float32Array.of(1, 2, 3, 4), 2, 2, 1); // [[1+9+1, 2+12], [14, 4+16+1]]
    expect(Array.from(g)).toEqual([11, 14, 14, 21]);
    const b = Float64Array.of(25, 35); // x = [1, 1]
    expect(choleskySolveInPlace(g, b, 2)).toBe(true);
    expect(b[0]).toBeCloseTo(1, 12);
    expect(b[1]).toBeCloseTo(1, 12);
    expect(choleskySolveInPlace(Float64Array.of(0, 0, 0, 0), Float64Array.of(1, 1), 2)).toBe(false);
  });
});

describe('implicit ALS', () => {
  it('folding a training user in reproduces the trained user factors (the exact user step)', () => {
    const { matrix } = clusteredMatrix();
    const model = trainImplicitAls(matrix, PARAMS, seededRng(1));
    for (const u of [0, 7, 25, 39]) {
      const folded = model.foldIn(rowOf(matrix, u));
      const trained = model.userVector(u);
      for (let t = 0; t < 8; t++) expect(folded[t]).toBeCloseTo(trained[t] as number, 3);
    }
  });

  it('recommends within the user\'s cluster, for trained and folded-in users', () => {
    const { log, matrix } = clusteredMatrix();
    const model = trainImplicitAls(matrix, PARAMS, seededRng(1));
    const clusterOf = (item: number): string => log.items.idAt(item)[0] as string;
    for (const u of [0, 20]) {
      const seen = new Uint8Array(matrix.cols);
      for (const i of rowOf(matrix, u).indices) seen[i] = 1;
      const top = topK(model.scoreAll(model.userVector(u)), 3, { blocked: seen });
      expect(Array.from(top, clusterOf)).toEqual(Array(3).fill(u < 20 ? 'A' : 'B'));
    }
    // A new user who touched two B items: the best unseen items are B items.
    const b0 = log.items.indexOf('B0');
    const b1 = log.items.indexOf('B1');
    const user = model.foldIn({ indices: Int32Array.of(b0, b1), values: Float32Array.of(5, 1) });
    const blocked = new Uint8Array(matrix.cols);
    blocked[b0] = 1;
    blocked[b1] = 1;
    expect(Array.from(topK(model.scoreAll(user), 3, { blocked }), clusterOf)).toEqual(['B', 'B', 'B']);
  });

  it('is deterministic for a seed; scores candidates like scoreAll; ignores unknown items', () => {
    const { matrix } = clusteredMatrix();
    const a = trainImplicitAls(matrix, PARAMS, seededRng(9));
    const b = trainImplicitAls(matrix, PARAMS, seededRng(9));
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
    const user = a.userVector(3);
    const all = a.scoreAll(user);
    const some = a.scoreCandidates(user, Int32Array.of(5, 0, -1, 999));
    expect(some[0]).toBeCloseTo(all[5] as number, 6);
    expect(some[1]).toBeCloseTo(all[0] as number, 6);
    expect(some[2]).toBeNaN();
    expect(some[3]).toBeNaN();
    expect(Array.from(a.foldIn({ indices: Int32Array.of(), values: Float32Array.of() }))).toEqual(Array(8).fill(0));
    expect(Array.from(a.foldIn({ indices: Int32Array.of(999), values: Float32Array.of(1) }))).toEqual(Array(8).fill(0));
    expect(a.bytesPerItem()).toBe(32);
    expect([a.items, a.users]).toEqual([20, 40]);
  });

  it('reports progress per pass and refuses bad parameters', () => {
    const { matrix } = clusteredMatrix();
    const seen: number[] = [];
    trainImplicitAls(matrix, { ...PARAMS, iterations: 3 }, seededRng(1), (it) => seen.push(it));
    expect(seen).toEqual([1, 2, 3]);
    expect(() => checkAlsParams({ ...PARAMS, regularization: 0 })).toThrow(RangeError);
    expect(() => checkAlsParams({ ...PARAMS, factors: 2.5 })).toThrow(RangeError);
    expect(() => trainImplicitAls(matrix, { ...PARAMS, cgSteps: 0 }, seededRng(1))).toThrow(RangeError);
  });
});

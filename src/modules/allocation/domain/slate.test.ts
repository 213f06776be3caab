import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { DEFAULT_POLICY, type PolicyBody } from './policy.js';
import { buildScoringTable } from './scoring-table.js';
import { EVIDENCE_NOW, itemEvidence as evidence } from '../../../../test/builders/item-evidence.builder.js';
import { composeSlate, explorePositions, exploreSlots } from './slate.js';

const NOW = EVIDENCE_NOW;
const NO_POOL = { indices: [], shares: [] };

function policy(over: Partial<PolicyBody['parameters']>, weights?: Partial<PolicyBody['weights']>): PolicyBody {
  return { weights: { ...DEFAULT_POLICY.weights, ...weights }, parameters: { ...DEFAULT_POLICY.parameters, ...over } };
}

/** Ten items in distinct categories; relevance decides the order when only relevance weighs. */
function table(categories: string[]) {
  return buildScoringTable(categories.map((c, i) => evidence(`i${i}`, { categoryId: c, merchantId: `m${i}` })), NOW, DEFAULT_POLICY.parameters);
}
const relevanceOnly = { conversion: 0, relevance: 1, clickThrough: 0, completion: 0, interaction: 0, freshness: 0 };

describe('composeSlate', () => {
  it('ranks greedily by score at temperature 0, each with propensity 1 and its components', () => {
    const t = table(['a', 'b', 'c', 'd']);
    const cands = [0.2, 0.9, 0.5, 0.7].map((relevance, index) => ({ index, relevance }));
    const slate = composeSlate(t, cands, NO_POOL, policy({ temperature: 0, mmrLambda: 1 }, relevanceOnly), 3, seededRng(1));
    expect(slate.map((s) => s.index)).toEqual([1, 3, 2]);
    expect(slate.every((s) => s.propensity === 1 && !s.explored)).toBe(true);
    expect(slate[0]?.components.relevance).toBe(0.9);
    expect(slate[0]?.score).toBeCloseTo(0.9, 6);
  });

  it('caps one category\'s share of the slate while other items remain', () => {
    const t = table(['x', 'x', 'x', 'x', 'y', 'z']);
    const cands = [0.99, 0.98, 0.97, 0.96, 0.1, 0.05].map((relevance, index) => ({ index, relevance }));
    const slate = composeSlate(t, cands, NO_POOL, policy({ temperature: 0, mmrLambda: 1, maxCategoryShare: 0.5 }, relevanceOnly), 4, seededRng(1));
    expect(slate.map((s) => t.items[s.index]?.categoryId)).toEqual(['x', 'x', 'y', 'z']);
  });

  it('MMR lets a different item pass a slightly better near-duplicate', () => {
    const t = buildScoringTable([
      evidence('a', { categoryId: 'x', merchantId: 'm' }), evidence('a2', { categoryId: 'x', merchantId: 'm' }), evidence('b', { categoryId: 'y', merchantId: 'n', priceBand: '500+' }),
    ], NOW, DEFAULT_POLICY.parameters);
    const cands = [{ index: 0, relevance: 1 }, { index: 1, relevance: 0.95 }, { index: 2, relevance: 0.8 }];
    const diverse = composeSlate(t, cands, NO_POOL, policy({ temperature: 0, mmrLambda: 0.7 }, relevanceOnly), 3, seededRng(1));
    expect(diverse.map((s) => s.index)).toEqual([0, 2, 1]);
    const scoreOnly = composeSlate(t, cands, NO_POOL, policy({ temperature: 0, mmrLambda: 1 }, relevanceOnly), 3, seededRng(1));
    expect(scoreOnly.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('fills exploration slots from the pool with the logged probability, never at the top', () => {
    expect(exploreSlots(20, 0.1)).toBe(2);
    expect(exploreSlots(3, 0.1)).toBe(1);
    expect(exploreSlots(2, 0.1)).toBe(0);
    expect([...explorePositions(20, 2)]).toEqual([5, 15]);
    const t = table(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    const cands = [0, 1, 2, 3, 4, 5, 6].map((index) => ({ index, relevance: 1 - index / 10 }));
    const pool = { indices: [7, 8, 9], shares: [0.5, 0.3, 0.2] };
    const slate = composeSlate(t, cands, pool, policy({ temperature: 0, exploreShare: 0.1 }), 10, seededRng(4));
    const explored = slate.filter((s) => s.explored);
    expect(explored).toHaveLength(1);
    expect(explored[0]?.position).toBe(5);
    expect(explored[0]?.propensity).toBeCloseTo(pool.shares[pool.indices.indexOf(explored[0]?.index as number)] as number, 12);
  });

  it('logs the true probability of a stochastic first pick (Plackett–Luce at the policy temperature)', () => {
    const t = table(['a', 'b', 'c']);
    const cands = [0.5, 0.52, 0.45].map((relevance, index) => ({ index, relevance }));
    const p = policy({ temperature: 0.02, mmrLambda: 1 }, relevanceOnly);
    const rng = seededRng(11);
    const counts = new Map<number, { n: number; p: number }>();
    const runs = 20_000;
    for (let i = 0; i < runs; i++) {
      const first = composeSlate(t, cands, NO_POOL, p, 1, rng)[0];
      if (!first) throw new Error('empty slate');
      const c = counts.get(first.index) ?? { n: 0, p: first.propensity };
      c.n += 1;
      counts.set(first.index, c);
    }
    for (const { n, p: logged } of counts.values()) expect(Math.abs(n / runs - logged)).toBeLessThan(0.015);
    expect(counts.get(1)?.p).toBeGreaterThan(counts.get(0)?.p as number);
  });
});

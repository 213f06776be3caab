import type { ItemEvidence } from '../../allocation/index.js';
import type { PersonProfile } from './person-history.js';
import { historyVector, learnedScores, retrieve, type ShopModel } from './shop-model.js';

/** The request's filters. `excludeBought` / `excludeSeen` need a person and are ignored without one. */
export interface CandidateFilters {
  readonly categoryId?: string | undefined;
  readonly priceBand?: string | undefined;
  /** Leave out items whose latest known stock is 0 (items never given a stock count as in stock). */
  readonly inStockOnly: boolean;
  readonly excludeBought: boolean;
  readonly excludeSeen: boolean;
}

/** A shop's catalogue as the candidate step reads it (indices are catalogue indices). */
export interface CatalogueView {
  readonly items: readonly ItemEvidence[];
  readonly trending: readonly number[];
  /** Catalogue indices by trending, highest first (refreshed with the scoring table). */
  readonly trendingOrder: Int32Array;
  /** The same order per category. */
  readonly trendingByCategory: ReadonlyMap<string, Int32Array>;
  indexOf(itemId: string): number;
}

/** Orders a catalogue by trending, overall and per category (the candidate step's precomputed lists). */
export function trendingLists(items: readonly ItemEvidence[], trending: readonly number[]): { order: Int32Array; byCategory: Map<string, Int32Array> } {
  const score = Float64Array.from(trending);
  const order = Int32Array.from(items.keys()).sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  const lists = new Map<string, number[]>();
  for (const i of order) {
    const c = items[i]?.categoryId;
    if (c === null || c === undefined) continue;
    let l = lists.get(c);
    if (!l) { l = []; lists.set(c, l); }
    l.push(i);
  }
  return { order, byCategory: new Map([...lists].map(([c, l]) => [c, Int32Array.from(l)])) };
}

/** Where a candidate's relevance comes from: each part in [0, 1] (undefined when that source has nothing). */
export interface RelevanceSources {
  readonly sar?: number;
  readonly learned?: number;
  readonly trending: number;
}

export interface Candidate {
  readonly index: number;
  readonly relevance: number;
  readonly sources: RelevanceSources;
}

/** Candidates retrieved per source: SAR, the learned model, each of the person's top categories, trending; `context` for the non-personalised mode. */
export const RETRIEVAL = { sar: 150, learned: 100, perCategory: 20, categories: 3, trending: 40, context: 200 } as const;
/** Relevance blend published with the policy: models share 90 %, trending keeps 10 % for coverage. */
export const RELEVANCE_BLEND = { sar: 0.45, learned: 0.45, trending: 0.1 } as const;

/** The predicate of what a request may show (also applied to the exploration pool). */
export function eligibility(view: CatalogueView, filters: CandidateFilters, profile: PersonProfile | null): (index: number) => boolean {
  return (i) => {
    const it = view.items[i];
    if (!it) return false;
    if (filters.categoryId !== undefined && it.categoryId !== filters.categoryId) return false;
    if (filters.priceBand !== undefined && it.priceBand !== filters.priceBand) return false;
    if (filters.inStockOnly && it.stock === 0) return false;
    if (profile && filters.excludeBought && profile.bought.has(it.itemId)) return false;
    if (profile && filters.excludeSeen && profile.seen.has(it.itemId)) return false;
    return true;
  };
}

function trendingTop(view: CatalogueView, eligible: (i: number) => boolean, limit: number, category?: string): number[] {
  const out: number[] = [];
  const list = category === undefined ? view.trendingOrder : view.trendingByCategory.get(category);
  if (!list) return out;
  for (const i of list) {
    if (out.length >= limit) break;
    if (eligible(i)) out.push(i);
  }
  return out;
}

function maxTrending(view: CatalogueView): number {
  const top = view.trendingOrder[0];
  return top === undefined ? 0 : (view.trending[top] ?? 0);
}

/**
 * Candidates from context only — no personal data enters: trending items that pass the filters,
 * relevance = trending / the shop's top trending score. Used for the non-personalised mode.
 */
export function contextCandidates(view: CatalogueView, eligible: (i: number) => boolean, limit: number, category?: string): Candidate[] {
  const top = maxTrending(view);
  return trendingTop(view, eligible, limit, category).map((index) => {
    const trending = top > 0 ? (view.trending[index] ?? 0) / top : 0;
    return { index, relevance: trending, sources: { trending } };
  });
}

/** The person's heaviest categories by affinity (at most `RETRIEVAL.categories`). */
function recentCategories(view: CatalogueView, profile: PersonProfile): string[] {
  const mass = new Map<string, number>();
  for (const [itemId, w] of profile.affinity) {
    const c = view.items[view.indexOf(itemId)]?.categoryId;
    if (c) mass.set(c, (mass.get(c) ?? 0) + w);
  }
  return [...mass].sort((a, b) => b[1] - a[1]).slice(0, RETRIEVAL.categories).map(([c]) => c);
}

/**
 * Personal candidates: SAR neighbours of the person's history, the learned model's top items (the
 * person folded in from the same history, so a new event counts at once), popular items of their
 * recent categories and trending items; relevance blends the sources by `RELEVANCE_BLEND`, each
 * scaled to [0, 1] over the candidates. `index` maps model ↔ catalogue items (−1 when the other side does
 * not know the item).
 */
export function personalCandidates(
  view: CatalogueView, model: ShopModel | null, profile: PersonProfile, eligible: (i: number) => boolean,
  index: { readonly catalogueOf: (modelItem: number) => number; readonly modelOf: (catalogueItem: number) => number }, scratch: Float32Array | null,
): Candidate[] {
  if (profile.signals === 0 || !model || !scratch) return contextCandidates(view, eligible, RETRIEVAL.context);
  const scores = retrieve(model, historyVector(model, profile.affinity), RETRIEVAL, scratch);
  const pool = new Set<number>();
  for (const m of [...scores.sar.keys(), ...scores.learned.keys()]) {
    const i = index.catalogueOf(m);
    if (i >= 0 && eligible(i)) pool.add(i);
  }
  for (const c of recentCategories(view, profile)) for (const i of trendingTop(view, eligible, RETRIEVAL.perCategory, c)) pool.add(i);
  for (const i of trendingTop(view, eligible, RETRIEVAL.trending)) pool.add(i);
  const indices = [...pool];
  const modelItems = Int32Array.from(indices, (i) => index.modelOf(i));
  const learned = learnedScores(model, scores.user, modelItems);
  const sarOf = indices.map((_, k) => scores.sar.get(modelItems[k] as number) ?? 0);
  let sarMax = 0;
  for (const v of sarOf) if (v > sarMax) sarMax = v;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of learned) if (!Number.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const top = maxTrending(view);
  const hasLearned = scores.user !== null && hi > lo;
  return indices.map((index, k) => {
    const trending = top > 0 ? (view.trending[index] ?? 0) / top : 0;
    const sar = sarMax > 0 ? (sarOf[k] as number) / sarMax : 0;
    const l = learned[k] as number;
    const learnedNorm = hasLearned && !Number.isNaN(l) ? (l - lo) / (hi - lo) : 0;
    const relevance = hasLearned
      ? RELEVANCE_BLEND.sar * sar + RELEVANCE_BLEND.learned * learnedNorm + RELEVANCE_BLEND.trending * trending
      : (RELEVANCE_BLEND.sar + RELEVANCE_BLEND.learned) * sar + RELEVANCE_BLEND.trending * trending;
    return { index, relevance, sources: hasLearned ? { sar, learned: learnedNorm, trending } : { sar, trending } };
  });
}

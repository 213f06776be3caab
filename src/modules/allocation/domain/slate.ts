import type { Rng } from '../../../shared/random.js';
import { weightedSum, type Component, type PolicyBody } from './policy.js';
import type { ScoringTable } from './scoring-table.js';
import { drawCategorical } from './thompson.js';

/** A candidate for a slate: an index into the scoring table and its relevance in [0, 1]. */
export interface SlateCandidate {
  readonly index: number;
  readonly relevance: number;
}

/** The cold-start pool eligible for this request, with each item's exploration share. */
export interface ExplorationPool {
  readonly indices: readonly number[];
  /** Share per entry of `indices` (same order), e.g. from `thompsonShares`. */
  readonly shares: ArrayLike<number>;
}

/** One placed item: why it is there and with which probability it was chosen for its position. */
export interface PlacedItem {
  readonly index: number;
  /** 0-based position in the slate. */
  readonly position: number;
  /** Probability of this item at this position given the request and the items placed before it. */
  readonly propensity: number;
  /** Placed by an exploration slot (cold-start pool) rather than by score. */
  readonly explored: boolean;
  /** credit × Σ weight × component. */
  readonly score: number;
  readonly components: Readonly<Record<Component, number>>;
  readonly credit: number;
}

/** How many candidates (by score) enter the diversified ranking: enough for MMR, bounded for speed. */
export function shortlistSize(n: number): number {
  return Math.max(100, 5 * n);
}

/** Positions (0-based) of `e` exploration slots spread over a slate of `n`, never the first. */
export function explorePositions(n: number, e: number): Set<number> {
  const out = new Set<number>();
  for (let j = 0; j < e; j++) out.add(Math.min(n - 1, Math.max(1, Math.floor(((j + 0.5) * n) / e))));
  return out;
}

/** Exploration slots in a slate of `n`: round(n × share), at least 1 from n = 3 on when share > 0. */
export function exploreSlots(n: number, share: number): number {
  if (share <= 0) return 0;
  return Math.max(n >= 3 ? 1 : 0, Math.round(n * share));
}

/** Similarity for diversity: same category 0.6, same price band 0.2, same merchant 0.2. */
function similarity(t: ScoringTable, a: number, b: number): number {
  const { category, band, merchant } = t.codes;
  let s = 0;
  const ca = category[a] as number;
  if (ca >= 0 && ca === category[b]) s += 0.6;
  const ba = band[a] as number;
  if (ba >= 0 && ba === band[b]) s += 0.2;
  if (merchant[a] === merchant[b]) s += 0.2;
  return s;
}

/** The components of one item for one request. */
export function componentsOf(t: ScoringTable, index: number, relevance: number): Record<Component, number> {
  return {
    conversion: t.conversion[index] as number, relevance, clickThrough: t.clickThrough[index] as number,
    completion: t.completion[index] as number, interaction: t.interaction[index] as number, freshness: t.freshness[index] as number,
  };
}

interface Scored { index: number; relevance: number; score: number }

/** Softmax draw over MMR values (temperature τ > 0) or the greedy argmax (τ = 0, probability 1). */
function pickByScore(mmr: Float64Array, open: readonly number[], temperature: number, rng: Rng): { at: number; probability: number } {
  let best = open[0] as number;
  for (const k of open) if ((mmr[k] as number) > (mmr[best] as number)) best = k;
  if (temperature <= 0) return { at: best, probability: 1 };
  const top = mmr[best] as number;
  const weights = new Float64Array(mmr.length);
  for (const k of open) weights[k] = Math.exp(((mmr[k] as number) - top) / temperature);
  const drawn = drawCategorical(weights, open, rng) as { index: number; probability: number };
  return { at: drawn.index, probability: drawn.probability };
}

/**
 * Composes a slate of up to `n` items: exploration slots at fixed, spread positions draw from the
 * cold-start pool by its shares; every other position takes the best remaining candidate by MMR
 * (λ·score − (1 − λ)·max similarity to the items already placed), sampled Plackett–Luce style at the
 * policy's temperature; no category takes more than ceil(maxCategoryShare · n) positions while other
 * items remain. Each placement records its exact conditional probability. Pure given `rng`.
 */
export function composeSlate(t: ScoringTable, candidates: readonly SlateCandidate[], pool: ExplorationPool, policy: PolicyBody, n: number, rng: Rng): PlacedItem[] {
  const p = policy.parameters;
  const w = policy.weights;
  // The same sum as weightedSum(componentsOf(…)), without an object per candidate (the hot path).
  const scoreOf = (i: number, relevance: number): number => (t.credit[i] as number) * (w.conversion * (t.conversion[i] as number) + w.relevance * relevance
    + w.clickThrough * (t.clickThrough[i] as number) + w.completion * (t.completion[i] as number) + w.interaction * (t.interaction[i] as number) + w.freshness * (t.freshness[i] as number));
  const shortlist: Scored[] = candidates.map((c) => ({ index: c.index, relevance: c.relevance, score: scoreOf(c.index, c.relevance) }))
    .sort((a, b) => b.score - a.score || a.index - b.index).slice(0, shortlistSize(n));
  const exploreCount = Math.min(pool.indices.length, exploreSlots(n, p.exploreShare));
  const explore = explorePositions(n, exploreCount);
  const categoryCap = Math.max(1, Math.ceil(p.maxCategoryShare * n));
  const perCategory = new Int32Array(t.codes.categories);
  const placedSet = new Set<number>();
  const m = shortlist.length;
  const maxSim = new Float64Array(m);
  const mmr = new Float64Array(m);
  const taken = new Uint8Array(m);
  const slotOf = new Map(shortlist.map((s, k) => [s.index, k]));
  const capped = (index: number): boolean => {
    const c = t.codes.category[index] as number;
    return c >= 0 && (perCategory[c] as number) >= categoryCap;
  };
  const out: PlacedItem[] = [];
  const place = (index: number, probability: number, explored: boolean): void => {
    const k = slotOf.get(index);
    const components = componentsOf(t, index, k === undefined ? 0 : (shortlist[k] as Scored).relevance);
    const credit = t.credit[index] as number;
    out.push({ index, position: out.length, propensity: probability, explored, score: credit * weightedSum(policy.weights, components), components, credit });
    placedSet.add(index);
    if (k !== undefined) taken[k] = 1;
    const c = t.codes.category[index] as number;
    if (c >= 0) perCategory[c] = (perCategory[c] as number) + 1;
    for (let j = 0; j < m; j++) maxSim[j] = Math.max(maxSim[j] as number, similarity(t, (shortlist[j] as Scored).index, index));
  };
  const open: number[] = [];
  for (let position = 0; position < n; position++) {
    if (explore.has(position)) {
      const eligible: number[] = [];
      pool.indices.forEach((index, k) => { if (!placedSet.has(index) && !capped(index)) eligible.push(k); });
      const drawn = drawCategorical(pool.shares, eligible, rng);
      if (drawn) { place(pool.indices[drawn.index] as number, drawn.probability, true); continue; }
    }
    // Open positions: not yet placed and not in a capped category — or, when the cap leaves nothing, any not placed.
    open.length = 0;
    let free = 0;
    for (let k = 0; k < m; k++) {
      if (taken[k] === 1) continue;
      free++;
      if (!capped((shortlist[k] as Scored).index)) open.push(k);
    }
    if (free === 0) break;
    if (open.length === 0) for (let k = 0; k < m; k++) if (taken[k] === 0) open.push(k);
    for (const k of open) mmr[k] = p.mmrLambda * (shortlist[k] as Scored).score - (1 - p.mmrLambda) * (maxSim[k] as number);
    const picked = pickByScore(mmr, open, p.temperature, rng);
    place((shortlist[picked.at] as Scored).index, picked.probability, false);
  }
  return out;
}

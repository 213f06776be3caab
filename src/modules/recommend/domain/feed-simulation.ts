import { randomNormal, type Rng } from '../../../shared/random.js';
import {
  buildScoringTable, composeSlate, DEFAULT_POLICY, explorationPool, ipsEstimate, snipsEstimate, type LoggedDecision, type OffPolicyEstimate, type PolicyBody,
} from '../../allocation/index.js';
import { eligibility, personalCandidates, trendingLists, type CatalogueView } from './candidates.js';
import { signalWeight } from './event-signals.js';
import { ItemCatalogue } from './item-evidence.js';
import { KeyHistory, profileOf } from './person-history.js';
import { trainShopModel, type ShopModel, type TrainingRow } from './shop-model.js';

/** An item of the simulated shop (the demo world's products). */
export interface SimItem {
  readonly itemId: string;
  readonly categoryId: string;
  readonly priceBand: string;
  readonly merchantId: string;
}

export interface FeedSimulationOptions {
  readonly users: number;
  /** Logged sessions per user before training (popularity + uniform exploration). */
  readonly sessions: number;
  /** Items per slate. */
  readonly n: number;
  /** Logged requests per user for the off-policy check. */
  readonly loggedRequests: number;
  readonly now: number;
}

/** What the simulation measured: expected conversions per slate, uplift, and OPE against the truth. */
export interface FeedSimulationResult {
  readonly users: number;
  readonly items: number;
  /** Expected paid orders per slate (Σ p(pay | shown) · examination), averaged over users. */
  readonly conversion: { readonly reelpath: number; readonly popularity: number; readonly random: number };
  readonly upliftVsPopularity: number;
  /** Value of the top slot under a target policy (the popularity pick), estimated from Reelpath's logged propensities. */
  readonly offPolicy: { readonly trueValue: number; readonly ips: OffPolicyEstimate; readonly snips: OffPolicyEstimate; readonly loggingTemperature: number };
}

/** Examination probability of a position (DCG discount). */
export function examination(position: number): number {
  return 1 / Math.log2(position + 2);
}

/** The ground truth: each user's pay probability for each item, from taste for category and price band. */
function groundTruth(items: readonly SimItem[], users: number, rng: Rng): Float32Array[] {
  const categories = [...new Set(items.map((i) => i.categoryId))];
  const bands = ['<50', '50-200', '200-500', '500+'];
  const quality = items.map(() => Math.exp(0.5 * randomNormal(rng)));
  return Array.from({ length: users }, () => {
    const taste = new Map(categories.map((c) => [c, 0.05]));
    const first = categories[Math.floor(rng.next() * categories.length)] as string;
    const second = categories[Math.floor(rng.next() * categories.length)] as string;
    taste.set(first, 1);
    taste.set(second, Math.max(taste.get(second) ?? 0, 0.5));
    const band = Math.floor(rng.next() * bands.length);
    return Float32Array.from(items, (it, i) => {
      const bandFit = Math.exp(-Math.abs(bands.indexOf(it.priceBand) - band));
      return Math.min(0.6, 0.08 * (taste.get(it.categoryId) ?? 0.05) * bandFit * (quality[i] as number));
    });
  });
}

interface LoggedWorld { catalogue: ItemCatalogue; histories: KeyHistory[]; model: ShopModel }

/** Logs `sessions` slates per user under popularity + uniform exploration and trains the shop on them. */
function logHistory(items: readonly SimItem[], truth: readonly Float32Array[], o: FeedSimulationOptions, rng: Rng): LoggedWorld {
  const catalogue = new ItemCatalogue(1, o.now);
  const histories = truth.map(() => new KeyHistory());
  const rows: TrainingRow[] = [];
  const pays = new Float64Array(items.length);
  const day = 86_400_000;
  items.forEach((it) => catalogue.apply({ name: 'impression', ts: o.now - 60 * day, productId: it.itemId, categoryId: it.categoryId, priceBand: it.priceBand, creatorId: it.merchantId }));
  for (let s = 0; s < o.sessions; s++) {
    const popular = Array.from(items.keys()).sort((a, b) => (pays[b] as number) - (pays[a] as number)).slice(0, Math.ceil(o.n / 2));
    truth.forEach((p, u) => {
      const shown = new Set(popular);
      while (shown.size < o.n) shown.add(Math.floor(rng.next() * items.length));
      [...shown].forEach((i, position) => {
        const it = items[i] as SimItem;
        const ts = o.now - (o.sessions - s) * day + u;
        const event = (name: string, amount?: number) => {
          catalogue.apply({ name, ts, productId: it.itemId, categoryId: it.categoryId, priceBand: it.priceBand, creatorId: it.merchantId, amount });
          histories[u]?.add(name, it.itemId, signalWeight(name), ts);
          if (signalWeight(name) > 0) rows.push({ person: `u${u}`, itemId: it.itemId, weight: signalWeight(name), ts });
        };
        event('impression');
        const pay = (p[i] as number) * examination(position);
        const click = Math.min(1, 4 * pay);
        if (rng.next() >= click) return;
        event('product_click');
        if (rng.next() < pay / click) { event('pay', 9900); pays[i] = (pays[i] as number) + 1; }
      });
    });
  }
  return { catalogue, histories, model: trainShopModel(rows, rng) };
}

function viewOf(c: ItemCatalogue): CatalogueView {
  const lists = trendingLists(c.items, c.trending);
  return { items: c.items, trending: c.trending, trendingOrder: lists.order, trendingByCategory: lists.byCategory, indexOf: (id) => c.indexOf(id) };
}

function expected(p: Float32Array, slate: readonly number[]): number {
  return slate.reduce((s, i, position) => s + (p[i] as number) * examination(position), 0);
}

/**
 * Simulates a shop over the demo world's products: users with hidden tastes, a logged history under
 * popularity plus uniform exploration, Reelpath trained on it. Then (1) the expected paid orders of a
 * slate from Reelpath (default policy, exploration included) against popularity and random slates, and
 * (2) the value of the popularity pick in the top slot estimated by IPS / SNIPS from slates Reelpath
 * logged with their propensities, against its true value. Pure; deterministic for the rng's seed.
 */
export function simulateFeed(items: readonly SimItem[], o: FeedSimulationOptions, rng: Rng): FeedSimulationResult {
  const truth = groundTruth(items, o.users, rng);
  const world = logHistory(items, truth, o, rng);
  const view = viewOf(world.catalogue);
  const table = buildScoringTable(world.catalogue.items, o.now, DEFAULT_POLICY.parameters);
  const toItem = Int32Array.from(world.catalogue.items, (it) => items.findIndex((x) => x.itemId === it.itemId));
  const byPays = Array.from(world.catalogue.items.keys()).sort((a, b) => (world.catalogue.items[b]?.pays ?? 0) - (world.catalogue.items[a]?.pays ?? 0) || a - b);
  const popularity = byPays.slice(0, o.n);
  const scratch = new Float32Array(world.model.items.size);
  const index = {
    catalogueOf: (m: number): number => world.catalogue.indexOf(world.model.items.idAt(m)),
    modelOf: (i: number): number => world.model.items.indexOf(world.catalogue.items[i]?.itemId ?? ''),
  };
  const pool = explorationPool(table, DEFAULT_POLICY.parameters, rng);
  const candidatesOf = (u: number) => {
    const profile = profileOf([world.histories[u] as KeyHistory], o.now);
    const eligible = eligibility(view, { inStockOnly: false, excludeBought: false, excludeSeen: false }, profile);
    return personalCandidates(view, world.model, profile, eligible, index, scratch);
  };
  const loggingTemperature = 0.05;
  const logging: PolicyBody = { weights: DEFAULT_POLICY.weights, parameters: { ...DEFAULT_POLICY.parameters, temperature: loggingTemperature } };
  const target = popularity[0] as number;
  const mapped = (slate: readonly number[]) => slate.map((i) => toItem[i] as number);
  const decisions: LoggedDecision[] = [];
  let ours = 0;
  let pop = 0;
  let random = 0;
  truth.forEach((p, u) => {
    const candidates = candidatesOf(u);
    ours += expected(p, mapped(composeSlate(table, candidates, pool, DEFAULT_POLICY, o.n, rng).map((x) => x.index)));
    pop += expected(p, mapped(popularity));
    random += expected(p, Array.from({ length: o.n }, () => Math.floor(rng.next() * items.length)));
    for (let r = 0; r < o.loggedRequests; r++) {
      const first = composeSlate(table, candidates, pool, logging, 1, rng)[0];
      if (!first) continue;
      const reward = rng.next() < (p[toItem[first.index] as number] as number) * examination(0) ? 1 : 0;
      decisions.push({ reward, loggedPropensity: first.propensity, targetProbability: first.index === target ? 1 : 0 });
    }
  });
  const trueValue = truth.reduce((s, p) => s + (p[toItem[target] as number] as number) * examination(0), 0) / o.users;
  const m = o.users;
  return {
    users: o.users, items: items.length,
    conversion: { reelpath: ours / m, popularity: pop / m, random: random / m },
    upliftVsPopularity: pop > 0 ? ours / pop - 1 : 0,
    offPolicy: { trueValue, ips: ipsEstimate(decisions), snips: snipsEstimate(decisions), loggingTemperature },
  };
}

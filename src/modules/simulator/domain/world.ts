import { randomNormal, seededRng, type Rng } from '../../../shared/random.js';
import { generateBuyers, type Buyer } from './buyers.js';
import { COMMERCE_CATEGORIES, commerceCategoryOf, priceBandIndex, PRICE_BANDS, type Catalogue, type CatalogueEntry } from './catalogue.js';
import { PLATFORM_SHARES, platformAt, SIM_PLATFORMS, type SimPlatform } from './platforms.js';
import {
  buildSampler, chance, clamp, hex8, permute32, pickOne, randomInt, randomLogNormal, subSeed,
} from './sampling.js';

/** A creator (达人 / brand account) with a home platform. */
export interface Creator {
  readonly index: number;
  readonly creatorId: string;
  readonly name: string;
  readonly platform: SimPlatform;
  readonly followers: number;
  /** Traffic weight, grows sub-linearly with followers. */
  readonly weight: number;
  /** 0..1: how well the creator's content holds and converts viewers. */
  readonly quality: number;
  /** Whether the creator runs live streams. */
  readonly live: boolean;
  /** Commerce category of the creator's niche (from their first video). */
  readonly categoryId: string;
}

/** A short video drawn from a catalogue entry. */
export interface Video {
  readonly index: number;
  readonly videoId: string;
  /** The catalogue entry's `sourceId` (KuaiRec video id). */
  readonly sourceId: string;
  readonly title: string;
  /** Content category name from the catalogue (e.g. `美食`), when known. */
  readonly contentCategory?: string;
  /** Commerce category id (see `COMMERCE_CATEGORIES`). */
  readonly categoryId: string;
  /** Index into `World.creators`. */
  readonly creator: number;
  readonly durationMs: number;
  /** 0..1, around the creator's quality. */
  readonly quality: number;
  /** Index into `World.products` of the featured product (小黄车), or -1. */
  readonly product: number;
}

/** A product with its SKUs; price in integer fen. */
export interface Product {
  readonly index: number;
  readonly productId: string;
  readonly name: string;
  readonly categoryId: string;
  readonly priceFen: number;
  /** `<50`, `50-200`, `200-500` or `500+` (yuan). */
  readonly priceBand: string;
  /** Index into `PRICE_BANDS`. */
  readonly bandIndex: number;
  readonly skuIds: readonly string[];
}

/** Everything static in a simulated world; a pure function of seed and catalogue. */
export interface World {
  readonly seed: number;
  readonly creators: readonly Creator[];
  readonly videos: readonly Video[];
  readonly products: readonly Product[];
  readonly buyers: readonly Buyer[];
  /** Shared / proxy phones (代下单, parcel stations) that many buyers put on orders. */
  readonly proxyPhones: readonly string[];
}

/** World sizes: fixed so the world does not depend on the number of events generated. */
export const WORLD_SIZE = { creators: 400, videos: 5000, products: 600, buyers: 30_000 } as const;

const NAME_HEADS = ['小', '阿', '大', '老', '甜甜', '胖', '川妹', '东北', '江南', '山里'];
const NAME_BODIES = ['美', '乐', '鱼', '橙子', '果果', '强', '丽', '小七', '糖', '木子', '阿福', '二丫'];
const NAME_TAILS = ['', '姐', '哥', '好物', '严选', '的小店', '日记', '家', '工作室', '旗舰店'];
const PRODUCT_ADJECTIVES = ['爆款', '新款', '经典', '加厚', '便携', '家用', '升级版', '网红', '国潮', '限定', '大容量', '轻奢'];

function generateCreators(rng: Rng, salt: number): Omit<Creator, 'categoryId'>[] {
  const creators: Omit<Creator, 'categoryId'>[] = [];
  const platformSampler = buildSampler(PLATFORM_SHARES);
  for (let i = 0; i < WORLD_SIZE.creators; i++) {
    // Pareto tail: a few big accounts, many small ones. The first creators cover every platform.
    const followers = Math.min(50_000_000, Math.round(2000 * Math.pow(1 / (1 - rng.next()), 1 / 0.8)));
    const platform = i < SIM_PLATFORMS.length * 5 ? platformAt(i % SIM_PLATFORMS.length) : platformAt(platformSampler.draw(rng));
    const big = followers >= 50_000;
    const quality = clamp(0.45 + (big ? 0.15 : 0) + 0.18 * randomNormal(rng), 0.05, 1);
    creators.push({
      index: i,
      creatorId: `cr_${hex8(permute32(i ^ salt))}`,
      name: pickOne(rng, NAME_HEADS) + pickOne(rng, NAME_BODIES) + pickOne(rng, NAME_TAILS),
      platform,
      followers,
      weight: Math.pow(followers, 0.7),
      quality,
      live: i < SIM_PLATFORMS.length || chance(rng, big ? 0.7 : 0.12),
    });
  }
  return creators;
}

function generateProducts(rng: Rng, salt: number, videoShare: ReadonlyMap<string, number>): Product[] {
  const products: Product[] = [];
  for (const category of COMMERCE_CATEGORIES) {
    const count = 8 + Math.round(WORLD_SIZE.products * (videoShare.get(category.id) ?? 0));
    for (let k = 0; k < count; k++) {
      const i = products.length;
      const yuan = Math.round(clamp(randomLogNormal(rng, category.medianYuan, 0.65), 2, 20_000));
      const priceFen = yuan * 100 - 10; // ¥128.90-style list prices
      const bandIndex = priceBandIndex(priceFen);
      const id = hex8(permute32(i ^ salt));
      const skuCount = 1 + randomInt(rng, 4);
      products.push({
        index: i,
        productId: `prd_${id}`,
        name: `${pickOne(rng, PRODUCT_ADJECTIVES)}${category.name} ${id.slice(0, 4).toUpperCase()}`,
        categoryId: category.id,
        priceFen,
        priceBand: PRICE_BANDS[bandIndex]?.band ?? '500+',
        bandIndex,
        skuIds: Array.from({ length: skuCount }, (_, s) => `sku_${id}_${s + 1}`),
      });
    }
  }
  return products;
}

function groupIndices<T extends { readonly index: number }>(items: readonly T[], key: (item: T) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item.index]);
    else group.push(item.index);
  }
  return groups;
}

/**
 * Builds the static world for a seed: 400 creators on the six platforms, 5,000 videos whose titles
 * and categories come from the catalogue (entries reused when it has fewer), ~600 products, 30,000
 * buyers. Pure and deterministic: the same seed and catalogue give an identical world.
 * @example const world = buildWorld(42, fallbackCatalogue());
 */
export function buildWorld(seed: number, catalogue: Catalogue): World {
  const entries = catalogue.entries;
  if (entries.length === 0) throw new RangeError('buildWorld needs a catalogue with at least one entry');
  const rng = seededRng(subSeed(seed, 1));
  const salt = subSeed(seed, 11);
  const rawCreators = generateCreators(rng, salt);

  // A seeded shuffle of the catalogue; videos take entries in that order, cycling if needed.
  const order = Array.from({ length: entries.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const picked = Array.from({ length: WORLD_SIZE.videos }, (_, v) => entries[order[v % order.length] ?? 0] ?? entries[0] as CatalogueEntry);
  const videoCategories = picked.map((e) => commerceCategoryOf(e));
  const share = new Map<string, number>();
  for (const c of videoCategories) share.set(c, (share.get(c) ?? 0) + 1 / picked.length);
  const products = generateProducts(rng, subSeed(seed, 12), share);
  const productsByCategory = groupIndices(products, (p) => p.categoryId);

  // Creator i posts video i first, which fixes the creator's niche; later videos mostly go to creators
  // of the same niche (80 %), weighted towards prolific (bigger) accounts.
  const creators: Creator[] = rawCreators.map((c, i) => ({ ...c, categoryId: videoCategories[i % videoCategories.length] ?? 'general' }));
  const byNiche = groupIndices(creators, (c) => c.categoryId);
  const anyCreator = buildSampler(creators.map((c) => Math.sqrt(c.weight)));
  const videoSalt = subSeed(seed, 13);
  const videos: Video[] = picked.map((entry, v) => {
    const categoryId = videoCategories[v] ?? 'general';
    const niche = byNiche.get(categoryId);
    const creator = v < creators.length ? v : niche !== undefined && chance(rng, 0.8) ? pickOne(rng, niche) : anyCreator.draw(rng);
    const quality = clamp((creators[creator]?.quality ?? 0.5) + 0.15 * randomNormal(rng), 0.05, 1);
    const category = COMMERCE_CATEGORIES.find((c) => c.id === categoryId);
    const candidates = productsByCategory.get(categoryId);
    const product = candidates !== undefined && chance(rng, category?.attachRate ?? 0.3) ? pickOne(rng, candidates) : -1;
    return {
      index: v,
      videoId: `vid_${hex8(permute32(v ^ videoSalt))}`,
      sourceId: entry.sourceId,
      title: entry.title,
      ...(entry.category !== undefined ? { contentCategory: entry.category } : {}),
      categoryId,
      creator,
      durationMs: Math.round(clamp(randomLogNormal(rng, 30, 0.7), 6, 300) * 10) * 100,
      quality,
      product,
    };
  });
  const { buyers, proxyPhones } = generateBuyers(seededRng(subSeed(seed, 3)), subSeed(seed, 14), WORLD_SIZE.buyers);
  return { seed, creators, videos, products, buyers, proxyPhones };
}

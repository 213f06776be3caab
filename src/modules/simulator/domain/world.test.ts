import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../events/index.js';
import { COMMERCE_CATEGORIES, PRICE_BANDS, commerceCategoryOf, priceBandIndex } from './catalogue.js';
import { fallbackCatalogue } from './fallback-catalogue.js';
import { SIM_PLATFORMS } from './platforms.js';
import { buildWorld, WORLD_SIZE } from './world.js';

const catalogue = fallbackCatalogue();

describe('buildWorld', () => {
  const world = buildWorld(42, catalogue);

  it('is pure: the same seed gives an equal world, another seed a different one', () => {
    expect(buildWorld(42, catalogue)).toEqual(world);
    const other = buildWorld(43, catalogue);
    expect(other.creators.map((c) => c.creatorId)).not.toEqual(world.creators.map((c) => c.creatorId));
    expect(other.buyers[0]?.phone).not.toBe(world.buyers[0]?.phone);
  });

  it('has the documented sizes and unique ids', () => {
    expect(world.creators).toHaveLength(WORLD_SIZE.creators);
    expect(world.videos).toHaveLength(WORLD_SIZE.videos);
    expect(world.buyers).toHaveLength(WORLD_SIZE.buyers);
    const ids = [
      ...world.creators.map((c) => c.creatorId), ...world.videos.map((v) => v.videoId), ...world.products.map((p) => p.productId),
      ...world.products.flatMap((p) => p.skuIds),
      ...world.buyers.flatMap((b) => b.accounts.flatMap((a) => [a.openId, a.buyerId, ...a.anonymousIds])),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(world.buyers.map((b) => b.phone)).size).toBe(world.buyers.length);
  });

  it('uses only event-model platform codes, with creators and live creators on each', () => {
    for (const p of SIM_PLATFORMS) {
      expect((PLATFORMS as readonly string[]).includes(p)).toBe(true);
      expect(world.creators.some((c) => c.platform === p && c.live)).toBe(true);
    }
  });

  it('has a few big creators and many small ones', () => {
    const followers = world.creators.map((c) => c.followers).sort((a, b) => b - a);
    const top = followers.slice(0, followers.length / 20).reduce((a, b) => a + b, 0);
    const all = followers.reduce((a, b) => a + b, 0);
    expect(top / all).toBeGreaterThan(0.4);
    expect(followers[followers.length >> 1]).toBeLessThan(10_000);
  });

  it('prices products in positive integer fen within their band, in every commerce category', () => {
    for (const p of world.products) {
      expect(Number.isSafeInteger(p.priceFen) && p.priceFen > 0).toBe(true);
      expect(p.priceBand).toBe(PRICE_BANDS[priceBandIndex(p.priceFen)]?.band);
    }
    expect(new Set(world.products.map((p) => p.categoryId))).toEqual(new Set(COMMERCE_CATEGORIES.map((c) => c.id)));
    expect(new Set(world.products.map((p) => p.priceBand))).toEqual(new Set(PRICE_BANDS.map((b) => b.band)));
  });

  it('takes video titles from the catalogue and features products of the mapped category', () => {
    const titles = new Set(catalogue.entries.map((e) => e.title));
    for (const v of world.videos) {
      expect(titles.has(v.title)).toBe(true);
      if (v.product >= 0) expect(world.products[v.product]?.categoryId).toBe(v.categoryId);
    }
    expect(world.videos.filter((v) => v.product >= 0).length).toBeGreaterThan(WORLD_SIZE.videos / 3);
  });

  it('gives some buyers a second platform, union ids to some, and proxy phones to a few', () => {
    const multi = world.buyers.filter((b) => b.accounts.length === 2);
    expect(multi.length).toBeGreaterThan(WORLD_SIZE.buyers * 0.05);
    expect(multi.every((b) => b.accounts[0]?.platform !== b.accounts[1]?.platform)).toBe(true);
    expect(world.buyers.filter((b) => b.unionId !== undefined).length).toBeGreaterThan(WORLD_SIZE.buyers * 0.3);
    const proxied = world.buyers.filter((b) => b.orderPhone !== b.phone);
    expect(proxied.length).toBeGreaterThan(100);
    expect(proxied.every((b) => world.proxyPhones.includes(b.orderPhone))).toBe(true);
  });
});

describe('commerceCategoryOf and priceBandIndex', () => {
  it('maps KuaiRec content categories to commerce categories', () => {
    expect(commerceCategoryOf({ category: '美食' })).toBe('food');
    expect(commerceCategoryOf({ category: '时尚', leafCategory: '配饰' })).toBe('accessories');
    expect(commerceCategoryOf({ category: '喜剧' })).toBe('general');
    expect(commerceCategoryOf({})).toBe('general');
  });

  it('puts band edges in the upper band (yuan: <50, 50-200, 200-500, 500+)', () => {
    expect([4_999, 5_000, 19_999, 20_000, 49_999, 50_000].map(priceBandIndex)).toEqual([0, 1, 1, 2, 2, 3]);
  });
});

import { simulateFeed, type FeedSimulationResult, type SimItem } from '../modules/recommend/index.js';
import { buildWorld, loadCatalogue } from '../modules/simulator/index.js';
import { seededRng } from '../shared/random.js';
import { msg } from './messages.js';
import { renderTable } from './report-table.js';

/** Sizes of the demo-world feed simulation (`reelpath eval recommend --dataset demo`). */
export const DEMO_FEED = { users: 2000, sessions: 8, n: 10, loggedRequests: 10, seed: 42 } as const;

/**
 * The demo world's products as a simulated shop: each product's merchant is the creator of the first
 * video that features it (the catalogue's own `shop` when none does).
 */
export async function demoWorldItems(datasetsDir: string): Promise<SimItem[]> {
  const { catalogue } = await loadCatalogue(datasetsDir);
  const world = buildWorld(DEMO_FEED.seed, catalogue);
  const sellerOf = new Map<number, string>();
  for (const v of world.videos) if (v.product >= 0 && !sellerOf.has(v.product)) sellerOf.set(v.product, world.creators[v.creator]?.creatorId ?? 'shop');
  return world.products.map((p) => ({ itemId: p.productId, categoryId: p.categoryId, priceBand: p.priceBand, merchantId: sellerOf.get(p.index) ?? 'shop' }));
}

/** Runs the feed simulation over the demo world (seeded: the same numbers every run). */
export async function runDemoFeedEval(datasetsDir: string, now: number): Promise<FeedSimulationResult> {
  const items = await demoWorldItems(datasetsDir);
  return simulateFeed(items, { users: DEMO_FEED.users, sessions: DEMO_FEED.sessions, n: DEMO_FEED.n, loggedRequests: DEMO_FEED.loggedRequests, now }, seededRng(DEMO_FEED.seed));
}

const f4 = (x: number): string => x.toFixed(4);

/** The simulation as a table (expected orders per slate and uplift) and the off-policy line. */
export function renderFeedEval(r: FeedSimulationResult, lang: 'zh' | 'en'): string {
  const vsPop = (x: number): string => `${x >= r.conversion.popularity ? '+' : ''}${((x / r.conversion.popularity - 1) * 100).toFixed(1)}%`;
  const rows = [
    [msg(lang, 'feed_reelpath'), f4(r.conversion.reelpath), vsPop(r.conversion.reelpath)],
    [msg(lang, 'feed_popularity'), f4(r.conversion.popularity), '—'],
    [msg(lang, 'feed_random'), f4(r.conversion.random), vsPop(r.conversion.random)],
  ];
  const o = r.offPolicy;
  return [
    msg(lang, 'feed_title', { items: r.items, users: r.users, n: DEMO_FEED.n }),
    renderTable(null, msg(lang, 'feed_header').split('|'), rows),
    msg(lang, 'feed_ope', {
      t: o.loggingTemperature, truth: f4(o.trueValue), ips: f4(o.ips.estimate), ipsSe: f4(o.ips.standardError), snips: f4(o.snips.estimate), snipsSe: f4(o.snips.standardError),
      n: o.ips.decisions, ess: Math.round(o.ips.effectiveSampleSize),
    }),
  ].join('\n');
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/api/server.js';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config/index.js';
import { ingestBatch } from '../src/flows/ingest-events.flow.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { seededRng, type Rng } from '../src/shared/random.js';
import { spawnBenchChild } from './bench-child.js';
import type { GetLoadResult } from './get-load.js';
import { describeMachine, quantile } from './machine.js';

export interface RecommendServeOptions {
  readonly items: number;
  readonly persons: number;
  readonly interactions: number;
  /** Requests per second of the open-loop loads, one measured run per rate (the first is the headline). */
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly onProgress?: (phase: string, done?: number, total?: number) => void;
}

const CATEGORIES = 40;
const DAY = 86_400_000;
const NAMES = [['play', 0.55], ['product_click', 0.2], ['detail_view', 0.1], ['add_to_cart', 0.08], ['pay', 0.07]] as const;

function pickName(rng: Rng): string {
  let u = rng.next();
  for (const [name, p] of NAMES) { if (u < p) return name; u -= p; }
  return 'play';
}

/**
 * A synthetic shop: every item shown once (so the catalogue has them all), then persons interacting
 * mostly within three favourite categories, item popularity skewed (u³) inside a category; 90 % consent
 * to personalization. Deterministic for the seed.
 */
export function* syntheticShop(o: Pick<RecommendServeOptions, 'items' | 'persons' | 'interactions'>, now: number): Generator<Record<string, unknown>> {
  const rng = seededRng(7);
  const perCategory = Math.ceil(o.items / CATEGORIES);
  const item = (c: number, k: number): number => Math.min(o.items - 1, c * perCategory + k);
  const fields = (i: number) => ({ productId: `p${i}`, categoryId: `c${Math.floor(i / perCategory)}`, priceBand: ['<50', '50-200', '200-500', '500+'][i % 4], creatorId: `m${i % 5000}` });
  let n = 0;
  for (let p = 0; p < o.persons; p++) {
    yield { eventId: `consent${p}`, name: 'consent', platform: 'douyin', userId: `u${p}`, ts: now - 30 * DAY, consent: { personalization: p % 10 !== 0 } };
  }
  for (let i = 0; i < o.items; i++) yield { eventId: `show${i}`, name: 'impression', platform: 'douyin', userId: `u${i % o.persons}`, ts: now - 29 * DAY, ...fields(i) };
  for (let p = 0; p < o.persons; p++) {
    const favourites = [Math.floor(rng.next() * CATEGORIES), Math.floor(rng.next() * CATEGORIES), Math.floor(rng.next() * CATEGORIES)];
    const count = Math.round(o.interactions / o.persons);
    for (let k = 0; k < count; k++) {
      const u = rng.next();
      const c = favourites[u < 0.6 ? 0 : u < 0.9 ? 1 : 2] as number;
      const i = item(c, Math.floor(rng.next() ** 3 * perCategory));
      const name = pickName(rng);
      yield {
        eventId: `x${n++}`, name, platform: 'douyin', userId: `u${p}`, ts: now - Math.floor(rng.next() * 28 * DAY), ...fields(i),
        ...(name === 'pay' ? { orderId: `o${n}`, amount: 1000 + (i % 400) * 100, currency: 'CNY' } : {}),
      };
    }
  }
}

function summarise(r: GetLoadResult, seconds: number): Record<string, number> {
  const l = r.latenciesMs;
  return {
    requests: r.sent, answered: l.length, ok: r.statuses['200'] ?? 0, achievedRate: Math.round(l.length / seconds),
    p50Ms: Number(quantile(l, 0.5).toFixed(2)), p95Ms: Number(quantile(l, 0.95).toFixed(2)), p99Ms: Number(quantile(l, 0.99).toFixed(2)), maxMs: Number(quantile(l, 1).toFixed(2)),
  };
}

/**
 * Serving latency of `GET /v1/recommendations` (top 20) over a synthetic catalogue, under an open-loop
 * load from a child process, against the same load on `GET /v1/allocation/policy` (same server, auth and
 * JSON; no recommendation work) as the same-run baseline, at each rate; then at the lowest rate while the
 * shop retrains on the same thread. Also the rebuild time and memory per item.
 */
export async function benchRecommendServe(o: RecommendServeOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-rec-'));
  const app = await createApp(loadConfig({ env: { REELPATH_DATA: dir, REELPATH_LOG_LEVEL: 'silent' } }), { logger: createLogger('silent') });
  const server = await buildServer(app);
  try {
    const { secretKey } = await app.tenants.createTenant('bench', 'Bench shop');
    const tenant = await app.tenants.getTenant('bench');
    const total = o.persons + o.items + Math.round(o.interactions / o.persons) * o.persons;
    let batch: unknown[] = [];
    let done = 0;
    for (const e of syntheticShop(o, Date.now())) {
      batch.push(e);
      if (batch.length === 5000) { await ingestBatch(app, tenant, batch); done += batch.length; batch = []; o.onProgress?.('ingest', done, total); }
    }
    if (batch.length > 0) await ingestBatch(app, tenant, batch);
    await app.events.flush();
    o.onProgress?.('rebuild');
    const before = process.memoryUsage();
    const model = await app.recommend.rebuild('bench');
    const after = process.memoryUsage();
    const heldBytes = (after.heapUsed + after.arrayBuffers) - (before.heapUsed + before.arrayBuffers);
    const port = (await server.listen({ host: '127.0.0.1', port: 0 }).then(() => server.server.address() as { port: number })).port;
    const rng = seededRng(99);
    const recPaths = Array.from({ length: 20_000 }, () => `/v1/recommendations?person=user:u${Math.floor(rng.next() * o.persons)}&n=20`);
    // Each load runs in a fresh child process: warm-up (JIT, caches), the baseline, then the recommendations.
    const load = async (paths: string[], seconds: number, phase: string, rate: number): Promise<GetLoadResult> => {
      o.onProgress?.(phase);
      const child = spawnBenchChild('get');
      try {
        child.send({ type: 'run', port, key: secretKey, paths, rate, seconds });
        return await child.next<GetLoadResult>('done');
      } finally {
        await child.stop();
      }
    };
    await load(recPaths, 3, 'warm-up', Math.min(...o.rates));
    const runs: Record<string, unknown>[] = [];
    for (const rate of o.rates) {
      // A pause between loads, so a backlog of one never spills into the next.
      await new Promise((r) => setTimeout(r, 2000));
      const baseline = summarise(await load(['/v1/allocation/policy'], o.seconds, `baseline at ${rate}/s`, rate), o.seconds);
      await new Promise((r) => setTimeout(r, 2000));
      const recommendations = summarise(await load(recPaths, o.seconds, `recommendations at ${rate}/s`, rate), o.seconds);
      runs.push({ rate, baseline, recommendations, p99Ratio: Number(((recommendations.p99Ms as number) / Math.max(0.01, baseline.p99Ms as number)).toFixed(2)) });
    }
    // The same load at the lowest rate while the shop retrains on the same thread (sliced training).
    await new Promise((r) => setTimeout(r, 2000));
    const rebuilding = app.recommend.rebuild('bench');
    const duringRebuild = summarise(await load(recPaths, o.seconds, `recommendations at ${Math.min(...o.rates)}/s during a rebuild`, Math.min(...o.rates)), o.seconds);
    const rebuilt = await rebuilding;
    return {
      bench: 'recommend-serve', machine: describeMachine(), options: { items: o.items, persons: o.persons, interactions: o.interactions, rates: o.rates, seconds: o.seconds, n: 20 },
      model, heapBytesPerItem: Math.round(heldBytes / Math.max(1, model.items)), runs,
      duringRebuild: { rate: Math.min(...o.rates), ...duringRebuild, rebuildMs: rebuilt.buildMs },
    };
  } finally {
    await server.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { openDuckDb } from '../src/storage/duckdb-db.js';
import { FUNNEL_NODES } from '../src/modules/events/index.js';
import type { FunnelResult } from '../src/modules/funnels/index.js';
import { attribute, type Journey } from '../src/modules/attribution/index.js';
import { seededRng } from '../src/shared/random.js';
import { describeMachine, sampleRss } from './machine.js';

export interface FunnelBenchOptions { readonly events: number; readonly onProgress?: (phase: string) => void }

const TENANT = 'bench';
const WINDOW_MS = 86_400_000;

/**
 * Writes `events` synthetic funnel events straight into a fresh embedded event store with DuckDB SQL:
 * ten events per person in time order, each person going down the funnel to a depth drawn towards the
 * top (then repeating that step), six platforms. The data only has to be shaped like a shop's; the benchmark times the analysis.
 */
async function seedEvents(dir: string, events: number): Promise<void> {
  const db = await openDuckDb(join(dir, 'events.duckdb'), { memoryLimit: '1GB' });
  try {
    await db.run(`CREATE TABLE events AS SELECT
      '${TENANT}' AS tenant, 'e' || i AS event_id,
      (['${FUNNEL_NODES.join("','")}'])[1 + least(floor(8 * pow((hash(i // 10) % 1000) / 1000.0, 1.6))::INT, (i % 10)::INT, 7)] AS name,
      (['douyin','kuaishou','wechat_channels','tiktok','xiaohongshu','miniprogram'])[1 + (hash(i // 10) % 6)::INT] AS platform,
      (1790000000000 + (i // 10) % 200000 * 3000 + (i % 10) * 90000 + floor(random() * 60000))::BIGINT AS ts,
      'anon:p' || (i // 10) AS identity_key,
      NULL::VARCHAR AS session_id, NULL::VARCHAR AS video_id, NULL::VARCHAR AS creator_id, NULL::VARCHAR AS live_id,
      NULL::VARCHAR AS product_id, NULL::VARCHAR AS order_id, NULL::VARCHAR AS category_id, NULL::VARCHAR AS price_band,
      NULL::BIGINT AS amount, NULL::VARCHAR AS currency, NULL::VARCHAR AS phone_hash, '{}' AS attrs
      FROM range(${events}) t(i)`);
  } finally {
    await db.close();
  }
}

/**
 * The obvious SQL formulation of the same funnel on the same engine: each person's first step-1 event,
 * then for every later step the earliest matching event after the previous one inside the window, as
 * a chain of joins; counted per platform of the first event.
 */
function plainSqlFunnel(steps: readonly string[]): string {
  const parts = [`s0 AS (SELECT identity_key k, min(ts) t0, arg_min(platform, ts) platform, min(ts) t FROM events WHERE tenant = '${TENANT}' AND name = '${steps[0]}' GROUP BY 1)`];
  for (let i = 1; i < steps.length; i++) {
    parts.push(`s${i} AS (SELECT p.k, p.t0, p.platform, min(e.ts) t FROM s${i - 1} p JOIN events e ON e.tenant = '${TENANT}' AND e.identity_key = p.k AND e.name = '${steps[i]}' AND e.ts >= p.t AND e.ts <= p.t0 + ${WINDOW_MS} GROUP BY 1, 2, 3)`);
  }
  const counts = steps.map((_, i) => `(SELECT count(*) FROM s${i} WHERE s${i}.platform = s0.platform) AS c${i}`);
  return `WITH ${parts.join(', ')} SELECT platform, ${counts.join(', ')} FROM (SELECT DISTINCT platform FROM s0) s0 ORDER BY platform`;
}

async function time<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { seconds: Number(((performance.now() - t0) / 1000).toFixed(3)), value };
}

/** An 8-step funnel by platform over `events` events: our engine against the plain-SQL chain of joins. */
export async function benchFunnel(opts: FunnelBenchOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-funnel-'));
  try {
    opts.onProgress?.('seed');
    await seedEvents(dir, opts.events);
    const sql = plainSqlFunnel(FUNNEL_NODES);
    const plainSql = async (): Promise<number> => {
      const db = await openDuckDb(join(dir, 'events.duckdb'), { memoryLimit: '256MB' });
      try { return (await time(() => db.all(sql))).seconds; } finally { await db.close(); }
    };
    opts.onProgress?.('plain SQL');
    const coldSql = await plainSql();
    const app = await createApp(loadConfig({ env: { REELPATH_DATA: dir } }), { logger: createLogger('silent') });
    let ours: { seconds: number; value: FunnelResult };
    let peakRssMb: number;
    try {
      await app.tenants.createTenant(TENANT);
      opts.onProgress?.('reelpath');
      const rss = sampleRss();
      ours = await time(() => app.funnels.run({ tenant: TENANT, steps: [...FUNNEL_NODES], windowMs: WINDOW_MS, by: 'platform', nextEvents: 0 }));
      peakRssMb = rss.stop();
    } finally {
      await app.close();
    }
    // The store is one process's file: the baseline runs before and after our engine, best time kept.
    const baselineSeconds = Math.min(coldSql, await plainSql());
    return {
      benchmark: 'funnel-8-steps-by-platform', events: opts.events, persons: ours.value.persons,
      reelpathSeconds: ours.seconds, plainSqlSeconds: baselineSeconds, ratioToPlainSql: Number((ours.seconds / baselineSeconds).toFixed(2)),
      peakRssMb, converted: ours.value.overall.steps[7]?.count, machine: describeMachine(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Markov (order 1, exact removal effects) over `journeys` generated journeys of 20 channels. */
export async function benchMarkov(journeys: number): Promise<Record<string, unknown>> {
  const random = seededRng(3);
  const rng = (): number => random.next();
  const channels = Array.from({ length: 20 }, (_, i) => `c${i}`);
  const list: Journey[] = [];
  for (let i = 0; i < journeys; i++) {
    const n = 1 + Math.floor(rng() * 6);
    const touches = Array.from({ length: n }, () => ({ channel: channels[Math.floor(Math.pow(rng(), 1.5) * channels.length)] as string }));
    const converted = rng() < 0.2;
    list.push({ touches, conversions: converted ? 1 : 0, nulls: converted ? 0 : 1, value: converted ? 1000 + Math.floor(rng() * 9000) : 0 });
  }
  const rss = sampleRss();
  const ours = await time(async () => attribute(list, true, { model: 'markov', order: 1, collapseRepeats: true, halfLifeMs: 7 * 86_400_000, maxStates: 1000 }));
  const peakRssMb = rss.stop();
  const linear = await time(async () => attribute(list, true, { model: 'linear', order: 1, collapseRepeats: true, halfLifeMs: 7 * 86_400_000, maxStates: 1000 }));
  return {
    benchmark: 'markov-order-1', journeys, channels: channels.length, reelpathSeconds: ours.seconds, peakRssMb,
    baselineLinearSeconds: linear.seconds, ratioToLinear: Number((ours.seconds / linear.seconds).toFixed(2)),
    topChannel: ours.value.channels[0]?.channel, machine: describeMachine(),
  };
}

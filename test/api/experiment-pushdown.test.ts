import { afterAll, describe, expect, it } from 'vitest';
import { MomentAccumulator, type Moments } from '../../src/modules/experiments/domain/accumulate.js';
import { ExposureIndex } from '../../src/modules/experiments/domain/exposure-index.js';
import { momentsOf, planReport } from '../../src/modules/experiments/domain/report-plan.js';
import { computeUnitMetrics, type MetricRow } from '../../src/modules/experiments/domain/unit-metrics.js';
import { buildExperiment, type Design, type Experiment } from '../../src/modules/experiments/index.js';
import { seededRng } from '../../src/shared/random.js';
import { openPostgresSchema } from '../harness/postgres.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

/**
 * The report's pushdown (one anchored aggregation in the event store) against the reference: the same
 * random world measured person by person in JS (unit-metrics + exposure index + accumulator), for the
 * three designs, on the embedded store and on PostgreSQL when CI runs it.
 */
const T0 = Date.UTC(2026, 9, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UNTIL = T0 + 3 * DAY;
const NAMES = ['pay', 'refund', 'complaint', 'add_to_cart', 'play'];

interface World { events: Record<string, unknown>[]; rows: Map<string, MetricRow[]>; exposures: { person: string; unit: string; cluster: string; variation: number; ts: number }[]; persons: Map<string, string> }

function makeWorld(e: Experiment, seed: number): World {
  const rng = seededRng(seed);
  const r = () => rng.next();
  const events: Record<string, unknown>[] = [];
  const rows = new Map<string, MetricRow[]>();
  const exposures: World['exposures'] = [];
  const persons = new Map<string, string>();
  const d = e.design;
  let id = 0;
  for (let p = 0; p < 240; p++) {
    // Keys unique to this world: every design's world shares the tenant.
    const tag = e.key.slice(-4);
    const person = `anon:${tag}p${p}`;
    const keys = p % 7 === 0 ? [`${tag}p${p}`, `${tag}u${p}`] : [`${tag}p${p}`];
    if (keys.length > 1) { persons.set(`anon:${tag}p${p}`, person); persons.set(`user:${tag}u${p}`, person); }
    const who = (k: number) => (k === 0 ? { anonymousId: keys[0] } : { userId: keys[1] });
    const creatorId = `cr${p % 9}`;
    const liveId = 'live_1';
    const xs = 1 + (p % 5 === 0 ? 1 : 0);
    for (let x = 0; x < xs; x++) {
      const ts = T0 + Math.floor(r() * 2.5 * DAY);
      let variation: number;
      let cluster = '';
      let unit = '';
      if (d.kind === 'person') variation = x === 1 && p % 10 === 0 ? 1 - (p % 2) : p % 2;
      else if (d.kind === 'cluster') { cluster = creatorId; variation = Number(creatorId.slice(2)) % 2; }
      else { const slot = Math.floor(ts / (d.slotMinutes * 60_000)); unit = cluster = `${liveId}#${slot}`; variation = slot % 2; }
      events.push({ eventId: `${e.key}-x${id++}`, ...who(x % keys.length), name: 'exposure', experimentId: e.id, variantId: e.variations[variation]?.key, platform: 'douyin', ts, creatorId, liveId });
      exposures.push({ person, unit, cluster, variation, ts });
    }
    const list: MetricRow[] = [];
    for (let k = 0; k < 12; k++) {
      const name = NAMES[Math.floor(r() * NAMES.length)] as string;
      const ts = T0 + Math.floor((r() * 23 - 18) * DAY) + (r() < 0.5 ? Math.floor(r() * 4 * DAY) + 18 * DAY : 0);
      const amount = name === 'pay' || name === 'refund' ? 100 + Math.floor(r() * 900) : null;
      const orderId = name === 'pay' ? `o${p}-${Math.floor(r() * 3)}` : null;
      events.push({ eventId: `${e.key}-e${id++}`, ...who(k % keys.length), name, platform: 'douyin', ts, ...(amount !== null ? { amount, currency: 'CNY' } : {}), ...(orderId !== null ? { orderId } : {}), ...(name === 'refund' ? { orderId: `o${p}-0` } : {}), ...(name === 'add_to_cart' ? { productId: 'sku1' } : {}) });
      list.push({ name, ts, amount, orderId: name === 'refund' ? `o${p}-0` : orderId });
    }
    rows.set(person, list);
  }
  return { events, rows, exposures, persons };
}

function reference(e: Experiment, w: World): { moments: Moments[][]; counts: number[]; conflicts: number; burnIn: number } {
  const index = new ExposureIndex(e.design);
  for (const x of w.exposures) index.add(x);
  const metrics = [...e.metrics, ...e.guardrails];
  const clustered = e.design.kind !== 'person';
  const lookback = clustered || !e.analysis.cuped ? 0 : e.analysis.cupedLookbackDays;
  const acc = new MomentAccumulator(e.variations.length, metrics, clustered);
  const counts = index.unitCounts(e.variations.length);
  const conflicts = index.conflicts;
  for (const person of [...index.people()]) {
    for (const u of index.take(person)) acc.add(u.variation, computeUnitMetrics(w.rows.get(person) ?? [], u.ts, Math.min(UNTIL, u.until), metrics, e.analysis.conversionWindowHours, lookback), u.cluster);
  }
  return { moments: acc.finish(), counts, conflicts, burnIn: index.burnIn };
}

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), `${path}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (expected && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

const DESIGNS: [string, Design][] = [
  ['person', { kind: 'person' }], ['cluster', { kind: 'cluster', by: 'creatorId' }], ['switchback', { kind: 'switchback', slotMinutes: 240, burnInMinutes: 30 }],
];

const pg = await openPostgresSchema('pushdown');
if (pg) await pg.db.close();
const engines: [string, Record<string, string>][] = [['embedded (DuckDB)', {}], ...(pg ? [['postgres', { REELPATH_DB_URL: pg.url }] as [string, Record<string, string>]] : [])];

for (const [engine, env] of engines) {
  describe(`report pushdown equals the per-person reference — ${engine}`, () => {
    let t: TestApp | undefined;
    afterAll(async () => { await t?.close(); });
    DESIGNS.forEach(([name, design], k) => {
      it(`${name} design: every metric's moments, unit counts and exclusions`, async () => {
        t ??= await startTestApp({ env });
        const e: Experiment = {
          ...buildExperiment({
            key: `pushdown_${name}`, variations: [{ key: 'a', name: 'A', weight: 0.5 }, { key: 'b', name: 'B', weight: 0.5 }],
            metrics: [
              { key: 'paid', kind: 'conversion', event: 'pay' }, { key: 'carts', kind: 'count', event: 'add_to_cart' }, { key: 'gmv', kind: 'gmv' },
              { key: 'orders', kind: 'orders' }, { key: 'decision', kind: 'decision_time' }, { key: 'day1', kind: 'retention', day: 1 },
              { key: 'aov', kind: 'ratio', numerator: { kind: 'gmv' }, denominator: { kind: 'orders' } },
            ],
            design,
          }, { id: `exp_push${k}`, tenant: 't1', createdAt: T0 }),
          status: 'running', startedAt: T0,
        };
        const w = makeWorld(e, 11 + k);
        const tenant = await t.app.tenants.getTenant('t1');
        for (let i = 0; i < w.events.length; i += 1000) {
          const { ingestBatch } = await import('../../src/flows/ingest-events.flow.js');
          const res = await ingestBatch(t.app, tenant, w.events.slice(i, i + 1000));
          expect(res.rejected).toEqual([]);
        }
        await t.app.events.flush();
        const plan = planReport(e);
        const d = e.design;
        const result = await t.app.events.anchoredMoments('t1', {
          anchorName: 'exposure', anchorAttr: 'experimentId', anchorValues: [e.id, e.key], groupAttr: 'variantId', until: UNTIL, persons: w.persons,
          measures: plan.measures, products: plan.products,
          ...(d.kind === 'cluster' ? { clusterBy: d.by } : {}), ...(d.kind === 'switchback' ? { slotMs: d.slotMinutes * 60_000, burnInMs: d.burnInMinutes * 60_000 } : {}),
        });
        const pushed = momentsOf(e, plan, result);
        const ref = reference(e, w);
        expect(pushed.counts).toEqual(ref.counts);
        expect([result.conflicts, result.burnIn]).toEqual([ref.conflicts, ref.burnIn]);
        expect(ref.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
        if (name === 'person') expect(ref.conflicts).toBeGreaterThan(0);
        if (name === 'switchback') expect(ref.burnIn).toBeGreaterThan(0);
        expectClose(pushed.moments, ref.moments, name);
      });
    });
  });
}

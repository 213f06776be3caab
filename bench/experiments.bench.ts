import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { openDuckDb } from '../src/storage/duckdb-db.js';
import { assignExperiment, buildExperiment, chooseVariation, getBucketRanges, hashFor, runExperiment, type ExperimentInput } from '../src/modules/experiments/index.js';
import { describeMachine, sampleRss } from './machine.js';

const TENANT = 'bench';
const T0 = 1_790_000_000_000;
const HOUR = 3_600_000;

const INPUT: ExperimentInput = {
  key: 'bench_three_arms',
  variations: [{ key: 'a', name: 'A', weight: 1 / 3 }, { key: 'b', name: 'B', weight: 1 / 3 }, { key: 'c', name: 'C', weight: 1 / 3 }],
  metrics: [
    { key: 'paid', kind: 'conversion', event: 'pay' }, { key: 'carted', kind: 'conversion', event: 'add_to_cart' },
    { key: 'clicked', kind: 'conversion', event: 'product_click' }, { key: 'details', kind: 'count', event: 'detail_view' },
    { key: 'net_gmv', kind: 'gmv' }, { key: 'orders', kind: 'orders' }, { key: 'decision', kind: 'decision_time', inverse: true },
    { key: 'day1', kind: 'retention', day: 1 },
  ],
  analysis: { cuped: true },
};

/** Assignments per second on one core: GrowthBook hash + bucket choice, a full GrowthBook run, our definitions path; against the bare FNV-1a hash. */
export function benchAssign(n: number): Record<string, unknown> {
  const ids = Array.from({ length: n }, (_, i) => `anon:${(i * 2654435761) >>> 0}`);
  const ranges = getBucketRanges(3, 1, [1 / 3, 1 / 3, 1 / 3]);
  const e = { ...buildExperiment(INPUT, { id: 'exp_bench', tenant: TENANT, createdAt: T0 }), status: 'running' as const };
  const gb = { key: e.key, variations: [0, 1, 2], weights: [1 / 3, 1 / 3, 1 / 3], hashVersion: 2, seed: e.key };
  const rate = (label: string, body: (id: string) => number): [string, number] => {
    let sink = 0;
    for (let i = 0; i < Math.min(n, 100_000); i++) sink += body(ids[i] as string); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += body(ids[i] as string);
    const seconds = (performance.now() - t0) / 1000;
    if (sink === -1) console.log(sink);
    return [label, Math.round(n / seconds)];
  };
  const results = Object.fromEntries([
    rate('fnvHashPerSecond', (id) => hashFor('', id, 1) as number),
    rate('hashAndBucketPerSecond', (id) => chooseVariation(hashFor(e.seed, id, 2) as number, ranges)),
    rate('growthbookRunPerSecond', (id) => runExperiment({ attributes: { id } }, gb).variationId),
    rate('reelpathAssignPerSecond', (id) => assignExperiment(e, { id }, T0).variationIndex),
  ]);
  return {
    benchmark: 'experiment-assignment', assignments: n, ...results,
    ratioAssignToBareHash: Number(((results.reelpathAssignPerSecond as number) / (results.fnvHashPerSecond as number)).toFixed(2)),
    machine: describeMachine(),
  };
}

async function timeQuery(db: { all(sql: string): Promise<unknown[]> }, sql: string): Promise<number> {
  const t0 = performance.now();
  await db.all(sql);
  return (performance.now() - t0) / 1000;
}

/**
 * The same ten metrics (8 + 2 guardrails, CUPED's pre-period of the primary) as one DuckDB query over
 * exposures `x` joined to the events: what pushing the report down into the event store would cost.
 */
function allMetricsSql(): string {
  const W = 72 * HOUR;
  const LB = 14 * 24 * HOUR;
  const inW = `e.ts BETWEEN x.ts AND x.ts + ${W}`;
  return `WITH u AS (SELECT x.k, x.v,
      max(CASE WHEN e.name = 'pay' AND ${inW} THEN 1 ELSE 0 END) AS paid, max(CASE WHEN e.name = 'pay' AND e.ts BETWEEN x.ts - ${LB} AND x.ts - 1 THEN 1 ELSE 0 END) AS paid_pre,
      max(CASE WHEN e.name = 'add_to_cart' AND ${inW} THEN 1 ELSE 0 END) AS carted, max(CASE WHEN e.name = 'product_click' AND ${inW} THEN 1 ELSE 0 END) AS clicked,
      count(CASE WHEN e.name = 'detail_view' AND ${inW} THEN 1 END) AS details,
      coalesce(sum(CASE WHEN ${inW} THEN (CASE e.name WHEN 'pay' THEN e.amount WHEN 'refund' THEN -e.amount END) END), 0) AS gmv,
      count(DISTINCT CASE WHEN e.name = 'pay' AND ${inW} THEN e.order_id END) AS orders,
      min(CASE WHEN e.name = 'pay' AND ${inW} THEN e.ts END) - x.ts AS decision,
      max(CASE WHEN e.ts BETWEEN x.ts + 86400000 AND x.ts + 2 * 86400000 - 1 THEN 1 ELSE 0 END) AS day1,
      coalesce(sum(CASE WHEN e.name = 'refund' AND ${inW} THEN e.amount END), 0) AS refunded, coalesce(sum(CASE WHEN e.name = 'pay' AND ${inW} THEN e.amount END), 0) AS paid_amount,
      max(CASE WHEN e.name = 'complaint' AND ${inW} THEN 1 ELSE 0 END) AS complained
    FROM x LEFT JOIN events e ON e.tenant = '${TENANT}' AND e.identity_key = x.k AND e.ts BETWEEN x.ts - ${LB} AND x.ts + ${W} + 86400000 GROUP BY x.k, x.v, x.ts)
  SELECT v, count(*), sum(paid), sum(paid_pre), sum(paid * paid_pre), sum(carted), sum(clicked), sum(details), sum(details * details), sum(gmv), sum(gmv::DOUBLE * gmv),
    sum(orders), sum(orders * orders), sum(decision), sum(decision::DOUBLE * decision), count(decision), sum(day1), sum(refunded), sum(refunded::DOUBLE * refunded),
    sum(paid_amount), sum(paid_amount::DOUBLE * paid_amount), sum(refunded::DOUBLE * paid_amount), sum(complained)
  FROM u GROUP BY v ORDER BY v`;
}

/**
 * Seeds `persons` exposed persons (three arms, as `exposure` events) and ~3.5 events per person in the
 * event store (impression for all; product clicks, details, carts, pays, refunds for shrinking shares),
 * then times the full report (8 metrics + 2 guardrails × 3 arms, CUPED on) against plain DuckDB SQL over the
 * same data with the exposures copied into DuckDB: one metric (pay conversion per arm), and all ten as one query.
 */
export async function benchExperimentReport(opts: { persons: number; onProgress?: (phase: string) => void }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-bench-exp-'));
  try {
    const config = loadConfig({ env: { REELPATH_DATA: dir } });
    let app = await createApp(config, { logger: createLogger('silent') });
    await app.tenants.createTenant(TENANT);
    const e = await app.experiments.create(TENANT, INPUT);
    await app.experiments.start(TENANT, e.id);
    await app.close();
    opts.onProgress?.('seed events');
    const duck = await openDuckDb(join(dir, 'events.duckdb'), { memoryLimit: '2GB' });
    const person = 'i // 4';
    await duck.run(`INSERT INTO events SELECT '${TENANT}', 'e' || i,
        CASE i % 4 WHEN 0 THEN 'impression' WHEN 1 THEN (CASE WHEN hash(${person}) % 3 = 0 THEN 'product_click' ELSE 'impression' END)
          WHEN 2 THEN (CASE WHEN hash(${person}) % 7 = 0 THEN 'add_to_cart' WHEN hash(${person}) % 5 = 0 THEN 'detail_view' ELSE 'play' END)
          ELSE (CASE WHEN hash(${person}) % (20 - (${person}) % 3) = 0 THEN 'pay' WHEN hash(${person}) % 97 = 0 THEN 'refund' ELSE 'play' END) END,
        'douyin', ${T0} + (${person} % 86400) * 1000 + (i % 4) * ${HOUR} + 1000, 'anon:p' || (${person}),
        NULL, NULL, NULL, NULL, NULL, 'o' || (${person}), NULL, NULL, 5000, 'CNY', NULL, '{}'
      FROM range(${opts.persons * 4}) t(i) WHERE i % 4 != 3 OR hash(${person}) % 2 = 0`);
    // Exposures are `exposure` events (as /v1/assign writes them): one per person, arms a / b / c.
    await duck.run(`INSERT INTO events SELECT '${TENANT}', 'x' || i, 'exposure', 'douyin', ${T0} + (i % 86400) * 1000, 'anon:p' || i,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        '{"experimentId":"${e.id}","variantId":"' || (['a', 'b', 'c'])[1 + i % 3] || '","properties":{}}'
      FROM range(${opts.persons}) t(i)`);
    const events = Number((await duck.all<{ n: number }>('SELECT count(*) AS n FROM events'))[0]?.n);
    await duck.close();
    app = await createApp(config, { logger: createLogger('silent'), clock: { now: () => T0 + 10 * 24 * HOUR } });
    let seconds: number;
    let peakRssMb: number;
    let decision = '';
    try {
      opts.onProgress?.('report');
      const rss = sampleRss();
      const t0 = performance.now();
      const report = await app.experimentReports.report(TENANT, e.id);
      seconds = (performance.now() - t0) / 1000;
      peakRssMb = rss.stop();
      decision = `${report.decision} (units ${report.srm.counts.join('/')})`;
    } finally {
      await app.close();
    }
    opts.onProgress?.('plain SQL baselines');
    const base = await openDuckDb(join(dir, 'events.duckdb'), { memoryLimit: '2GB' });
    let oneMetricSeconds: number;
    let allMetricsSeconds: number;
    try {
      await base.run(`CREATE TEMP TABLE x AS SELECT 'anon:p' || i AS k, i % 3 AS v, ${T0} + (i % 86400) * 1000 AS ts FROM range(${opts.persons}) t(i)`);
      oneMetricSeconds = await timeQuery(base, `SELECT x.v, count(*) AS n, sum(CASE WHEN p.k IS NULL THEN 0 ELSE 1 END) AS converted FROM x LEFT JOIN
        (SELECT DISTINCT e.identity_key AS k FROM events e JOIN x ON e.identity_key = x.k WHERE e.tenant = '${TENANT}' AND e.name = 'pay' AND e.ts BETWEEN x.ts AND x.ts + 72 * ${HOUR}) p
        ON p.k = x.k GROUP BY 1 ORDER BY 1`);
      allMetricsSeconds = await timeQuery(base, allMetricsSql());
    } finally {
      await base.close();
    }
    return {
      benchmark: 'experiment-report', persons: opts.persons, events, metrics: 10, variations: 3,
      reportSeconds: Number(seconds.toFixed(2)), plainSqlOneMetricSeconds: Number(oneMetricSeconds.toFixed(2)),
      plainSqlAllMetricsSeconds: Number(allMetricsSeconds.toFixed(2)), ratioToAllMetricsSql: Number((seconds / allMetricsSeconds).toFixed(1)),
      peakRssMb, decision, machine: describeMachine(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

/**
 * Seeds `persons` exposed persons (three arms) in the exposure log and ~3.5 events per person in the
 * event store (impression for all; product clicks, details, carts, pays, refunds for shrinking shares),
 * then times the full report (8 metrics + 2 guardrails × 3 arms, CUPED on) against the plain DuckDB SQL
 * of one of its metrics (pay conversion per arm, exposures joined to events in DuckDB).
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
    opts.onProgress?.('seed exposures');
    const sqlite = new Database(join(dir, 'reelpath.sqlite'));
    const insert = sqlite.prepare('INSERT INTO experiment_exposures (tenant, experiment_id, person_id, unit, key, cluster, variation, ts) VALUES (?, ?, ?, \'\', ?, \'\', ?, ?)');
    const batch = sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(TENANT, e.id, `anon:p${i}`, `anon:p${i}`, i % 3, T0 + (i % 86_400) * 1000);
    });
    for (let i = 0; i < opts.persons; i += 200_000) batch(i, Math.min(opts.persons, i + 200_000));
    sqlite.close();
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
    opts.onProgress?.('plain SQL baseline');
    const base = await openDuckDb(join(dir, 'events.duckdb'), { memoryLimit: '2GB' });
    let sqlSeconds: number;
    try {
      await base.run(`CREATE TEMP TABLE x AS SELECT 'anon:p' || i AS k, i % 3 AS v, ${T0} + (i % 86400) * 1000 AS ts FROM range(${opts.persons}) t(i)`);
      const t0 = performance.now();
      await base.all(`SELECT x.v, count(*) AS n, sum(CASE WHEN p.k IS NULL THEN 0 ELSE 1 END) AS converted FROM x LEFT JOIN
        (SELECT DISTINCT e.identity_key AS k FROM events e JOIN x ON e.identity_key = x.k WHERE e.tenant = '${TENANT}' AND e.name = 'pay' AND e.ts BETWEEN x.ts AND x.ts + 72 * ${HOUR}) p
        ON p.k = x.k GROUP BY 1 ORDER BY 1`);
      sqlSeconds = (performance.now() - t0) / 1000;
    } finally {
      await base.close();
    }
    return {
      benchmark: 'experiment-report', persons: opts.persons, events, metrics: 10, variations: 3,
      reportSeconds: Number(seconds.toFixed(2)), plainSqlOneMetricSeconds: Number(sqlSeconds.toFixed(2)),
      ratioToOneMetricSql: Number((seconds / sqlSeconds).toFixed(1)), peakRssMb, decision, machine: describeMachine(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

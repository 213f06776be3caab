import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/shared/logging/logger.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';
import { dataset } from '../harness/data-dir.js';

/**
 * UCI Online Retail through the real `reelpath import`, then retention, repurchase, LTV and RFM from
 * the CLI and the services, checked against an independent path: DuckDB SQL over the raw CSV (its own
 * parsing, money arithmetic, window functions and rank-based scoring), never the importer or our code.
 */
const retail = dataset('uci-online-retail');
const AS_OF = '2011-12-10T00:00:00Z';
/** Non-product stock codes (postage, carriage, manual, discount, fees, samples), per README. */
const NON_PRODUCT = ['POST', 'DOT', 'C2', 'M', 'm', 'D', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS', 'B'];

// The cleaning rules of the README, in SQL: customers only; A… invoices and negative quantities on
// ordinary invoices dropped; C… lines are refunds; amount = round(|qty| × price × 100) pence.
const REFERENCE_SQL = `
CREATE TABLE lines AS
SELECT InvoiceNo AS inv, StockCode AS sc, regexp_replace(CustomerID, '\\.0$', '') AS cust,
       epoch_ms(CAST(InvoiceDate AS TIMESTAMP)) AS ts, InvoiceNo LIKE 'C%' AS refund,
       CAST(round(abs(CAST(Quantity AS INTEGER)) * CAST(UnitPrice AS DECIMAL(18,3)) * 100) AS BIGINT) AS amount
FROM read_csv($file, header = true, all_varchar = true, quote = '"')
WHERE CustomerID <> '' AND InvoiceNo NOT LIKE 'A%' AND CAST(Quantity AS INTEGER) <> 0
  AND NOT (InvoiceNo NOT LIKE 'C%' AND CAST(Quantity AS INTEGER) < 0);
CREATE TABLE orders AS
SELECT cust, inv, min(ts) AS ts, sum(amount) AS gross FROM lines WHERE NOT refund GROUP BY cust, inv HAVING sum(amount) > 0;
CREATE TABLE buyers AS
SELECT o.cust, count(*) AS f, min(o.ts) AS first_ts, max(o.ts) AS last_ts, sum(o.gross) AS gross,
       coalesce((SELECT sum(amount) FROM lines l WHERE l.refund AND l.cust = o.cust), 0) AS refunded
FROM orders o GROUP BY o.cust;
CREATE TABLE offsets AS
SELECT DISTINCT o.cust, strftime(make_timestamp(b.first_ts * 1000), '%Y-%m') AS cohort,
  (year(make_timestamp(o.ts * 1000)) * 12 + month(make_timestamp(o.ts * 1000))) - (year(make_timestamp(b.first_ts * 1000)) * 12 + month(make_timestamp(b.first_ts * 1000))) AS k
FROM orders o JOIN buyers b USING (cust);
CREATE TABLE rfm AS
WITH v AS (SELECT cust, CAST(floor((epoch_ms(TIMESTAMP '2011-12-10 00:00:00') - last_ts) / 86400000) AS BIGINT) AS rd, f, gross - refunded AS m FROM buyers),
n AS (SELECT count(*) AS n FROM v),
s AS (SELECT cust, rd, f, m,
  5 - least(4, (5 * (rank() OVER (ORDER BY rd) - 1)) // n.n) AS r_s,
  1 + least(4, (5 * (rank() OVER (ORDER BY f) - 1)) // n.n) AS f_s,
  1 + least(4, (5 * (rank() OVER (ORDER BY m) - 1)) // n.n) AS m_s FROM v, n)
SELECT *, CASE WHEN r_s >= 3 AND f_s >= 4 THEN 'loyal' WHEN r_s >= 4 AND f_s <= 2 AND m_s >= 3 THEN 'high_potential_new'
  WHEN r_s <= 2 AND f_s >= 3 THEN 'at_risk' WHEN r_s <= 2 AND f_s <= 2 THEN 'dormant' ELSE 'other' END AS layer FROM s`;

let data = '';
let db: DuckDBInstance | undefined;
let sql: DuckDBConnection;
let app: App;

async function rows(query: string): Promise<Record<string, unknown>[]> {
  return (await sql.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
}
const num = (v: unknown): number => Number(v);
const cli = async (args: string[]) => {
  const run = await runReelpath([...args, '--tenant', 'uci', '--json', '--data', data]);
  expect(run.code, run.stderr).toBe(0);
  return run.json();
};

describe.skipIf(retail === undefined)('UCI Online Retail — retention and RFM against DuckDB SQL on the raw CSV', () => {
  beforeAll(async () => {
    data = makeDataDir('rp-uci-');
    const file = join(retail as string, 'online_retail.csv');
    const imported = await runReelpath(['import', file, '--format', 'online-retail', '--tenant', 'uci', '--create-tenant', '--json', '--data', data]);
    expect(imported.code, imported.stderr).toBe(0);
    db = await DuckDBInstance.create(':memory:');
    sql = await db.connect();
    for (const stmt of REFERENCE_SQL.split(';').map((s) => s.trim()).filter(Boolean)) await sql.run(stmt.replace('$file', `'${file.replace(/'/g, "''")}'`));
    app = await createApp(loadConfig({ env: { REELPATH_DATA: data, REELPATH_LOG_LEVEL: 'silent' } }), { logger: createLogger('silent') });
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    sql?.closeSync();
    if (data) removeDataDir(data);
  });

  it('repurchase rate, within 90 days and time between orders', async () => {
    const r = await cli(['retention', 'repurchase', '--within-days', '90', '--to', AS_OF]);
    const [ref] = await rows('SELECT count(*) AS buyers, sum((f >= 2)::INT) AS repeat FROM buyers');
    const [within] = await rows(`WITH o AS (SELECT cust, ts, row_number() OVER (PARTITION BY cust ORDER BY ts, inv) AS rn FROM orders),
      fs AS (SELECT cust, max(CASE WHEN rn = 1 THEN ts END) AS t1, max(CASE WHEN rn = 2 THEN ts END) AS t2 FROM o GROUP BY cust)
      SELECT count(*) AS eligible, sum((t2 IS NOT NULL AND t2 - t1 <= 90::BIGINT * 86400000)::INT) AS repeat FROM fs WHERE t1 + 90::BIGINT * 86400000 <= epoch_ms(TIMESTAMP '2011-12-10')`);
    const [gaps] = await rows(`WITH g AS (SELECT ts - lag(ts) OVER (PARTITION BY cust ORDER BY ts, inv) AS gap FROM orders)
      SELECT count(gap) AS n, avg(gap) AS mean, quantile_cont(gap, 0.5) AS p50, quantile_cont(gap, 0.9) AS p90 FROM g`);
    // Spot-check values (README), then the same figures from SQL.
    expect([r.buyers, r.repeatBuyers, r.within.eligibleBuyers, r.within.repeatBuyers]).toEqual([4_338, 2_845, 3_370, 1_605]);
    expect([r.buyers, r.repeatBuyers]).toEqual([num(ref?.buyers), num(ref?.repeat)]);
    expect(r.repurchaseRate).toBeCloseTo(2_845 / 4_338, 12);
    expect([r.within.eligibleBuyers, r.within.repeatBuyers]).toEqual([num(within?.eligible), num(within?.repeat)]);
    expect(r.timeBetweenOrders.gaps).toBe(num(gaps?.n));
    expect(r.timeBetweenOrders.meanMs).toBeCloseTo(num(gaps?.mean), 3);
    expect(r.timeBetweenOrders.p50Ms).toBeCloseTo(num(gaps?.p50), 3);
    expect(r.timeBetweenOrders.p90Ms).toBeCloseTo(num(gaps?.p90), 3);
  });

  it('monthly first-order cohorts, on and on or after', async () => {
    const on = await cli(['retention', 'cohorts', '--cohort', 'first_order', '--period', 'month', '--mode', 'on', '--periods', '12', '--to', AS_OF]);
    const after = await cli(['retention', 'cohorts', '--cohort', 'first_order', '--period', 'month', '--mode', 'on_or_after', '--periods', '12', '--to', AS_OF]);
    const refOn = await rows('SELECT cohort, k, count(*) AS n FROM offsets GROUP BY ALL');
    const refAfter = await rows('WITH m AS (SELECT cust, cohort, max(k) AS last FROM offsets GROUP BY ALL) SELECT cohort, last, count(*) AS n FROM m GROUP BY ALL');
    // 13 cohorts (2010-12 … 2011-12); the 2010-12 cohort observes all 13 months.
    expect(on.cohorts).toHaveLength(13);
    const dec = on.cohorts[0];
    expect([dec.cohort, dec.size, dec.returned[1], dec.returned[12]]).toEqual(['2010-12', 885, 324, 235]);
    for (const [i, c] of (on.cohorts as { cohort: string; size: number; returned: (number | null)[] }[]).entries()) {
      const expected = c.returned.map((_, k) => (i + k > 12 ? null : refOn.filter((r) => r.cohort === c.cohort && num(r.k) === k).reduce((s, r) => s + num(r.n), 0)));
      expect(c.returned, c.cohort).toEqual(expected);
      const expectedAfter = c.returned.map((_, k) => (i + k > 12 ? null : refAfter.filter((r) => r.cohort === c.cohort && num(r.last) >= k).reduce((s, r) => s + num(r.n), 0)));
      expect(after.cohorts[i].returned, `${c.cohort} on_or_after`).toEqual(expectedAfter);
    }
  });

  it('lifetime value net of refunds per monthly cohort', async () => {
    const l = await app.retention.ltv({ tenant: 'uci', to: Date.parse(AS_OF), limit: 1 });
    const ref = await rows("SELECT strftime(make_timestamp(first_ts * 1000), '%Y-%m') AS cohort, count(*) AS n, sum(gross) AS gross, sum(refunded) AS refunded FROM buyers GROUP BY 1 ORDER BY 1");
    expect([l.buyers, l.gross, l.refunded, l.net]).toEqual([4_338, 891_140_790, 60_093_085, 831_047_705]);
    expect(l.cohorts.map((c) => [c.cohort, c.buyers, c.gross, c.refunded, c.netPerBuyer]))
      .toEqual(ref.map((r) => [r.cohort, num(r.n), num(r.gross), num(r.refunded), Math.round((num(r.gross) - num(r.refunded)) / num(r.n))]));
  });

  it('RFM scores and layers of every customer equal the rank-based SQL scoring', async () => {
    const summary = await cli(['segments', 'rfm', '--as-of', AS_OF]);
    const sizes = Object.fromEntries(summary.layers.map((l: { layer: string; size: number }) => [l.layer, l.size]));
    expect(sizes).toEqual({ loyal: 1_292, high_potential_new: 185, at_risk: 392, dormant: 1_335, other: 1_134 });
    const ref = await rows('SELECT cust, rd, f, m, r_s, f_s, m_s, layer FROM rfm');
    expect(Object.fromEntries((await rows('SELECT layer, count(*) AS n FROM rfm GROUP BY 1')).map((r) => [r.layer, num(r.n)]))).toEqual(sizes);
    const persons = await app.identity.resolver('uci');
    const customerOf = new Map([...persons].filter(([k]) => k.startsWith('buyer:web:')).map(([k, p]) => [p, k.slice('buyer:web:'.length)]));
    const page = await app.segments.members({ tenant: 'uci', asOf: Date.parse(AS_OF) });
    const ours = new Map(page.members.map((m) => [customerOf.get(m.personId), [m.recencyDays, m.frequency, m.monetary, m.r, m.f, m.m, m.layer]]));
    expect(ours.size).toBe(ref.length);
    for (const r of ref) expect(ours.get(String(r.cust)), `customer ${String(r.cust)}`).toEqual([num(r.rd), num(r.f), num(r.m), num(r.r_s), num(r.f_s), num(r.m_s), r.layer]);
  });

  it('excluding non-product lines leaves the customers who bought goods', async () => {
    const r = await cli(['retention', 'repurchase', '--to', AS_OF, '--exclude-products', NON_PRODUCT.join(',')]);
    const list = NON_PRODUCT.map((c) => `'${c}'`).join(',');
    const [ref] = await rows(`WITH o AS (SELECT cust, inv FROM lines WHERE NOT refund AND sc NOT IN (${list}) GROUP BY ALL HAVING sum(amount) > 0)
      SELECT count(DISTINCT cust) AS buyers, count(*) AS orders FROM o`);
    expect(r.buyers).toBe(num(ref?.buyers));
    expect(r.buyers).toBeLessThan(4_338);
  });
});

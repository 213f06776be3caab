import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { dataset } from '../harness/data-dir.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

// The funnel view → cart → purchase on the real samples, imported and computed by Reelpath, equals the
// same definition written as plain SQL and run by DuckDB directly on the raw CSV: ClickHouse windowFunnel
// semantics with a 24 h window — every view starts an attempt, a cart counts at or after the view (equal
// seconds allowed, steps ordered by index), the purchase at or after the cart, both within 24 h of the
// view — and each person is counted at the best level any attempt reached.
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) removeDataDir(d); });

const WINDOW_MS = 86_400_000;

/** The windowFunnel definition over a relation `e(u, step, ts)` with steps 0, 1, 2. */
const FUNNEL_SQL = `
  WITH v AS (SELECT u, ts FROM e WHERE step = 0), c AS (SELECT u, ts FROM e WHERE step = 1), p AS (SELECT u, ts FROM e WHERE step = 2),
  a AS (SELECT v.u, v.ts AS t0, (SELECT min(c.ts) FROM c WHERE c.u = v.u AND c.ts >= v.ts AND c.ts <= v.ts + ${WINDOW_MS}) AS t1 FROM v),
  b AS (SELECT a.u, a.t1, (SELECT min(p.ts) FROM p WHERE p.u = a.u AND a.t1 IS NOT NULL AND p.ts >= a.t1 AND p.ts <= a.t0 + ${WINDOW_MS}) AS t2 FROM a),
  best AS (SELECT u, max(1 + (t1 IS NOT NULL)::INT + (t2 IS NOT NULL)::INT) AS level FROM b GROUP BY u)
  SELECT count(*) FILTER (WHERE level >= 1) AS s0, count(*) FILTER (WHERE level >= 2) AS s1, count(*) FILTER (WHERE level >= 3) AS s2 FROM best`;

async function plainSql(source: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`WITH e AS (${source}) ${FUNNEL_SQL.replace(/^\s*WITH /, ', ')}`);
    return (reader.getRows()[0] as bigint[]).map(Number);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function reelpathFunnel(file: string, format: string, steps: string): Promise<number[]> {
  const data = makeDataDir();
  dirs.push(data);
  const imported = await runReelpath(['import', file, '--format', format, '--tenant', 'shop-r', '--create-tenant', '--json', '--data', data]);
  expect(imported.code).toBe(0);
  const funnel = await runReelpath(['funnel', '--tenant', 'shop-r', '--steps', steps, '--window', '24h', '--next-events', '0', '--json', '--data', data]);
  expect(funnel.code).toBe(0);
  return funnel.json().overall.steps.map((s: { count: number }) => s.count);
}

const rees46 = dataset('rees46-ecommerce-sample');
const taobao = dataset('taobao-userbehavior-sample');

describe('funnel view → cart → purchase on real data equals plain SQL on the raw CSV', () => {
  it.skipIf(!rees46)('REES46 2019-Oct sample', async () => {
    const file = join(rees46 ?? '', '2019-Oct_head_sample.csv');
    const expected = await plainSql(`SELECT user_id AS u, list_position(['view', 'cart', 'purchase'], event_type) - 1 AS step,
      epoch_ms(strptime(replace(event_time, ' UTC', ''), '%Y-%m-%d %H:%M:%S')) AS ts
      FROM read_csv('${file}', header = true, all_varchar = true, ignore_errors = true,
        columns = {event_time: 'VARCHAR', event_type: 'VARCHAR', product_id: 'VARCHAR', category_id: 'VARCHAR', category_code: 'VARCHAR', brand: 'VARCHAR', price: 'VARCHAR', user_id: 'VARCHAR', user_session: 'VARCHAR'})
      WHERE user_session IS NOT NULL AND event_type IN ('view', 'cart', 'purchase')`);
    expect(expected[0]).toBeGreaterThan(4000);
    expect(expected[2]).toBeGreaterThan(0);
    expect(await reelpathFunnel(file, 'rees46', 'detail_view,add_to_cart,pay')).toEqual(expected);
  }, 120_000);

  it.skipIf(!taobao)('Taobao UserBehavior sample (buy maps to order: the file carries no amount)', async () => {
    const file = join(taobao ?? '', 'UserBehavior_head_sample.csv');
    const expected = await plainSql(`SELECT user_id AS u, list_position(['pv', 'cart', 'buy'], behavior) - 1 AS step, ts * 1000 AS ts
      FROM read_csv('${file}', header = false, ignore_errors = true,
        columns = {user_id: 'VARCHAR', item_id: 'VARCHAR', category_id: 'VARCHAR', behavior: 'VARCHAR', ts: 'BIGINT'})
      WHERE ts IS NOT NULL AND behavior IN ('pv', 'cart', 'buy')`);
    expect(expected[0]).toBeGreaterThan(700);
    expect(await reelpathFunnel(file, 'taobao', 'detail_view,add_to_cart,order')).toEqual(expected);
  }, 120_000);
});

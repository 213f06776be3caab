import type { AnchoredGroup, AnchoredMeasure, AnchoredQuery, AnchoredResult } from '../events.store.js';
import type { BuiltQuery } from './event-queries.js';

/**
 * The SQL of anchored aggregation (`EventStore.anchoredMoments`), written once for DuckDB and
 * PostgreSQL: the dialect differs only in JSON access, "value at the earliest time" and the
 * key → person table. One query: anchors → units (earliest anchor, conflicts out) → per-unit measures
 * over the joined events → clusters (optional) → per-group moments.
 */
export type Dialect = 'duckdb' | 'postgres';

const attr = (d: Dialect, column: string, name: string): string =>
  (d === 'duckdb' ? `json_extract_string(${column}, '$.${name}')` : `(CAST(${column} AS jsonb) ->> '${name}')`);
const earliest = (d: Dialect, value: string, ts: string): string =>
  (d === 'duckdb' ? `arg_min(${value}, ${ts})` : `(array_agg(${value} ORDER BY ${ts}))[1]`);
const remapTable = (d: Dialect): string =>
  (d === 'duckdb' ? "SELECT key AS k, json_extract_string(value, '$') AS p FROM json_each(?)" : 'SELECT key AS k, value AS p FROM json_each_text(CAST(? AS json))');
const DOUBLE = 'DOUBLE PRECISION';
const COLUMN = { creatorId: 'creator_id', liveId: 'live_id' } as const;

function list(values: readonly string[], params: (string | number)[]): string {
  params.push(...values);
  return values.map(() => '?').join(', ');
}

/** An event of the unit inside the measure's window, cut at the unit's end. */
const windowSql = (m: AnchoredMeasure): string => `ev.ts >= x.ts + ${Math.trunc(m.from)} AND ev.ts <= LEAST(x.ts + ${Math.trunc(m.to)}, x.x_end)`;

/** One measure's per-unit expression (x = the unit, ev = its events). */
function measureSql(m: AnchoredMeasure, params: (string | number)[]): string {
  const win = windowSql(m);
  // Placeholders are pushed as each piece is written, so params keep the text's order.
  const named = (): string => (m.names && m.names.length > 0 ? `ev.name IN (${list(m.names, params)})` : 'ev.name IS NOT NULL');
  let expr: string;
  switch (m.op) {
    case 'any': expr = `MAX(CASE WHEN ${win} AND ${named()} THEN 1 ELSE 0 END)`; break;
    case 'count': expr = `SUM(CASE WHEN ${win} AND ${named()} THEN 1 ELSE 0 END)`; break;
    case 'sum': {
      const positive = named();
      const negate = m.negate && m.negate.length > 0 ? ` WHEN ${win} AND ev.name IN (${list(m.negate, params)}) THEN -GREATEST(COALESCE(ev.amount, 0), 0)` : '';
      expr = `COALESCE(SUM(CASE WHEN ${win} AND ${positive} THEN COALESCE(ev.amount, 0)${negate} END), 0)`;
      break;
    }
    // Distinct orders are counted in a CTE of their own (ordersCte): a DISTINCT in the main aggregate keeps
    // a hash set per unit, which does not spill and ran DuckDB out of its memory limit at 1 M units.
    case 'orders': throw new Error('orders measures are built by ordersCte');
    case 'firstDelayHours': expr = `COALESCE(CAST(MIN(CASE WHEN ${win} AND ${named()} THEN ev.ts END) - x.ts AS ${DOUBLE}) / 3600000.0, 0)`; break;
  }
  return m.complete ? `CASE WHEN x.ts + ${Math.trunc(m.to)} <= x.x_end THEN ${expr} END` : expr;
}

/** The distinct orders of one `orders` measure per unit, over pay rows only (few), joined back by unit. */
function ordersCte(i: number, m: AnchoredMeasure, params: (string | number)[]): string {
  const win = windowSql(m);
  const named = m.names && m.names.length > 0 ? ` AND ev.name IN (${list(m.names, params)})` : '';
  return `o${i} AS (SELECT x.u, x.slot, COUNT(DISTINCT ev.order_id) + SUM(CASE WHEN ev.order_id IS NULL THEN 1 ELSE 0 END) AS m
    FROM x JOIN ev ON ev.u = x.u AND ${win}${named} GROUP BY x.u, x.slot)`;
}

/** Builds the one query of anchored aggregation. */
export function anchoredMomentsQuery(d: Dialect, tenant: string, q: AnchoredQuery): BuiltQuery & { readonly measures: number; readonly products: number } {
  const params: (string | number)[] = [];
  const remap = q.persons.size > 0;
  const ctes: string[] = [];
  if (remap) { ctes.push(`remap AS (${remapTable(d)})`); params.push(JSON.stringify(Object.fromEntries(q.persons))); }
  const unitOf = (alias: string): string => (remap ? `COALESCE(r_${alias}.p, ${alias}.identity_key)` : `${alias}.identity_key`);
  const joinRemap = (alias: string): string => (remap ? ` LEFT JOIN remap r_${alias} ON r_${alias}.k = ${alias}.identity_key` : '');
  const clusterColumn = q.clusterBy ? COLUMN[q.clusterBy] : q.slotMs ? 'live_id' : undefined;
  params.push(tenant, q.anchorName);
  const anchorValues = list(q.anchorValues, params);
  params.push(q.until);
  const slot = q.slotMs ? `CAST(FLOOR(CAST(a.ts AS ${DOUBLE}) / ${Math.trunc(q.slotMs)}) AS BIGINT)` : '0';
  ctes.push(`a0 AS (SELECT ${unitOf('a')} AS u, a.ts, ${attr(d, 'a.attrs', q.groupAttr)} AS g, ${clusterColumn ? `COALESCE(a.${clusterColumn}, '')` : "''"} AS c, ${slot} AS slot
    FROM events a${joinRemap('a')} WHERE a.tenant = ? AND a.name = ? AND ${attr(d, 'a.attrs', q.anchorAttr)} IN (${anchorValues}) AND a.ts <= ?)`);
  const burnIn = q.slotMs ? `ts - slot * ${Math.trunc(q.slotMs)} < ${Math.trunc(q.burnInMs ?? 0)}` : 'FALSE';
  const slotEnd = q.slotMs ? `LEAST(${Math.trunc(q.until)}, (slot + 1) * ${Math.trunc(q.slotMs)} - 1)` : `${Math.trunc(q.until)}`;
  const cluster = q.slotMs ? `c || '#' || CAST(slot AS VARCHAR)` : earliest(d, 'c', 'ts');
  ctes.push(`x0 AS (SELECT u, slot, MIN(ts) AS ts, ${earliest(d, 'g', 'ts')} AS g, ${cluster} AS c, COUNT(DISTINCT g) AS ng, ${slotEnd} AS x_end
    FROM a0 WHERE NOT (${burnIn}) GROUP BY u, slot${q.slotMs ? ', c' : ''})`);
  ctes.push('x AS (SELECT * FROM x0 WHERE ng = 1)');
  const lows = q.measures.map((m) => m.from);
  const highs = q.measures.map((m) => m.to);
  const names = q.measures.every((m) => m.names && m.names.length > 0) ? [...new Set(q.measures.flatMap((m) => [...(m.names ?? []), ...(m.negate ?? [])]))] : undefined;
  params.push(tenant, q.anchorName);
  const nameFilter = names ? ` AND e.name IN (${list(names, params)})` : '';
  ctes.push(`ev AS NOT MATERIALIZED (SELECT ${unitOf('e')} AS u, e.name, e.ts, e.amount, e.order_id FROM events e${joinRemap('e')}
    WHERE e.tenant = ? AND e.name <> ?${nameFilter} AND e.ts >= (SELECT MIN(ts) FROM x) + ${Math.trunc(Math.min(...lows))} AND e.ts <= ${Math.trunc(q.until)})`);
  const measures = q.measures.flatMap((m, i) => (m.op === 'orders' ? [] : [`${measureSql(m, params)} AS m${i}`]));
  ctes.push(`pu AS (SELECT x.u, x.slot, x.g, x.c, x.ts, x.x_end${measures.map((m) => `, ${m}`).join('')} FROM x LEFT JOIN ev ON ev.u = x.u AND ev.ts >= x.ts + ${Math.trunc(Math.min(...lows))} AND ev.ts <= LEAST(x.ts + ${Math.trunc(Math.max(...highs))}, x.x_end)
    GROUP BY x.u, x.slot, x.g, x.c, x.ts, x.x_end)`);
  const orders = q.measures.flatMap((m, i) => (m.op === 'orders' ? [i] : []));
  for (const i of orders) ctes.push(ordersCte(i, q.measures[i] as AnchoredMeasure, params));
  const joined = orders.map((i) => {
    const m = q.measures[i] as AnchoredMeasure;
    const value = `COALESCE(o${i}.m, 0)`;
    return `${m.complete ? `CASE WHEN pu.ts + ${Math.trunc(m.to)} <= pu.x_end THEN ${value} END` : value} AS m${i}`;
  });
  ctes.push(`pw AS (SELECT pu.*${joined.map((j) => `, ${j}`).join('')} FROM pu${orders.map((i) => ` LEFT JOIN o${i} ON o${i}.u = pu.u AND o${i}.slot = pu.slot`).join('')})`);
  const clustered = Boolean(clusterColumn);
  const perCluster = q.measures.map((_, i) => clustered
    ? `SUM(CAST(m${i} AS ${DOUBLE})) AS mm${i}, COUNT(m${i}) AS cc${i}`
    : `CAST(m${i} AS ${DOUBLE}) AS mm${i}, CASE WHEN m${i} IS NULL THEN 0 ELSE 1 END AS cc${i}`);
  ctes.push(`cu AS (SELECT g, ${perCluster.join(', ')} FROM pw${clustered ? ' GROUP BY g, c' : ''})`);
  const moments = q.measures.map((_, i) => `COUNT(CASE WHEN cc${i} > 0 THEN 1 END) AS n${i}, COALESCE(SUM(mm${i}), 0) AS s${i}, COALESCE(SUM(mm${i} * mm${i}), 0) AS q${i},
    SUM(cc${i}) AS c${i}, SUM(cc${i} * cc${i}) AS cq${i}, COALESCE(SUM(mm${i} * cc${i}), 0) AS mc${i}`);
  const products = q.products.map(([i, j], k) => `COALESCE(SUM(mm${i} * mm${j}), 0) AS p${k}`);
  const conflicts = `(SELECT COUNT(*) FROM x0 WHERE ng > 1) AS conflicts`;
  const burned = q.slotMs ? `(SELECT COUNT(*) FROM a0 WHERE ${burnIn}) AS burned` : '0 AS burned';
  const sql = `WITH ${ctes.join(',\n')}
    SELECT g, COUNT(*) AS units, ${[...moments, ...products].join(', ')}, ${conflicts}, ${burned} FROM cu GROUP BY g ORDER BY g`;
  return { sql, params, measures: q.measures.length, products: q.products.length };
}

/** Reads the query's rows into per-group moments. */
export function readAnchoredMoments(rows: readonly Record<string, unknown>[], shape: { measures: number; products: number }): AnchoredResult {
  const num = (v: unknown): number => Number(v ?? 0);
  const groups: AnchoredGroup[] = rows.filter((r) => r.g !== null && r.g !== undefined).map((r) => ({
    group: String(r.g), units: num(r.units),
    measures: Array.from({ length: shape.measures }, (_, i) => ({
      n: num(r[`n${i}`]), sum: num(r[`s${i}`]), sumSquares: num(r[`q${i}`]), count: num(r[`c${i}`]), countSquares: num(r[`cq${i}`]), sumByCount: num(r[`mc${i}`]),
    })),
    products: Array.from({ length: shape.products }, (_, k) => num(r[`p${k}`])),
  }));
  const first = rows[0];
  return { groups, conflicts: num(first?.conflicts), burnIn: num(first?.burned) };
}

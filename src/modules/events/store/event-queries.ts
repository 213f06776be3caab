import { EVENT_COLUMNS, type EventColumn } from './event-columns.js';
import { OPTIONAL_ANALYSIS_FIELDS, type AnalysisRow, type EventQuery, type OptionalAnalysisField } from '../events.store.js';

/**
 * Event SQL written once for every engine: all builders use `?` placeholders (DuckDB reads them as
 * is; the Postgres driver rewrites them) and only standard SQL.
 */
export interface BuiltQuery { readonly sql: string; readonly params: (string | number)[] }

/** WHERE clause for a tenant and an EventQuery. */
export function whereClause(tenant: string, query: EventQuery = {}): BuiltQuery {
  const parts = ['tenant = ?'];
  const params: (string | number)[] = [tenant];
  if (query.names && query.names.length > 0) {
    parts.push(`name IN (${query.names.map(() => '?').join(', ')})`);
    params.push(...query.names);
  }
  if (query.from !== undefined) { parts.push('ts >= ?'); params.push(query.from); }
  if (query.to !== undefined) { parts.push('ts < ?'); params.push(query.to); }
  return { sql: parts.join(' AND '), params };
}

export function countByNameQuery(tenant: string, query?: EventQuery): BuiltQuery {
  const w = whereClause(tenant, query);
  return { sql: `SELECT name, COUNT(*) AS n FROM events WHERE ${w.sql} GROUP BY name`, params: w.params };
}

const columnOf = (field: OptionalAnalysisField): string => (EVENT_COLUMNS.find((c) => c.field === field) as EventColumn).column;

/** An analysis scan: its SQL and the AnalysisRow field of each selected column, in order. */
export interface AnalysisQuery extends BuiltQuery { readonly fields: readonly (keyof AnalysisRow)[] }

/** The analysis scan of a tenant: the always-read fields, the optional ones asked for (all by default), attrs on request. */
export function analysisRowsQuery(tenant: string, query?: EventQuery): AnalysisQuery {
  const w = whereClause(tenant, query);
  const optional = OPTIONAL_ANALYSIS_FIELDS.filter((f) => !query?.fields || query.fields.includes(f));
  const fields: (keyof AnalysisRow)[] = ['identityKey', 'name', 'ts', 'platform', ...optional, ...(query?.withAttrs ? ['attrs' as const] : [])];
  const columns = ['identity_key', 'name', 'ts', 'platform', ...optional.map(columnOf), ...(query?.withAttrs ? ['attrs'] : [])];
  return { sql: `SELECT ${columns.join(', ')} FROM events WHERE ${w.sql} ORDER BY identity_key, ts`, params: w.params, fields };
}

export function findQuery(tenant: string, eventId: string): BuiltQuery {
  return { sql: 'SELECT * FROM events WHERE tenant = ? AND event_id = ?', params: [tenant, eventId] };
}

function inList(values: readonly string[]): string {
  return values.length === 0 ? '(NULL)' : `(${values.map(() => '?').join(', ')})`;
}

export function listByIdentityQuery(tenant: string, keys: readonly string[], limit: number): BuiltQuery {
  return {
    sql: `SELECT * FROM events WHERE tenant = ? AND identity_key IN ${inList(keys)} ORDER BY ts DESC LIMIT ${Math.max(0, Math.floor(limit))}`,
    params: [tenant, ...keys],
  };
}

export function deleteByIdentityQuery(tenant: string, keys: readonly string[], phoneHashes: readonly string[]): BuiltQuery {
  return {
    sql: `DELETE FROM events WHERE tenant = ? AND (identity_key IN ${inList(keys)} OR phone_hash IN ${inList(phoneHashes)})`,
    params: [tenant, ...keys, ...phoneHashes],
  };
}

/** Converts a raw analysis row (snake_case columns) to an AnalysisRow. */
export function toAnalysisRow(r: Record<string, unknown>): AnalysisRow {
  const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    identityKey: String(r.identity_key), name: String(r.name), ts: Number(r.ts), platform: String(r.platform),
    creatorId: s(r.creator_id), videoId: s(r.video_id), liveId: s(r.live_id), productId: s(r.product_id),
    categoryId: s(r.category_id), priceBand: s(r.price_band), amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
    sessionId: s(r.session_id), orderId: s(r.order_id),
    ...(r.attrs === undefined ? {} : { attrs: s(r.attrs) }),
  };
}

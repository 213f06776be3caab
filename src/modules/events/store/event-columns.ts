import type { CanonicalEvent } from '../domain/event-model.js';
import { primaryIdentityKey } from '../domain/identity-keys.js';

/**
 * The one column layout of the `events` table, shared by every adapter: field name, column name and
 * type. Adapters build DDL, inserts and row decoding from this table instead of copying SQL.
 *
 * Only fields that analysis filters, groups or joins on get a column; every other field travels in
 * the `attrs` JSON column. Measured on DuckDB (docs/adr/0002): appending 35 columns ran at half the
 * speed of 18, and the narrow table is what lets embedded ingestion reach its target.
 */
export type ColumnType = 'text' | 'int';
export interface EventColumn { readonly field: string; readonly column: string; readonly type: ColumnType; readonly notNull?: boolean }

const c = (field: string, column: string, type: ColumnType, notNull = false): EventColumn => ({ field, column, type, notNull });

export const EVENT_COLUMNS: readonly EventColumn[] = [
  c('tenant', 'tenant', 'text', true), c('eventId', 'event_id', 'text', true), c('name', 'name', 'text', true),
  c('platform', 'platform', 'text', true), c('ts', 'ts', 'int', true), c('identityKey', 'identity_key', 'text', true),
  c('sessionId', 'session_id', 'text'), c('videoId', 'video_id', 'text'), c('creatorId', 'creator_id', 'text'),
  c('liveId', 'live_id', 'text'), c('productId', 'product_id', 'text'), c('orderId', 'order_id', 'text'),
  c('categoryId', 'category_id', 'text'), c('priceBand', 'price_band', 'text'), c('amount', 'amount', 'int'),
  c('currency', 'currency', 'text'), c('phoneHash', 'phone_hash', 'text'), c('attrs', 'attrs', 'text', true),
];

const COLUMN_FIELDS: ReadonlySet<string> = new Set(EVENT_COLUMNS.map((col) => col.field));

/** A stored event: the canonical event plus the identity key it resolved under at ingest. */
export type StoredEvent = CanonicalEvent & { identityKey: string };

/** Adds the identity key to a validated event. */
export function toStored(event: CanonicalEvent): StoredEvent {
  // Validated events are fresh objects owned by the batch: tag in place instead of copying.
  const stored = event as StoredEvent;
  stored.identityKey = primaryIdentityKey(event);
  return stored;
}

/**
 * The ingest-log record of an event (docs/adr/0008): its column fields at the top level and every other
 * field in an `attrs` object, so that DuckDB's `read_json` loads it straight into the table.
 */
export function toLogRecord(event: StoredEvent): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  const record: Record<string, unknown> = { attrs };
  for (const k in event) {
    const v = (event as unknown as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (COLUMN_FIELDS.has(k)) record[k] = v;
    else attrs[k] = v;
  }
  return record;
}

/** The `attrs` JSON of an event: every field without a column of its own, properties included. */
function encodeAttrs(event: StoredEvent): string {
  return JSON.stringify(toLogRecord(event).attrs);
}

/** Encodes an event into column values in EVENT_COLUMNS order (null for absent). */
export function encodeRow(event: StoredEvent): (string | number | null)[] {
  const e = event as unknown as Record<string, unknown>;
  return EVENT_COLUMNS.map((col) => {
    if (col.field === 'attrs') return encodeAttrs(event);
    const v = e[col.field];
    return v === undefined || v === null ? null : (v as string | number);
  });
}

/** Decodes a row keyed by column name back into a stored event. */
export function decodeRow(row: Record<string, unknown>): StoredEvent {
  const out: Record<string, unknown> = {};
  for (const col of EVENT_COLUMNS) {
    const v = row[col.column];
    if (v === undefined || v === null) continue;
    if (col.field === 'attrs') Object.assign(out, JSON.parse(String(v)));
    else out[col.field] = col.type === 'int' ? Number(v) : String(v);
  }
  out.properties ??= {};
  return out as unknown as StoredEvent;
}

/** `CREATE TABLE` for the events table in an engine whose integer type is `intType`. */
export function eventsDdl(intType: string, primaryKey: boolean): string {
  const cols = EVENT_COLUMNS.map((col) => `${col.column} ${col.type === 'int' ? intType : 'TEXT'}${col.notNull ? ' NOT NULL' : ''}`);
  if (primaryKey) cols.push('PRIMARY KEY (tenant, event_id)');
  return `CREATE TABLE IF NOT EXISTS events (${cols.join(', ')})`;
}

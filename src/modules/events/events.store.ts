import type { StoredEvent } from './store/event-columns.js';

/** Filters shared by event reads. Time bounds are inclusive `from`, exclusive `to`, in epoch ms. */
export interface EventQuery {
  readonly names?: readonly string[] | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** Analysis rows also carry `attrs` (the JSON of every field without a column), for property filters. */
  readonly withAttrs?: boolean | undefined;
  /** Analysis rows read only these optional fields (the others are null); all of them when absent. */
  readonly fields?: readonly OptionalAnalysisField[] | undefined;
}

/** The analysis-row fields a scan may leave out (identity key, name, time and platform are always read). */
export const OPTIONAL_ANALYSIS_FIELDS = ['creatorId', 'videoId', 'liveId', 'productId', 'categoryId', 'priceBand', 'amount', 'sessionId', 'orderId'] as const;
export type OptionalAnalysisField = (typeof OPTIONAL_ANALYSIS_FIELDS)[number];

/** A light row for funnel and path analysis: who, what, when, and the breakdown dimensions. */
export interface AnalysisRow {
  identityKey: string;
  name: string;
  ts: number;
  platform: string;
  creatorId: string | null;
  videoId: string | null;
  liveId: string | null;
  productId: string | null;
  categoryId: string | null;
  priceBand: string | null;
  amount: number | null;
  sessionId: string | null;
  orderId: string | null;
  /** The `attrs` JSON text, only when the query asked `withAttrs`. */
  attrs?: string | null;
}

/** The breakdown dimensions an AnalysisRow carries. */
export const ANALYSIS_DIMENSIONS = ['platform', 'creatorId', 'videoId', 'liveId', 'productId', 'categoryId', 'priceBand'] as const;

/**
 * The events port. Every adapter passes `events.store.contract.ts`.
 * Idempotency is the adapter's job: one stored copy per (tenant, eventId), whatever the retries.
 */
export interface EventStore {
  readonly engine: 'duckdb' | 'postgres';
  /** Creates tables and loads whatever the adapter needs (idempotent). */
  init(): Promise<void>;
  /**
   * Stores events durably, in one transaction. Returns, per input index, true when the event was
   * stored now and false when that (tenant, eventId) was already stored (or repeats earlier in `events`).
   */
  append(events: readonly StoredEvent[]): Promise<boolean[]>;
  /** Counts events per name. */
  countByName(tenant: string, query?: EventQuery): Promise<Record<string, number>>;
  /** Reads analysis rows ordered by identity key, then time. */
  scanAnalysisRows(tenant: string, query?: EventQuery): Promise<AnalysisRow[]>;
  /** The same rows in the same order, in batches, so a long scan never has to be held in memory at once. */
  streamAnalysisRows(tenant: string, query?: EventQuery): AsyncIterable<AnalysisRow[]>;
  /** Reads one event. */
  find(tenant: string, eventId: string): Promise<StoredEvent | undefined>;
  /** Reads the events whose identity key is one of `keys`, newest first. */
  listByIdentity(tenant: string, keys: readonly string[], limit: number): Promise<StoredEvent[]>;
  /** Deletes every event whose identity key is in `keys` or that carries one of `phoneHashes`. */
  deleteByIdentity(tenant: string, keys: readonly string[], phoneHashes: readonly string[]): Promise<number>;
  /** Flushes and closes the store. */
  close(): Promise<void>;
}

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
 * One per-unit quantity over the events around a unit's anchor (anchored aggregation), within
 * [anchor + from, anchor + to] ms (inclusive), cut at the unit's end (the observation end, or its slot's end).
 * - `any`: 1 when an event of `names` happened, else 0; `count`: how many;
 * - `sum`: Σ amount of `names` minus Σ amount of `negate` (each at least 0), e.g. net GMV;
 * - `orders`: distinct orderIds of `names` rows, rows without one counting once each;
 * - `firstDelayHours`: hours from the anchor to the first `names` event, 0 when none.
 * `names` absent = every event but the anchors. `complete`: the unit counts for this measure only once
 * anchor + to has passed its end (null before), e.g. day-N retention.
 */
export interface AnchoredMeasure {
  readonly op: 'any' | 'count' | 'sum' | 'orders' | 'firstDelayHours';
  readonly names?: readonly string[] | undefined;
  readonly negate?: readonly string[] | undefined;
  readonly from: number;
  readonly to: number;
  readonly complete?: boolean | undefined;
}

/**
 * Aggregation anchored on marker events (experiment exposures): units are the persons (identity keys,
 * merged through `persons`) whose anchor events carry `anchorAttr` ∈ `anchorValues`; each unit's group
 * is the `groupAttr` of its earliest anchor (units whose anchors disagree are excluded and counted).
 * `clusterBy` sums units into clusters (by a column of the earliest anchor) and reports cluster-level
 * moments; `slotMs` makes each (unit, time slot) its own unit, clustered by column + slot, dropping
 * anchors in a slot's first `burnInMs`.
 */
export interface AnchoredQuery {
  readonly anchorName: string;
  readonly anchorAttr: string;
  readonly anchorValues: readonly string[];
  readonly groupAttr: string;
  /** The observation end (inclusive), UTC epoch ms. */
  readonly until: number;
  readonly clusterBy?: 'creatorId' | 'liveId' | undefined;
  readonly slotMs?: number | undefined;
  readonly burnInMs?: number | undefined;
  /** identity key → person, for persons known under several keys (others are their own unit). */
  readonly persons: ReadonlyMap<string, string>;
  readonly measures: readonly AnchoredMeasure[];
  /** Pairs of measure indices whose per-unit (per-cluster) products are summed. */
  readonly products: readonly (readonly [number, number])[];
}

/**
 * Moments of one measure over a group's units (persons, or clusters when clustered). Per unit, M is the
 * measure (a cluster's sum over its persons) and C the number of persons it was observable for (1 or 0
 * for a person): n = units with C > 0, Σ M, Σ M², Σ C, Σ C², Σ M·C.
 */
export interface MeasureMoments {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
  readonly count: number;
  readonly countSquares: number;
  readonly sumByCount: number;
}

export interface AnchoredGroup {
  readonly group: string;
  /** Randomisation units: persons, or clusters. */
  readonly units: number;
  readonly measures: readonly MeasureMoments[];
  /** Σ M_i·M_j per requested pair. */
  readonly products: readonly number[];
}

export interface AnchoredResult {
  readonly groups: readonly AnchoredGroup[];
  /** Units excluded because their anchors named different groups. */
  readonly conflicts: number;
  /** Anchors dropped for falling in a slot's burn-in. */
  readonly burnIn: number;
}

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
  /** Per-unit measures around anchor events, folded into per-group moments in the engine (one query). */
  anchoredMoments(tenant: string, query: AnchoredQuery): Promise<AnchoredResult>;
  /** Deletes every event whose identity key is in `keys` or that carries one of `phoneHashes`. */
  deleteByIdentity(tenant: string, keys: readonly string[], phoneHashes: readonly string[]): Promise<number>;
  /** Flushes and closes the store. */
  close(): Promise<void>;
}

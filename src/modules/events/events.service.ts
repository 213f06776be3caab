import type { Clock } from '../../shared/time.js';
import type { ErrorCode } from '../../shared/errors/index.js';
import { BatchWriter } from './batch-writer.js';
import type { CanonicalEvent } from './domain/event-model.js';
import { validateEvent, type ValidationContext } from './domain/event-validate.js';
import type { AnalysisRow, AnchoredQuery, AnchoredResult, EventQuery, EventStore } from './events.store.js';
import { toStored, type StoredEvent } from './store/event-columns.js';

/** One rejected item of a batch. */
export interface Rejection { readonly index: number; readonly code: ErrorCode; readonly reason: string }

/** Ingestion limits, from config. */
export interface EventLimits { readonly maxBatchSize: number; readonly maxFutureSkewMs: number; readonly maxPastMs: number }

/**
 * A batch item that did not even parse (a malformed NDJSON line, say). A class, not a shape: parsed
 * JSON can never produce an instance, so a client cannot forge a rejection by sending `{parseError}`.
 */
export class ParseFailure {
  constructor(readonly code: ErrorCode, readonly reason: string) {}
}

/** Result of validating a batch: the good events with their batch index, and the rejections. */
export interface CheckedBatch {
  readonly events: CanonicalEvent[];
  readonly indexes: number[];
  readonly rejected: Rejection[];
}

/**
 * Event use cases: validate a batch at the edge (per-item outcomes, never throwing for bad items),
 * store validated events idempotently through group commit, and read them back.
 */
export class EventsService {
  private readonly writer: BatchWriter;

  constructor(private readonly eventStore: EventStore, private readonly limits: EventLimits, private readonly clock: Clock) {
    this.writer = new BatchWriter(eventStore);
  }

  /** The configured batch limit. */
  get maxBatchSize(): number {
    return this.limits.maxBatchSize;
  }

  /**
   * Validates every item. Items that repeat an eventId seen earlier in the same batch are rejected
   * with `events_duplicate_id` (the first copy stays). Personal data is hashed by `pseudonymise`.
   */
  check(tenant: string, items: readonly unknown[], pseudonymise: ValidationContext['pseudonymise']): CheckedBatch {
    const ctx: ValidationContext = { tenant, now: this.clock.now(), maxFutureSkewMs: this.limits.maxFutureSkewMs, maxPastMs: this.limits.maxPastMs, pseudonymise };
    const events: CanonicalEvent[] = [];
    const indexes: number[] = [];
    const rejected: Rejection[] = [];
    const firstSeen = new Map<string, number>();
    items.forEach((item, index) => {
      if (item instanceof ParseFailure) {
        rejected.push({ index, code: item.code, reason: item.reason });
        return;
      }
      const out = validateEvent(item, ctx);
      if (!out.ok) { rejected.push({ index, code: out.code, reason: out.reason }); return; }
      const first = firstSeen.get(out.event.eventId);
      if (first !== undefined) {
        rejected.push({ index, code: 'events_duplicate_id', reason: `eventId ${out.event.eventId} already appears at index ${first} of this batch` });
        return;
      }
      firstSeen.set(out.event.eventId, index);
      events.push(out.event);
      indexes.push(index);
    });
    return { events, indexes, rejected };
  }

  /**
   * Stores validated events; resolves after they are durable. Returns how many were already stored, and
   * the events stored now (replays left out), for whatever counts arrivals.
   */
  async store(events: readonly CanonicalEvent[]): Promise<{ stored: number; duplicates: number; fresh: CanonicalEvent[] }> {
    const flags = await this.writer.write(events.map(toStored));
    const fresh = events.filter((_, i) => flags[i]);
    return { stored: fresh.length, duplicates: flags.length - fresh.length, fresh };
  }

  /** Waits until every accepted event is durable (graceful shutdown). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  countByName(tenant: string, query?: EventQuery): Promise<Record<string, number>> {
    return this.eventStore.countByName(tenant, query);
  }

  scanAnalysisRows(tenant: string, query?: EventQuery): Promise<AnalysisRow[]> {
    return this.eventStore.scanAnalysisRows(tenant, query);
  }

  streamAnalysisRows(tenant: string, query?: EventQuery): AsyncIterable<AnalysisRow[]> {
    return this.eventStore.streamAnalysisRows(tenant, query);
  }

  /** Per-unit measures around anchor events folded into per-group moments by the engine (experiment reports). */
  anchoredMoments(tenant: string, query: AnchoredQuery): Promise<AnchoredResult> {
    return this.eventStore.anchoredMoments(tenant, query);
  }

  find(tenant: string, eventId: string): Promise<StoredEvent | undefined> {
    return this.eventStore.find(tenant, eventId);
  }

  listByIdentity(tenant: string, keys: readonly string[], limit = 100): Promise<StoredEvent[]> {
    return this.eventStore.listByIdentity(tenant, keys, limit);
  }

  deleteByIdentity(tenant: string, keys: readonly string[], phoneHashes: readonly string[]): Promise<number> {
    return this.eventStore.deleteByIdentity(tenant, keys, phoneHashes);
  }
}

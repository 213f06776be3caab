import { AppError } from '../../shared/errors/index.js';
import { SerialQueue } from '../../shared/serial-queue.js';
import type { Clock } from '../../shared/time.js';
import type { CanonicalEvent } from '../events/index.js';
import { MinuteBuckets, type AddOutcome, type MinuteBucketOptions, type MonitorStats } from './domain/minute-buckets.js';
import { floorMinute, MINUTE_MS, type SeriesPoint } from './domain/monitor-series.js';
import type { MonitorStore } from './monitor.store.js';

/** The aggregator's limits plus how long the store keeps minutes. Every field has a default. */
export interface MonitorConfig extends MinuteBucketOptions {
  /** `prune()` deletes stored minutes older than this. Default 35 days (five weeks of hour-of-week history). */
  readonly historyMs?: number;
}

export const DEFAULT_HISTORY_MS = 35 * 24 * 60 * MINUTE_MS;

/**
 * Live per-minute funnel monitoring: `observe` counts ingested events in memory (synchronous, no I/O:
 * it runs on the ingest hot path); `flush` persists what changed; `warm` restores the retained window
 * at start, so a restart keeps the live board. Minutes are epoch ms of the UTC minute's start.
 *
 * Counts are totals per (tenant, scope, minute), so one process must own the table: two processes
 * flushing the same tenant would overwrite each other's totals.
 */
export class MonitorService {
  private readonly buckets: MinuteBuckets;
  private readonly historyMs: number;
  private readonly flushes = new SerialQueue();
  private started = false;

  /** Throws `config_invalid` for a bad option (see `MinuteBucketOptions`). */
  constructor(private readonly store: MonitorStore, private readonly clock: Clock, config: MonitorConfig = {}) {
    const { historyMs = DEFAULT_HISTORY_MS, ...options } = config;
    this.buckets = new MinuteBuckets(options);
    if (!Number.isSafeInteger(historyMs) || historyMs < this.buckets.options.retentionMs) {
      throw new AppError('config_invalid', 'monitor historyMs must be an integer no shorter than retentionMs');
    }
    this.historyMs = historyMs;
  }

  /**
   * Loads the stored minutes still inside the retention window into memory; call once, before the
   * first `observe` (later it would overwrite newer counts: `internal_error`). Returns buckets loaded.
   */
  async warm(): Promise<number> {
    if (this.started) throw new AppError('internal_error', 'MonitorService.warm() runs once, before observe()');
    this.started = true;
    const now = this.clock.now();
    const stored = await this.store.loadSince(undefined, floorMinute(now) - this.buckets.options.retentionMs);
    return this.buckets.load(stored, now);
  }

  /**
   * Counts a batch of accepted events of `tenant` into their minutes (event time). Non-funnel events
   * are ignored; events beyond the lateness or the future skew are refused and counted in the outcome.
   */
  observe(tenant: string, events: readonly CanonicalEvent[]): AddOutcome {
    this.started = true;
    return this.buckets.add(events, this.clock.now(), tenant);
  }

  /**
   * Writes the buckets changed since the last flush in one transaction; returns how many. Flushes run
   * one after another; events observed while one is in flight are written by the next.
   */
  flush(): Promise<number> {
    return this.flushes.run(async () => {
      const dirty = this.buckets.dirty();
      if (dirty.length === 0) return 0;
      await this.store.upsertBuckets(dirty);
      this.buckets.markClean(dirty);
      return dirty.length;
    });
  }

  /**
   * Per-minute counts and adjacent conversion rates of a scope (`all`, `platform:<p>`, `creator:<id>`,
   * `live:<id>`) from `from` through `to` (epoch ms, floored to minutes, inclusive), zero-filled, from
   * memory: minutes older than the retention window read as zero. `api_invalid_request` for a bad scope
   * or range.
   */
  series(tenant: string, scope: string, from: number, to: number): SeriesPoint[] {
    return this.buckets.series(tenant, scope, from, to);
  }

  /** The scopes a tenant has live buckets for (e.g. to list the live sessions being monitored). */
  scopes(tenant: string): string[] {
    return this.buckets.scopes(tenant);
  }

  /** Sizes and lifetime totals (counted, ignored, tooLate, tooEarly, scopeDropped). */
  stats(): MonitorStats {
    return this.buckets.stats();
  }

  /** Deletes stored minutes older than `historyMs`; returns how many. */
  prune(): Promise<number> {
    return this.store.prune(floorMinute(this.clock.now() - this.historyMs));
  }
}

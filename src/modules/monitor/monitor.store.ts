import type { MinuteBucket } from './domain/monitor-series.js';

/**
 * The port that persists per-minute funnel buckets; `store/monitor.store.contract.test.ts` runs it on
 * every engine. Minutes are epoch ms of the UTC minute's start.
 */
export interface MonitorStore {
  /** Creates the table (migrations) if needed. */
  init(): Promise<void>;
  /**
   * Writes buckets in one transaction. Idempotent: a bucket's counts are totals and replace the stored
   * row of its (tenant, scope, minute); a repeated key in one call keeps the last.
   */
  upsertBuckets(buckets: readonly MinuteBucket[]): Promise<void>;
  /** Every bucket of `tenant` (all tenants when undefined) with `minute ≥ sinceMinute`, by tenant, scope, minute. */
  loadSince(tenant: string | undefined, sinceMinute: number): Promise<MinuteBucket[]>;
  /** Deletes buckets with `minute < beforeMinute`, for every tenant; returns how many. */
  prune(beforeMinute: number): Promise<number>;
}

import type { LiveSession } from './domain/live-sessions.js';
import type { MinuteBucket } from './domain/monitor-series.js';

/**
 * The port that persists per-minute funnel buckets and the live sessions seen;
 * `store/monitor.store.contract.test.ts` runs it on every engine. Minutes are epoch ms of the UTC minute's start.
 */
export interface MonitorStore {
  /** Creates the tables (migrations) if needed. */
  init(): Promise<void>;
  /**
   * Writes buckets in one transaction. Idempotent: a bucket's counts are totals and replace the stored
   * row of its (tenant, scope, minute); a repeated key in one call keeps the last.
   */
  upsertBuckets(buckets: readonly MinuteBucket[]): Promise<void>;
  /** Every bucket of `tenant` (all tenants when undefined) with `minute ≥ sinceMinute`, by tenant, scope, minute. */
  loadSince(tenant: string | undefined, sinceMinute: number): Promise<MinuteBucket[]>;
  /** The buckets of one scope with `fromMinute ≤ minute ≤ toMinute`, by minute (missing minutes absent). */
  loadRange(tenant: string, scope: string, fromMinute: number, toMinute: number): Promise<MinuteBucket[]>;
  /** Deletes buckets with `minute < beforeMinute`, for every tenant; returns how many. */
  prune(beforeMinute: number): Promise<number>;
  /** Writes live sessions; a stored one only widens (earlier start, later last minute, a creator once known). */
  upsertLiveSessions(sessions: readonly LiveSession[]): Promise<void>;
  /** Live sessions (every tenant's when undefined) whose latest minute is ≥ `sinceMinute`. */
  liveSessions(tenant: string | undefined, sinceMinute: number): Promise<LiveSession[]>;
  /** A creator's sessions that started before `beforeMinute`, most recent first, at most `limit`. */
  earlierLiveSessions(tenant: string, creatorId: string, beforeMinute: number, limit: number): Promise<LiveSession[]>;
}

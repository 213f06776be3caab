import { AppError } from '../../shared/errors/index.js';
import { SerialQueue } from '../../shared/serial-queue.js';
import type { Clock } from '../../shared/time.js';
import { FUNNEL_NODES, type CanonicalEvent } from '../events/index.js';
import { MinuteBuckets, type AddOutcome, type MinuteBucketOptions, type MonitorEvent, type MonitorStats } from './domain/minute-buckets.js';
import { LiveSessions, type LiveSession } from './domain/live-sessions.js';
import { StockLevels, type StockSignal } from './domain/stock-levels.js';
import { floorMinute, MINUTE_MS, type MinuteBucket, type SeriesPoint } from './domain/monitor-series.js';
import type { MonitorStore } from './monitor.store.js';

/** The aggregator's limits plus how long the store keeps minutes. Every field has a default. */
export interface MonitorConfig extends MinuteBucketOptions {
  /** `prune()` deletes stored minutes older than this. Default 35 days (five weeks of hour-of-week history). */
  readonly historyMs?: number;
}

const FUNNEL_NODE_SET: ReadonlySet<string> = new Set(FUNNEL_NODES);

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
  private readonly live = new LiveSessions();
  private readonly stockLevels = new StockLevels();
  /** Per tenant, the latest event time counted (the aggregation watermark's raw input). */
  private readonly latest = new Map<string, number>();
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
    const since = floorMinute(now) - this.buckets.options.retentionMs;
    const stored = await this.store.loadSince(undefined, since);
    this.live.load(await this.store.liveSessions(undefined, since));
    for (const b of stored) this.latest.set(b.tenant, Math.max(this.latest.get(b.tenant) ?? b.minute, b.minute));
    return this.buckets.load(stored, now);
  }

  /**
   * Counts a batch of accepted events of `tenant` into their minutes (event time). Non-funnel events
   * are ignored; events beyond the lateness or the future skew are refused and counted in the outcome.
   */
  observe(tenant: string, events: readonly CanonicalEvent[]): AddOutcome {
    this.started = true;
    const now = this.clock.now();
    const outcome = this.buckets.add(events, now, tenant);
    this.note(tenant, events, now);
    return outcome;
  }

  /** Records live sessions, stock and the latest event time of funnel events `add` may have counted. */
  private note(tenant: string, events: readonly CanonicalEvent[], now: number): void {
    const oldest = now - this.buckets.options.latenessMs;
    const newest = now + this.buckets.options.maxFutureSkewMs;
    let latest = this.latest.get(tenant) ?? Number.NEGATIVE_INFINITY;
    for (const e of events) {
      if (e.name === 'inventory_update' && e.productId !== undefined && e.stock !== undefined) this.stockLevels.setStock(tenant, e.productId, e.stock);
      if (e.ts < oldest || e.ts > newest || !FUNNEL_NODE_SET.has(e.name)) continue;
      if (e.ts > latest) latest = e.ts;
      if (e.liveId === undefined) continue;
      this.live.see(tenant, e.liveId, e.creatorId, e.ts);
      if (e.productId !== undefined) this.stockLevels.seenInSession(tenant, e.liveId, e.productId);
    }
    if (latest > Number.NEGATIVE_INFINITY) this.latest.set(tenant, latest);
  }

  /**
   * Counts historical events (older than the lateness, e.g. an import or the demo's earlier sessions) into
   * stored minutes and live sessions, so baselines can use them. The minutes written replace what the store
   * held for them: run it only over minutes live traffic has not counted. Returns buckets written.
   */
  async backfill(tenant: string, history: readonly Omit<MonitorEvent, 'tenant'>[]): Promise<number> {
    if (history.length === 0) return 0;
    const events: MonitorEvent[] = history.map((e) => ({ ...e, tenant }));
    let newest = Number.NEGATIVE_INFINITY;
    let oldest = Number.POSITIVE_INFINITY;
    for (const e of events) { if (e.ts > newest) newest = e.ts; if (e.ts < oldest) oldest = e.ts; }
    const span = Math.max(MINUTE_MS, newest - oldest + MINUTE_MS);
    const scratch = new MinuteBuckets({ latenessMs: span, retentionMs: span, maxFutureSkewMs: 0, maxScopesPerTenant: Number.MAX_SAFE_INTEGER });
    scratch.add(events, newest, tenant);
    const live = new LiveSessions(Number.MAX_SAFE_INTEGER);
    for (const e of events) if (e.liveId !== undefined) live.see(tenant, e.liveId, e.creatorId, e.ts);
    const buckets = scratch.dirty();
    await this.store.upsertBuckets(buckets);
    await this.store.upsertLiveSessions(live.dirty());
    return buckets.length;
  }

  /** Products at zero stock (from `inventory_update` events), for a tenant or one live session's cart. */
  stock(tenant: string, liveId?: string): StockSignal {
    return this.stockLevels.signal(tenant, liveId);
  }

  /** The tenants that have counted events since start (or in the warmed window). */
  tenants(): string[] {
    return [...this.latest.keys()];
  }

  /** The latest event time counted for a tenant (epoch ms), or undefined. */
  latestEventAt(tenant: string): number | undefined {
    return this.latest.get(tenant);
  }

  /** A tenant's live sessions with an event in or after `sinceMinute`, from memory. */
  liveSessions(tenant: string, sinceMinute: number): LiveSession[] {
    return this.live.active(tenant, sinceMinute);
  }

  /** A creator's sessions that started before `beforeMinute`, most recent first (from the store). */
  earlierLiveSessions(tenant: string, creatorId: string, beforeMinute: number, limit = 20): Promise<LiveSession[]> {
    return this.store.earlierLiveSessions(tenant, creatorId, beforeMinute, limit);
  }

  /**
   * The non-empty minutes of a scope from `from` through `to` (epoch ms, inclusive): memory for the retained
   * window, the store before it. For baselines over earlier weeks or sessions.
   */
  async history(tenant: string, scope: string, from: number, to: number): Promise<MinuteBucket[]> {
    const memStart = floorMinute(this.clock.now()) - this.buckets.options.retentionMs;
    const out = from < memStart ? await this.store.loadRange(tenant, scope, floorMinute(from), Math.min(to, memStart - MINUTE_MS)) : [];
    for (let lo = Math.max(floorMinute(from), memStart); lo <= to; lo += 1440 * MINUTE_MS) {
      const hi = Math.min(to, lo + 1439 * MINUTE_MS);
      for (const p of this.buckets.series(tenant, scope, lo, hi)) {
        if (Object.values(p.counts).some((n) => n > 0)) out.push({ tenant, scope, minute: p.minute, counts: p.counts });
      }
    }
    return out;
  }

  /**
   * Writes the buckets changed since the last flush in one transaction; returns how many. Flushes run
   * one after another; events observed while one is in flight are written by the next.
   */
  flush(): Promise<number> {
    return this.flushes.run(async () => {
      const dirty = this.buckets.dirty();
      const sessions = this.live.dirty();
      await this.store.upsertLiveSessions(sessions);
      this.live.markClean(sessions);
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

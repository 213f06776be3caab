import { AppError } from '../../../shared/errors/index.js';
import { FUNNEL_NODES, type CanonicalEvent } from '../../events/index.js';
import {
  compareBuckets, countsFromArray, floorMinute, MINUTE_MS, parseScope, SCOPE_ALL, scopeOf, toSeriesPoint,
  type MinuteBucket, type ScopeKind, type SeriesPoint,
} from './monitor-series.js';

/** The fields of an event the monitor reads (a CanonicalEvent is one). */
export type MonitorEvent = Pick<CanonicalEvent, 'tenant' | 'name' | 'platform' | 'ts' | 'creatorId' | 'liveId'>;

/** Limits of the aggregator; every field has a default. */
export interface MinuteBucketOptions {
  /** An event older than `now − latenessMs` is refused as `tooLate`. Default 5 minutes. */
  readonly latenessMs?: number;
  /** An event later than `now + maxFutureSkewMs` is refused as `tooEarly`. Default 1 minute. */
  readonly maxFutureSkewMs?: number;
  /** Buckets whose minute starts before `floorMinute(now) − retentionMs` are evicted. Default 3 hours. */
  readonly retentionMs?: number;
  /** Creator and live scopes tracked per tenant at once; `all` and platform scopes always count. Default 5,000. */
  readonly maxScopesPerTenant?: number;
  /** The longest series one call may ask for, in minutes. Default 1,440 (a day). */
  readonly maxSeriesMinutes?: number;
}

export const DEFAULT_MONITOR_OPTIONS: Readonly<Required<MinuteBucketOptions>> = {
  latenessMs: 5 * MINUTE_MS,
  maxFutureSkewMs: MINUTE_MS,
  retentionMs: 3 * 60 * MINUTE_MS,
  maxScopesPerTenant: 5_000,
  maxSeriesMinutes: 1_440,
};

/** What one `add` did with its events. `counted + ignored + tooLate + tooEarly` is the number given. */
export interface AddOutcome {
  /** Funnel events counted into their minute. */
  counted: number;
  /** Events that are not one of the eight funnel nodes. */
  ignored: number;
  /** Funnel events older than the lateness allows. */
  tooLate: number;
  /** Funnel events further in the future than the skew allows. */
  tooEarly: number;
  /** Counted events whose creator or live scope was not tracked because the tenant is at its cap. */
  scopeDropped: number;
}

/** Sizes and lifetime totals, for health output and tests. */
export interface MonitorStats extends AddOutcome { tenants: number; scopes: number; buckets: number }

/** A bucket that changed since the last `markClean`, with the version `markClean` compares against. */
export interface DirtyBucket extends MinuteBucket { readonly version: number }

interface ScopeState {
  readonly key: string;
  readonly kind: ScopeKind;
  readonly id: string;
  readonly buckets: Map<number, Bucket>;
  /** The bucket written last: most events of a batch fall in the same minute. */
  last: Bucket | undefined;
}
/** Scopes by kind, keyed by the raw id (`''` for all), so the hot path builds no key strings. */
interface TenantState { readonly kinds: Record<ScopeKind, Map<string, ScopeState>>; size: number; cappedScopes: number }
interface Bucket {
  readonly tenant: string;
  readonly scope: ScopeState;
  readonly minute: number;
  readonly counts: number[];
  version: number;
  dirty: boolean;
}

const NODE_INDEX = new Map<string, number>(FUNNEL_NODES.map((n, i) => [n, i]));
const isCapped = (kind: ScopeKind): boolean => kind === 'creator' || kind === 'live';

/** A scope string as (kind, raw id); `api_invalid_request` when it is not one. */
function splitScope(scope: string): [ScopeKind, string] {
  const kind = parseScope(scope);
  return [kind, kind === 'all' ? '' : scope.slice(kind.length + 1)];
}

const bucketKey = (tenant: string, scope: string, minute: number): string => `${tenant}\u0000${scope}\u0000${minute}`;

/**
 * Per-minute funnel counts by (tenant, scope, UTC minute of event time), in memory with bounded size:
 * at most `1 + platforms + maxScopesPerTenant` scopes per tenant, each with at most
 * `(retention + skew) / 1 minute + 2` buckets. Deterministic: the time is always passed in.
 */
export class MinuteBuckets {
  private readonly opts: Readonly<Required<MinuteBucketOptions>>;
  private readonly tenants = new Map<string, TenantState>();
  private readonly byMinute = new Map<number, Bucket[]>();
  private readonly dirtySet = new Set<Bucket>();
  private readonly totals: AddOutcome = { counted: 0, ignored: 0, tooLate: 0, tooEarly: 0, scopeDropped: 0 };
  private evictedThrough = Number.NEGATIVE_INFINITY;
  private bucketCount = 0;

  /** Throws `config_invalid` when an option is not a non-negative integer or lateness exceeds retention. */
  constructor(options: MinuteBucketOptions = {}) {
    const opts = { ...DEFAULT_MONITOR_OPTIONS, ...options };
    for (const [k, v] of Object.entries(opts)) {
      if (!Number.isSafeInteger(v) || v < 0) throw new AppError('config_invalid', `monitor ${k} must be a non-negative integer, got ${v}`);
    }
    if (opts.latenessMs > opts.retentionMs) throw new AppError('config_invalid', 'monitor latenessMs must not exceed retentionMs');
    this.opts = opts;
  }

  /** The effective options (defaults filled in). */
  get options(): Readonly<Required<MinuteBucketOptions>> {
    return this.opts;
  }

  /**
   * Counts funnel events into the minute of their event time, for `all`, `platform:<p>`,
   * `creator:<id>` and `live:<id>`, after evicting buckets past retention (which frees cap room). `tenant`, when given,
   * replaces each event's own tenant (the ingest flow's authenticated tenant).
   */
  add(events: readonly MonitorEvent[], now: number, tenant?: string): AddOutcome {
    this.evict(now);
    const out: AddOutcome = { counted: 0, ignored: 0, tooLate: 0, tooEarly: 0, scopeDropped: 0 };
    const oldest = now - this.opts.latenessMs;
    const newest = now + this.opts.maxFutureSkewMs;
    let lastTenant: string | undefined;
    let state: TenantState | undefined;
    for (const e of events) {
      const node = NODE_INDEX.get(e.name);
      if (node === undefined) { out.ignored++; continue; }
      if (e.ts < oldest) { out.tooLate++; continue; }
      if (e.ts > newest) { out.tooEarly++; continue; }
      const t = tenant ?? e.tenant;
      if (t !== lastTenant || state === undefined) { state = this.tenantState(t); lastTenant = t; }
      const minute = floorMinute(e.ts);
      this.bump(t, state.kinds.all.get('') ?? this.scope(state, 'all', ''), minute, node);
      this.bump(t, state.kinds.platform.get(e.platform) ?? this.scope(state, 'platform', e.platform), minute, node);
      let dropped = false;
      if (e.creatorId !== undefined) dropped = !this.bumpCapped(t, state, 'creator', e.creatorId, minute, node);
      if (e.liveId !== undefined) dropped = !this.bumpCapped(t, state, 'live', e.liveId, minute, node) || dropped;
      if (dropped) out.scopeDropped++;
      out.counted++;
    }
    for (const k of Object.keys(out) as (keyof AddOutcome)[]) this.totals[k] += out[k];
    return out;
  }

  /**
   * Restores persisted totals (warming at start): each bucket's counts replace what memory holds for
   * its (tenant, scope, minute), without marking it dirty. Buckets past retention are skipped; creator
   * and live scopes beyond the cap are not tracked. Returns the buckets kept.
   */
  load(buckets: readonly MinuteBucket[], now: number): number {
    this.evict(now);
    const cutoff = floorMinute(now) - this.opts.retentionMs;
    let kept = 0;
    for (const b of buckets) {
      const [kind, id] = splitScope(b.scope);
      if (b.minute < cutoff) continue;
      const state = this.tenantState(b.tenant);
      let scope = state.kinds[kind].get(id);
      if (!scope) {
        if (isCapped(kind) && state.cappedScopes >= this.opts.maxScopesPerTenant) continue;
        scope = this.scope(state, kind, id);
      }
      const bucket = this.bucket(b.tenant, scope, floorMinute(b.minute));
      FUNNEL_NODES.forEach((n, i) => { bucket.counts[i] = b.counts[n]; });
      kept++;
    }
    return kept;
  }

  /**
   * Per-minute counts and adjacent conversion rates of one scope for every minute from
   * `floorMinute(fromMinute)` through `floorMinute(toMinute)` inclusive; minutes without events (or
   * evicted) are zero. Throws `api_invalid_request` for a bad scope, `to < from` or a range longer
   * than `maxSeriesMinutes`.
   */
  series(tenant: string, scope: string, fromMinute: number, toMinute: number): SeriesPoint[] {
    const [kind, id] = splitScope(scope);
    const from = floorMinute(fromMinute);
    const to = floorMinute(toMinute);
    const minutes = (to - from) / MINUTE_MS + 1;
    if (!(minutes >= 1 && minutes <= this.opts.maxSeriesMinutes)) {
      throw new AppError('api_invalid_request', `a series spans 1 to ${this.opts.maxSeriesMinutes} minutes (from ≤ to); asked for ${minutes}`);
    }
    const buckets = this.tenants.get(tenant)?.kinds[kind].get(id)?.buckets;
    const zero = countsFromArray([]);
    const points: SeriesPoint[] = [];
    for (let m = from; m <= to; m += MINUTE_MS) {
      const b = buckets?.get(m);
      points.push(toSeriesPoint(m, b ? countsFromArray(b.counts) : zero));
    }
    return points;
  }

  /** The scopes a tenant has buckets for, sorted. */
  scopes(tenant: string): string[] {
    const state = this.tenants.get(tenant);
    return state ? Object.values(state.kinds).flatMap((m) => [...m.values()].map((s) => s.key)).sort() : [];
  }

  /** Buckets changed since the last `markClean` (evicted ones included), as snapshots, in key order. */
  dirty(): DirtyBucket[] {
    return [...this.dirtySet]
      .map((b) => ({ tenant: b.tenant, scope: b.scope.key, minute: b.minute, counts: countsFromArray(b.counts), version: b.version }))
      .sort(compareBuckets);
  }

  /**
   * Marks buckets persisted. With `flushed` (what `dirty()` returned), only buckets that did not change
   * since that snapshot become clean, so events added while a write was in flight are not lost.
   */
  markClean(flushed?: readonly DirtyBucket[]): void {
    const versions = flushed && new Map(flushed.map((b) => [bucketKey(b.tenant, b.scope, b.minute), b.version]));
    for (const b of this.dirtySet) {
      if (versions && versions.get(bucketKey(b.tenant, b.scope.key, b.minute)) !== b.version) continue;
      b.dirty = false;
      this.dirtySet.delete(b);
    }
  }

  /** Sizes and lifetime totals. */
  stats(): MonitorStats {
    let scopes = 0;
    for (const t of this.tenants.values()) scopes += t.size;
    return { ...this.totals, tenants: this.tenants.size, scopes, buckets: this.bucketCount };
  }

  private tenantState(tenant: string): TenantState {
    let state = this.tenants.get(tenant);
    if (!state) {
      state = { kinds: { all: new Map(), platform: new Map(), creator: new Map(), live: new Map() }, size: 0, cappedScopes: 0 };
      this.tenants.set(tenant, state);
    }
    return state;
  }

  /** Creates a scope (the caller checked it is absent and, for creator and live, under the cap). */
  private scope(state: TenantState, kind: ScopeKind, id: string): ScopeState {
    const s: ScopeState = { key: kind === 'all' ? SCOPE_ALL : scopeOf(kind, id), kind, id, buckets: new Map(), last: undefined };
    state.kinds[kind].set(id, s);
    state.size++;
    if (isCapped(kind)) state.cappedScopes++;
    return s;
  }

  /** Counts into a creator or live scope unless it is new and the tenant is at its cap; false when dropped. */
  private bumpCapped(tenant: string, state: TenantState, kind: 'creator' | 'live', id: string, minute: number, node: number): boolean {
    let s = state.kinds[kind].get(id);
    if (!s) {
      if (state.cappedScopes >= this.opts.maxScopesPerTenant) return false;
      s = this.scope(state, kind, id);
    }
    this.bump(tenant, s, minute, node);
    return true;
  }

  private bump(tenant: string, scope: ScopeState, minute: number, node: number): void {
    const last = scope.last;
    const b = last !== undefined && last.minute === minute ? last : this.bucket(tenant, scope, minute);
    scope.last = b;
    b.counts[node] = (b.counts[node] ?? 0) + 1;
    b.version++;
    if (!b.dirty) { b.dirty = true; this.dirtySet.add(b); }
  }

  private bucket(tenant: string, scope: ScopeState, minute: number): Bucket {
    let b = scope.buckets.get(minute);
    if (b) return b;
    b = { tenant, scope, minute, counts: [0, 0, 0, 0, 0, 0, 0, 0], version: 0, dirty: false };
    scope.buckets.set(minute, b);
    const list = this.byMinute.get(minute);
    if (list) list.push(b); else this.byMinute.set(minute, [b]);
    this.bucketCount++;
    return b;
  }

  /** Drops buckets past retention, then scopes and tenants left empty (freeing cap room). */
  private evict(now: number): void {
    const cutoff = floorMinute(now) - this.opts.retentionMs;
    // Work only when the cutoff moved to a new minute: the hot path pays one comparison.
    if (cutoff <= this.evictedThrough) return;
    this.evictedThrough = cutoff;
    for (const [minute, list] of this.byMinute) {
      if (minute >= cutoff) continue;
      this.byMinute.delete(minute);
      for (const b of list) {
        b.scope.buckets.delete(minute);
        if (b.scope.last === b) b.scope.last = undefined;
        this.bucketCount--;
        if (b.scope.buckets.size > 0) continue;
        const state = this.tenants.get(b.tenant);
        const kindMap = state?.kinds[b.scope.kind];
        if (!state || kindMap?.get(b.scope.id) !== b.scope) continue;
        kindMap.delete(b.scope.id);
        state.size--;
        if (isCapped(b.scope.kind)) state.cappedScopes--;
        if (state.size === 0) this.tenants.delete(b.tenant);
      }
    }
  }
}

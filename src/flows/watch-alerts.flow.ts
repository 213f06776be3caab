import type { Logger } from '../shared/logging/logger.js';
import type { Clock } from '../shared/time.js';
import type { AlertsService, FunnelBucket, ScopeInput } from '../modules/alerts/index.js';
import { floorMinute, MINUTE_MS, SCOPE_ALL, type LiveSession, type MonitorService, type SeriesPoint } from '../modules/monitor/index.js';

const HOUR = 60 * MINUTE_MS;
const WEEK = 7 * 24 * HOUR;

export interface WatchDeps {
  readonly monitor: MonitorService;
  readonly alerts: AlertsService;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface WatchOptions {
  /**
   * How far the watermark may trail the clock (default 15 s). The watermark is the latest event time
   * counted, so a client that sends every few seconds is not read as a drop; with no events at all it
   * still advances to `now − maxLagMs`, so a total outage is seen.
   */
  readonly maxLagMs?: number;
  /** Earlier weeks read for the shop's hour-of-week baseline (default 5). */
  readonly weeks?: number;
  /** Earlier sessions of the creator read for a live session's baseline (default 10). */
  readonly sessions?: number;
  /** Cached history entries (earlier hours and sessions; they no longer change). Default 2,000. */
  readonly cacheSize?: number;
  /**
   * A live session is evaluated while it had events in the current or previous minute; with none for this
   * long (default 5 min) it has ended, and its open alerts resolve.
   */
  readonly sessionEndMs?: number;
}

/**
 * The evaluation loop of live monitoring (issue 4): every `tick`, for each tenant the monitor has seen,
 * the shop (`all`, hour-of-week seasonality) and each live session with events in the last minute
 * (seasonality of the creator's earlier sessions) are evaluated on the current, partial minute. The
 * alerts service persists what fires and tells its listeners (webhooks, the live board).
 */
export class AlertWatcher {
  private readonly maxLagMs: number;
  private readonly weeks: number;
  private readonly sessions: number;
  private readonly cacheSize: number;
  private readonly sessionEndMs: number;
  private readonly cache = new Map<string, Promise<FunnelBucket[]>>();

  constructor(private readonly deps: WatchDeps, options: WatchOptions = {}) {
    this.maxLagMs = options.maxLagMs ?? 15_000;
    this.weeks = options.weeks ?? 5;
    this.sessions = options.sessions ?? 10;
    this.cacheSize = options.cacheSize ?? 2_000;
    this.sessionEndMs = options.sessionEndMs ?? 5 * MINUTE_MS;
  }

  /** The time up to which a tenant's counts are taken as complete. */
  watermark(tenant: string): number {
    const now = this.deps.clock.now();
    const latest = this.deps.monitor.latestEventAt(tenant) ?? Number.NEGATIVE_INFINITY;
    return Math.min(now, Math.max(latest, now - this.maxLagMs));
  }

  /** One round over every tenant; answers how many scopes were evaluated. A failing scope is logged, the rest go on. */
  async tick(): Promise<number> {
    let evaluated = 0;
    for (const tenant of this.deps.monitor.tenants()) {
      const now = this.watermark(tenant);
      // One read of the sessions: those with events in the last minute are evaluated, those silent for
      // `sessionEndMs` have ended. Inputs are built one at a time inside the try, so a failing read stays
      // that scope's failure (never an unhandled rejection while another scope is evaluated).
      const sessions = this.deps.monitor.liveSessions(tenant, floorMinute(now - this.sessionEndMs));
      const active = sessions.filter((s) => s.lastMinute >= floorMinute(now) - MINUTE_MS);
      const inputs: (() => Promise<ScopeInput>)[] = [() => this.shopInput(tenant, now), ...active.map((s) => () => this.liveInput(tenant, s, now))];
      await this.endSessions(tenant, now, new Set(sessions.map((s) => `live:${s.liveId}`)));
      for (const input of inputs) {
        try {
          const { evaluation } = await this.deps.alerts.evaluate(await input());
          if (evaluation.evaluated) evaluated++;
        } catch (err) {
          this.deps.logger.warn({ err, tenant }, 'alert evaluation failed for a scope; the others went on');
        }
      }
    }
    return evaluated;
  }

  /** Resolves the alerts of live sessions not in `recent` (no events for `sessionEndMs`: the stream ended). */
  private async endSessions(tenant: string, now: number, recent: ReadonlySet<string>): Promise<void> {
    for (const scope of this.deps.alerts.openScopes(tenant)) {
      if (!scope.startsWith('live:') || recent.has(scope)) continue;
      await this.deps.alerts.endScope(tenant, scope, now).catch((err: unknown) => this.deps.logger.warn({ err, tenant, scope }, 'could not close the alerts of an ended live session'));
    }
  }

  /** The current (partial) minute and the complete one before it, from memory. */
  private minutes(tenant: string, scope: string, now: number, streamStartedAt?: number): Pick<ScopeInput, 'current' | 'previous'> {
    const minute = floorMinute(now);
    // `series` answers every minute of the range, zero-filled.
    const [before, point] = this.deps.monitor.series(tenant, scope, minute - MINUTE_MS, minute) as [SeriesPoint, SeriesPoint];
    const at = (p: SeriesPoint): FunnelBucket => ({ start: p.minute, counts: p.counts, ...(streamStartedAt !== undefined ? { streamStartedAt } : {}) });
    // A session's first minute has no minute before it: evaluated as a partial minute instead.
    if (streamStartedAt !== undefined && streamStartedAt >= minute) return { current: at(point) };
    return { current: at(point), previous: at(before) };
  }

  private async shopInput(tenant: string, now: number): Promise<ScopeInput> {
    const hour = Math.floor(now / HOUR) * HOUR;
    const weeks = await Promise.all(Array.from({ length: this.weeks }, (_, i) => {
      const from = hour - (i + 1) * WEEK;
      return this.cached(`${tenant}\u0000all\u0000${from}`, async () =>
        (await this.deps.monitor.history(tenant, SCOPE_ALL, from, from + HOUR - MINUTE_MS)).map((b) => ({ start: b.minute, counts: b.counts })));
    }));
    const stock = this.deps.monitor.stock(tenant);
    return {
      tenant, scope: SCOPE_ALL, detectorScope: { tenant }, history: weeks.flat(), ...this.minutes(tenant, SCOPE_ALL, now), now,
      ...(stock.soldOutProductIds.length > 0 ? { inventory: stock } : {}),
    };
  }

  private async liveInput(tenant: string, session: LiveSession, now: number): Promise<ScopeInput> {
    const scope = `live:${session.liveId}`;
    let history: FunnelBucket[] = [];
    if (session.creatorId !== null) {
      const creatorId = session.creatorId;
      const earlier = await this.cached(`${tenant}\u0000sessions\u0000${session.liveId}`, async () => {
        const list = await this.deps.monitor.earlierLiveSessions(tenant, creatorId, session.startedAt, this.sessions);
        const perSession = await Promise.all(list.map(async (e) => (await this.deps.monitor.history(tenant, `live:${e.liveId}`, e.startedAt, e.lastMinute))
          .map((b): FunnelBucket => ({ start: b.minute, counts: b.counts, streamStartedAt: e.startedAt }))));
        return perSession.flat();
      });
      history = earlier;
    }
    const stock = this.deps.monitor.stock(tenant, session.liveId);
    return {
      tenant, scope, now, history,
      detectorScope: { tenant, liveId: session.liveId, streamStartedAt: session.startedAt, ...(session.creatorId !== null ? { creatorId: session.creatorId } : {}) },
      ...this.minutes(tenant, scope, now, session.startedAt),
      ...(stock.soldOutProductIds.length > 0 ? { inventory: stock } : {}),
    };
  }

  /** History that no longer changes, read once; a failed read is not cached. */
  private cached(key: string, load: () => Promise<FunnelBucket[]>): Promise<FunnelBucket[]> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    const p = load();
    this.cache.set(key, p);
    p.catch(() => this.cache.delete(key));
    return p;
  }
}


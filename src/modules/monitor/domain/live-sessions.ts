import { floorMinute } from './monitor-series.js';

/** A live session as the monitor saw it: its creator, its first and latest minute (event time). */
export interface LiveSession {
  readonly tenant: string;
  readonly liveId: string;
  /** The creator of the session's first event that named one; null when none did. */
  readonly creatorId: string | null;
  /** Start of the UTC minute of the earliest event seen (epoch ms): the session's minute 0. */
  readonly startedAt: number;
  /** Start of the UTC minute of the latest event seen. */
  readonly lastMinute: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The live sessions of every tenant, learnt from events that carry a `liveId`: creator, first minute and
 * latest minute. Bounded: at most `maxPerTenant` sessions per tenant (the oldest by latest minute is
 * forgotten first, in memory only). Changed sessions are reported by `dirty()` for persisting.
 */
export class LiveSessions {
  private readonly byTenant = new Map<string, Map<string, Mutable<LiveSession>>>();
  private readonly changed = new Set<Mutable<LiveSession>>();

  constructor(private readonly maxPerTenant = 5_000) {}

  /** Notes one event of a live session. */
  see(tenant: string, liveId: string, creatorId: string | undefined, ts: number): void {
    let sessions = this.byTenant.get(tenant);
    if (!sessions) { sessions = new Map(); this.byTenant.set(tenant, sessions); }
    const minute = floorMinute(ts);
    const s = sessions.get(liveId);
    if (!s) {
      if (sessions.size >= this.maxPerTenant) this.forgetOldest(sessions);
      const fresh = { tenant, liveId, creatorId: creatorId ?? null, startedAt: minute, lastMinute: minute };
      sessions.set(liveId, fresh);
      this.changed.add(fresh);
      return;
    }
    if (minute < s.startedAt) { s.startedAt = minute; this.changed.add(s); }
    if (minute > s.lastMinute) { s.lastMinute = minute; this.changed.add(s); }
    if (s.creatorId === null && creatorId !== undefined) { s.creatorId = creatorId; this.changed.add(s); }
  }

  /** Restores stored sessions (at start); a stored one widens what memory holds. */
  load(sessions: readonly LiveSession[]): void {
    for (const s of sessions) {
      this.see(s.tenant, s.liveId, s.creatorId ?? undefined, s.startedAt);
      this.see(s.tenant, s.liveId, undefined, s.lastMinute);
    }
    this.changed.clear();
  }

  /** A tenant's sessions whose latest minute is at or after `sinceMinute`. */
  active(tenant: string, sinceMinute: number): LiveSession[] {
    return [...(this.byTenant.get(tenant)?.values() ?? [])].filter((s) => s.lastMinute >= sinceMinute).map((s) => ({ ...s }));
  }


  /** Sessions changed since the last `markClean`, as copies. */
  dirty(): LiveSession[] {
    return [...this.changed].map((s) => ({ ...s }));
  }

  /** Marks sessions persisted: only those unchanged since `dirty()` returned `flushed`. */
  markClean(flushed: readonly LiveSession[]): void {
    const same = new Map(flushed.map((s) => [`${s.tenant}\u0000${s.liveId}`, s]));
    for (const s of this.changed) {
      const f = same.get(`${s.tenant}\u0000${s.liveId}`);
      if (f && f.startedAt === s.startedAt && f.lastMinute === s.lastMinute && f.creatorId === s.creatorId) this.changed.delete(s);
    }
  }

  private forgetOldest(sessions: Map<string, Mutable<LiveSession>>): void {
    let oldest: Mutable<LiveSession> | undefined;
    for (const s of sessions.values()) if (!oldest || s.lastMinute < oldest.lastMinute) oldest = s;
    // A forgotten session still pending a flush stays in `changed`, so it is persisted all the same.
    if (oldest) sessions.delete(oldest.liveId);
  }
}

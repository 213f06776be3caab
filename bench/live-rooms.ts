import { FUNNEL_NODES, LIVE_PROFILE, sampleFunnelCounts, type FunnelNode, type FunnelProfile } from '../src/modules/alerts/index.js';
import type { MonitorEvent, MonitorService } from '../src/modules/monitor/index.js';
import { liveBurstMinute, type LiveBurstOptions } from '../src/modules/simulator/index.js';
import { seededRng, type Rng } from '../src/shared/random.js';

/**
 * The live rooms the live-monitoring benchmarks drive (`bench alerts`, `bench live`): each room is one
 * tenant's live session of one creator, with the demo's live funnel (LIVE_PROFILE rates) scaled to a
 * given number of events per second, the creator's earlier sessions as its baseline, and at most one
 * fault at a fixed wall-clock time. Used by the server side (history) and the load client (events).
 */

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The platform and cart of every benchmark room (the demo's). */
const PLATFORM = 'douyin';
const PRODUCTS = [{ productId: 'sku-live-1', priceFen: 9_900 }, { productId: 'sku-live-2', priceFen: 19_900 }] as const;
/** A fault from `from` (inclusive) to `to` (exclusive), epoch ms of event time = wall time (events are sent live). */
export interface RoomFault {
  /** `checkout_broken`: pay events stop. `traffic_throttled`: 70 % of the viewers arriving stay away. */
  readonly kind: 'checkout_broken' | 'traffic_throttled';
  readonly from: number;
  readonly to: number;
}

/** One benchmark room: its tenant, session, volume and fault. */
export interface Room {
  readonly tenant: string;
  readonly liveId: string;
  readonly creatorId: string;
  readonly impressionsPerMinute: number;
  readonly seed: number;
  readonly fault: RoomFault | null;
}

/** Expected events per impression of a profile (every funnel node's count over impressions). */
export function eventsPerImpression(profile: FunnelProfile = LIVE_PROFILE): number {
  let share = 1;
  let total = 1;
  for (const r of profile.rates) { share *= r; total += share; }
  return total;
}

/** Impressions per minute that make a room with the live profile produce `eventsPerSec` on average. */
export const impressionsForRate = (eventsPerSec: number): number => Math.round((eventsPerSec * 60) / eventsPerImpression());

/** The live profile at a room's volume. */
const profileOf = (room: Room): FunnelProfile => ({ ...LIVE_PROFILE, impressions: room.impressionsPerMinute });

/**
 * Writes the creator's `sessions` earlier sessions (one a day before `startAt`, fault-free, `minutes` long)
 * into the monitor's stored history, as `seedLiveHistory` does for the demo.
 */
export async function seedRoomHistory(monitor: MonitorService, room: Room, startAt: number, minutes: number, sessions: number): Promise<void> {
  const rng = seededRng(room.seed + 1);
  for (let d = sessions; d >= 1; d--) {
    const liveId = `${room.liveId}-d${d}`;
    const start = startAt - d * DAY_MS;
    // Counts only matter per minute, so one event object per node is repeated `count` times; a minute per
    // call keeps the arrays small (backfill replaces the minutes it writes; the session's bounds widen).
    const minuteEvents = (m: number, counts: Readonly<Record<FunnelNode, number>>): Omit<MonitorEvent, 'tenant'>[] => {
      const out: Omit<MonitorEvent, 'tenant'>[] = [];
      for (const name of FUNNEL_NODES) {
        const e = { name, platform: PLATFORM, ts: start + m * MINUTE_MS + 30_000, creatorId: room.creatorId, liveId } as Omit<MonitorEvent, 'tenant'>;
        for (let k = 0; k < counts[name]; k++) out.push(e);
      }
      return out;
    };
    for (let m = 0; m < minutes; m++) await monitor.backfill(room.tenant, minuteEvents(m, sampleFunnelCounts(rng, profileOf(room))));
  }
}

/** One event as the load client sends it. */
export type RoomEvent = ReturnType<typeof liveBurstMinute>[number];

/** The generator of one room's events, minute by minute (seeded: the same room gives the same stream). */
export class RoomStream {
  private readonly rng: Rng;

  constructor(private readonly room: Room) {
    this.rng = seededRng(room.seed);
  }

  /**
   * The events of session minute `index` (starting at `minuteStart`) with the room's fault applied, in
   * `parts` pieces of the minute's viewers (one `liveBurstMinute` call each, unsorted), so a caller can
   * yield between them. `liveBurstMinute` starts every viewer in the first half of the minute (a room's
   * burst); for a steady load each viewer's journey is moved to start uniformly in the minute, its steps
   * keeping their spacing, so a journey may end in the next minute. Uniform arrivals are also what the
   * detector's sliding minute assumes.
   */
  *minuteParts(index: number, minuteStart: number, parts: number): Generator<RoomEvent[]> {
    const counts = sampleFunnelCounts(this.rng, profileOf(this.room));
    const per = Math.ceil(counts.impression / parts);
    for (let k = 0; k < parts; k++) {
      // Viewers k·per … (k+1)·per − 1 of the minute: viewer v reaches a node when v < its count.
      const share = Object.fromEntries(FUNNEL_NODES.map((n) => [n, Math.min(per, Math.max(0, counts[n] - k * per))])) as Record<FunnelNode, number>;
      if (share.impression === 0) return;
      const options: LiveBurstOptions = { platform: PLATFORM, creatorId: this.room.creatorId, liveId: this.room.liveId, products: PRODUCTS, idPrefix: `${this.room.liveId}-p${k}` };
      yield this.shape(liveBurstMinute(this.rng, options, minuteStart, index, share), minuteStart);
    }
  }

  /** Moves each viewer's journey to a uniform start in the minute and applies the fault. */
  private shape(events: RoomEvent[], minuteStart: number): RoomEvent[] {
    const shift = new Map<unknown, number>();
    const dropped = new Set<unknown>();
    const fault = this.room.fault;
    const out: RoomEvent[] = [];
    for (const e of events) {
      const viewer = e.anonymousId;
      if (e.name === 'impression') {
        const ts = minuteStart + Math.floor(this.rng.next() * MINUTE_MS);
        shift.set(viewer, ts - e.ts);
        if (fault?.kind === 'traffic_throttled' && ts >= fault.from && ts < fault.to && this.rng.next() >= 0.3) dropped.add(viewer);
      }
      if (dropped.has(viewer)) continue;
      e.ts += shift.get(viewer) ?? 0;
      if (fault?.kind === 'checkout_broken' && e.name === 'pay' && e.ts >= fault.from && e.ts < fault.to) continue;
      out.push(e);
    }
    return out;
  }
}

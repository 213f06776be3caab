import { seededRng, type Rng } from '../shared/random.js';
import type { Clock } from '../shared/time.js';
import { LIVE_PROFILE, sampleFunnelCounts, withStepFactor, type FunnelProfile } from '../modules/alerts/index.js';
import type { EventName, Platform } from '../modules/events/index.js';
import type { MonitorService } from '../modules/monitor/index.js';
import { liveBurstMinute, type LiveBurstOptions } from '../modules/simulator/index.js';
import type { Tenant } from '../modules/tenants/index.js';
import { ingestBatch, type IngestDeps } from './ingest-events.flow.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A fault injected into the replayed session for minutes `from` (inclusive) to `to` (exclusive). */
export interface LiveFault { readonly kind: 'traffic_throttled' | 'checkout_broken'; readonly from: number; readonly to: number }

export interface LivePlan {
  readonly minutes: number;
  readonly faults: readonly LiveFault[];
  /** Earlier sessions of the same creator, one a day before, written to the monitor's history for the baseline. */
  readonly earlierSessions: number;
  readonly seed: number;
  readonly session: Omit<LiveBurstOptions, 'liveId' | 'idPrefix'>;
}

/**
 * The demo's live stream: 20 minutes with traffic throttled (impressions × 0.35) in minutes 5–9 and
 * checkout broken (order → pay × 0.1) in minutes 13–17, over four earlier sessions of the same creator.
 */
export const DEMO_LIVE_PLAN: LivePlan = {
  minutes: 20,
  faults: [{ kind: 'traffic_throttled', from: 5, to: 10 }, { kind: 'checkout_broken', from: 13, to: 18 }],
  earlierSessions: 4,
  seed: 2024,
  session: { platform: 'douyin', creatorId: 'creator-live-demo', products: [{ productId: 'sku-live-1', priceFen: 9_900 }, { productId: 'sku-live-2', priceFen: 19_900 }] },
};

/** The funnel profile of a minute under the plan's faults. */
export function profileAt(plan: LivePlan, minute: number): FunnelProfile {
  let p = LIVE_PROFILE;
  for (const f of plan.faults) {
    if (minute < f.from || minute >= f.to) continue;
    p = f.kind === 'traffic_throttled' ? { ...p, impressions: p.impressions * 0.35 } : withStepFactor(p, 'order', 'pay', 0.1);
  }
  return p;
}

const sessionOf = (plan: LivePlan, liveId: string): LiveBurstOptions => ({ ...plan.session, liveId, idPrefix: liveId });

function minuteEvents(rng: Rng, options: LiveBurstOptions, start: number, minute: number, profile: FunnelProfile) {
  return liveBurstMinute(rng, options, start + minute * MINUTE, minute, sampleFunnelCounts(rng, profile));
}

/**
 * Writes the creator's earlier sessions (fault-free, starting `d` days before `startAt`) into the monitor's
 * stored history, so the replayed session has a seasonal baseline. Returns the live ids written.
 */
export async function seedLiveHistory(monitor: MonitorService, tenant: string, plan: LivePlan, startAt: number): Promise<string[]> {
  const rng = seededRng(plan.seed + 1);
  const ids: string[] = [];
  for (let d = plan.earlierSessions; d >= 1; d--) {
    const liveId = `live-demo-${plan.seed}-d${d}`;
    const options = sessionOf(plan, liveId);
    const start = startAt - d * DAY;
    const events = Array.from({ length: plan.minutes }, (_, m) => minuteEvents(rng, options, start, m, LIVE_PROFILE)).flat();
    await monitor.backfill(tenant, events.map((e) => ({ name: e.name as EventName, platform: String(e.platform) as Platform, ts: e.ts, creatorId: options.creatorId, liveId })));
    ids.push(liveId);
  }
  return ids;
}

/** Progress of a replay: after each minute's last event is ingested. */
export interface ReplayProgress { readonly minute: number; readonly events: number; readonly faults: readonly LiveFault[] }

/**
 * Replays the plan's session from `startAt` (the clock's time at minute 0) as the clock advances: each
 * event is ingested through the normal flow once the clock has reached its time, in slices every
 * `sliceMs` real ms. Resolves with the number of events accepted.
 */
export async function replayLiveSession(
  deps: IngestDeps & { readonly clock: Clock }, tenant: Tenant, plan: LivePlan, startAt: number,
  onMinute: (p: ReplayProgress) => void = () => {}, sliceMs = 100,
): Promise<number> {
  const rng = seededRng(plan.seed);
  const options = sessionOf(plan, `live-demo-${plan.seed}`);
  let accepted = 0;
  for (let m = 0; m < plan.minutes; m++) {
    const events = minuteEvents(rng, options, startAt, m, profileAt(plan, m));
    let i = 0;
    while (i < events.length) {
      const now = deps.clock.now();
      let j = i;
      while (j < events.length && (events[j]?.ts ?? Infinity) <= now) j++;
      if (j > i) {
        for (let k = i; k < j; k += 5_000) accepted += (await ingestBatch(deps, tenant, events.slice(k, Math.min(j, k + 5_000)))).accepted;
        i = j;
      } else {
        await new Promise((r) => setTimeout(r, sliceMs));
      }
    }
    onMinute({ minute: m, events: accepted, faults: plan.faults.filter((f) => m >= f.from && m < f.to) });
  }
  return accepted;
}

import type { Rng } from '../../../shared/random.js';
import { SIM_PLATFORMS } from './platforms.js';
import { chance, pickOne, randomBetween, randomInt } from './sampling.js';
import type { World } from './world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** China Standard Time offset: streams are scheduled on Beijing evenings. */
export const CST_OFFSET_MS = 8 * HOUR;

/** A scheduled live stream (直播间 session) of a live creator. */
export interface LiveStream {
  readonly liveId: string;
  /** Index into `World.creators`. */
  readonly creator: number;
  /** Index into `SIM_PLATFORMS`. */
  readonly platform: number;
  readonly startTs: number;
  readonly endTs: number;
  /** Products explained in turn, one slot of `slotMs` each (indices into `World.products`). */
  readonly products: readonly number[];
  readonly slotMs: number;
  /** A flash-sale / giveaway window that pulls a crowd; `burstEndTs` 0 when none. */
  readonly burstStartTs: number;
  readonly burstEndTs: number;
  readonly weight: number;
}

/** How much a burst multiplies the whole arrival rate while it lasts. */
export const BURST_BOOST = 6;

/**
 * The live-stream calendar, generated one Beijing day at a time as the clock advances (memory stays
 * bounded by the streams of about two days). Each live creator streams on a day with probability
 * 0.35, mostly starting 19:00–22:00 CST, for 1–4 h; the day's biggest stream (and sometimes the
 * second) gets a 6–10 minute burst window.
 */
export class LiveSchedule {
  private readonly liveCreators: number[];
  private streams: LiveStream[] = [];
  private nextDay: number;
  private liveSeq = 0;

  constructor(private readonly world: World, private readonly rng: Rng, private readonly idPrefix: string, startTs: number) {
    this.liveCreators = world.creators.filter((c) => c.live).map((c) => c.index);
    this.nextDay = Math.floor((startTs + CST_OFFSET_MS) / DAY) - 1;
    this.advanceTo(startTs);
  }

  /** Schedules the days up to (and including the day after) `ts` and drops streams that ended. */
  advanceTo(ts: number): void {
    const day = Math.floor((ts + CST_OFFSET_MS) / DAY);
    while (this.nextDay <= day + 1) this.scheduleDay(this.nextDay++);
    if (this.streams.length > 0 && (this.streams[0]?.endTs ?? Infinity) <= ts) this.streams = this.streams.filter((s) => s.endTs > ts);
  }

  /** Streams live at `ts` on a platform. */
  activeOn(platform: number, ts: number): LiveStream[] {
    return this.streams.filter((s) => s.platform === platform && s.startTs <= ts && ts < s.endTs);
  }

  /** The stream whose burst window covers `ts`, if any. */
  burstAt(ts: number): LiveStream | undefined {
    return this.streams.find((s) => s.burstStartTs <= ts && ts < s.burstEndTs);
  }

  private scheduleDay(day: number): void {
    const dayStart = day * DAY - CST_OFFSET_MS;
    const { world, rng } = this;
    const todays: LiveStream[] = [];
    for (const c of this.liveCreators) {
      if (!chance(rng, 0.35)) continue;
      const creator = world.creators[c];
      if (creator === undefined) continue;
      const startHour = chance(rng, 0.75) ? randomBetween(rng, 19, 22) : randomBetween(rng, 10, 18);
      const startTs = dayStart + Math.round(startHour * HOUR);
      const endTs = startTs + Math.round(randomBetween(rng, 1, 4) * HOUR);
      const niche = world.products.filter((p) => p.categoryId === creator.categoryId).map((p) => p.index);
      const pool = niche.length > 0 ? niche : world.products.map((p) => p.index);
      const products = Array.from({ length: 3 + randomInt(rng, 6) }, () => pickOne(rng, pool));
      todays.push({
        liveId: `${this.idPrefix}${this.liveSeq++}`, creator: c, platform: SIM_PLATFORMS.indexOf(creator.platform),
        startTs, endTs, products, slotMs: Math.round(randomBetween(rng, 8, 15) * MINUTE),
        burstStartTs: 0, burstEndTs: 0, weight: creator.weight,
      });
    }
    todays.sort((a, b) => b.weight - a.weight || a.startTs - b.startTs);
    for (let k = 0; k < todays.length && k < 2; k++) {
      const s = todays[k] as LiveStream;
      if (k === 1 && !chance(rng, 0.5)) break;
      const burstStartTs = s.startTs + Math.round((s.endTs - s.startTs) * randomBetween(rng, 0.2, 0.7));
      todays[k] = { ...s, burstStartTs, burstEndTs: burstStartTs + Math.round(randomBetween(rng, 6, 10) * MINUTE) };
    }
    this.streams.push(...todays);
    this.streams.sort((a, b) => a.endTs - b.endTs);
  }
}

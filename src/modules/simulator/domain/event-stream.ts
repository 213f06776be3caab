import { AppError } from '../../../shared/errors/index.js';
import { seededRng } from '../../../shared/random.js';
import type { BuyerAccount, Buyer } from './buyers.js';
import type { Catalogue } from './catalogue.js';
import { BURST_BOOST, CST_OFFSET_MS, LiveSchedule } from './live-schedule.js';
import { MinHeap } from './min-heap.js';
import { PLATFORM_SHARES, SIM_PLATFORMS, UNION_ID_PLATFORMS, platformAt } from './platforms.js';
import { buildSampler, chance, randomExp, randomInt, subSeed, type WeightedSampler } from './sampling.js';
import { SessionBuilder, type PendingOrder, type SessionIdentity, type WireEvent } from './sessions.js';
import { buildWorld, type World } from './world.js';
import { consentOnFirstLogin } from './consent.js';

/** What to generate. */
export interface WorldOptions {
  /** Any integer; used as an unsigned 32-bit seed and inside generated ids. */
  readonly seed: number;
  /** Exact number of events to yield (a non-negative integer). */
  readonly events: number;
  /** Time of the first session, UTC epoch ms. */
  readonly startTs: number;
  readonly catalogue: Catalogue;
  /** Nominal simulated span in days over which `events` are spread (default 7). */
  readonly spanDays?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Relative traffic by Beijing hour (00..23): night trough, lunch bump, 20–22 h peak. Mean 1. */
const DIURNAL = normalise([0.7, 0.45, 0.3, 0.2, 0.15, 0.15, 0.25, 0.45, 0.7, 0.85, 0.9, 1.0, 1.15, 1.1, 0.95, 0.9, 0.95, 1.0, 1.15, 1.4, 1.7, 1.9, 1.8, 1.2]);
/** Measured mean events per session (incl. fulfilment), used to spread `events` over the span. */
const EVENTS_PER_SESSION = 5.4;
/** Share of arrivals on a platform that go to a live room when one is on air there. */
const LIVE_SHARE = 0.15;
const LOGGED_IN = 0.7;

function normalise(xs: readonly number[]): number[] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.map((x) => x / mean);
}

interface SessionCursor {
  readonly events: WireEvent[];
  i: number;
}

interface Audience {
  readonly buyers: readonly Buyer[];
  readonly accounts: readonly BuyerAccount[];
  readonly sampler: WeightedSampler;
}

function buildAudiences(world: World): Audience[] {
  return SIM_PLATFORMS.map((platform) => {
    const buyers: Buyer[] = [];
    const accounts: BuyerAccount[] = [];
    const weights: number[] = [];
    for (const b of world.buyers) {
      const account = b.accounts.find((a) => a.platform === platform);
      if (account === undefined) continue;
      buyers.push(b);
      accounts.push(account);
      weights.push(b.activity / b.accounts.length);
    }
    return { buyers, accounts, sampler: buildSampler(weights) };
  });
}

function fulfilmentEvent(order: PendingOrder, name: string, ts: number): WireEvent {
  const e: WireEvent = { eventId: '', name, ts, ...order.fields };
  if (name === 'refund') {
    e.amount = order.amount;
    e.currency = 'CNY';
  }
  return e;
}

/**
 * Generates exactly `options.events` wire-form events of a simulated world, lazily (memory holds the
 * world, the sessions in progress and the orders awaiting fulfilment — not the output).
 *
 * Guarantees: deterministic for (seed, events, startTs, catalogue, spanDays); the output is sorted
 * by `ts` (non-decreasing; ties in a fixed order), so each session's events are in time order and a
 * `refund` always follows its `pay`; `eventId`s are `sim_<seed>_<n>` with n = 0, 1, 2, … in output
 * order (other ids: `ses_<seed>_<n>`, `ord_<seed>_<n>`, `live_<seed>_<n>`). Sessions start from
 * `startTs` at a diurnal rate sized so the events span about `spanDays`; the last event's ts is the
 * world's "now": fulfilment due later is not emitted. Stops mid-session when the count is reached.
 * The same seed with a different `events` count gives a different (re-timed) stream, not a prefix.
 * @example for (const e of generateEvents({ seed: 42, events: 1000, startTs: Date.UTC(2025, 5, 1), catalogue })) ingest(e);
 */
export function* generateEvents(options: WorldOptions): Generator<Record<string, unknown>> {
  const { events, startTs } = options;
  const spanDays = options.spanDays ?? 7;
  if (!Number.isSafeInteger(events) || events < 0) throw new AppError('config_invalid', `events must be a non-negative integer, got ${events}`);
  if (!Number.isSafeInteger(startTs)) throw new AppError('config_invalid', `startTs must be integer epoch ms, got ${startTs}`);
  if (!(spanDays > 0)) throw new AppError('config_invalid', `spanDays must be positive, got ${spanDays}`);
  const seed = options.seed >>> 0;
  const world = buildWorld(seed, options.catalogue);
  const rng = seededRng(subSeed(seed, 2));
  const builder = new SessionBuilder(world, rng, String(seed));
  const schedule = new LiveSchedule(world, seededRng(subSeed(seed, 4)), `live_${seed}_`, startTs);
  const audiences = buildAudiences(world);
  const platformSampler = buildSampler(PLATFORM_SHARES);
  const meanGap = (spanDays * DAY) / Math.max(1, events / EVENTS_PER_SESSION);

  const sessions = new MinHeap<SessionCursor>();
  const fulfilment = new MinHeap<PendingOrder>();
  const pendingOrders: PendingOrder[] = [];
  // Accounts that have answered the shop's privacy prompt (consent events are added without drawing randomness).
  const asked = new Set<string>();
  let nextArrival = startTs;
  let sessionSeq = 0;
  let emitted = 0;
  while (emitted < events) {
    const sessionKey = sessions.peekKey();
    const fulfilmentKey = fulfilment.peekKey();
    if (sessionKey <= nextArrival || fulfilmentKey <= nextArrival) {
      let event: WireEvent;
      if (sessionKey <= fulfilmentKey) {
        const cursor = sessions.pop() as SessionCursor;
        event = cursor.events[cursor.i++] as WireEvent;
        const next = cursor.events[cursor.i];
        if (next !== undefined) sessions.push(next.ts, cursor);
      } else {
        const order = fulfilment.pop() as PendingOrder;
        const step = order.steps[order.next++];
        if (step === undefined) continue;
        event = fulfilmentEvent(order, step.name, step.ts);
        const next = order.steps[order.next];
        if (next !== undefined) fulfilment.push(next.ts, order);
      }
      event.eventId = `sim_${seed}_${emitted++}`;
      yield event;
      continue;
    }

    // Start the next session at nextArrival, then draw the following arrival.
    const t = nextArrival;
    schedule.advanceTo(t);
    const burst = schedule.burstAt(t);
    const out: WireEvent[] = [];
    const sessionId = `ses_${seed}_${sessionSeq++}`;
    let who: SessionIdentity;
    if (burst !== undefined && chance(rng, 1 - 1 / BURST_BOOST)) {
      who = identify(burst.platform, sessionId);
      builder.live(who, burst, t, true, out, pendingOrders);
    } else {
      const platform = platformSampler.draw(rng);
      const live = schedule.activeOn(platform, t);
      const s = identify(platform, sessionId);
      who = s;
      if (live.length > 0 && chance(rng, LIVE_SHARE)) {
        const stream = live[buildSampler(live.map((l) => l.weight)).draw(rng)] ?? live[0];
        if (stream !== undefined) builder.live(s, stream, t, false, out, pendingOrders);
      } else {
        builder.feed(s, t, out, pendingOrders);
      }
    }
    const consent = consentOnFirstLogin(who, out, asked);
    if (consent) out.unshift(consent);
    if (out.length > 0) {
      out.sort((a, b) => a.ts - b.ts);
      sessions.push((out[0] as WireEvent).ts, { events: out, i: 0 });
    }
    for (const order of pendingOrders) fulfilment.push(order.steps[0]?.ts ?? Infinity, order);
    pendingOrders.length = 0;
    const hour = Math.floor(((t + CST_OFFSET_MS) % DAY) / HOUR);
    const gap = randomExp(rng, meanGap) / (DIURNAL[hour] ?? 1) / (burst !== undefined ? BURST_BOOST : 1);
    nextArrival = t + Math.max(1, Math.round(gap));
  }

  function identify(platform: number, sessionId: string): SessionIdentity {
    const audience = audiences[platform] as Audience;
    const k = audience.sampler.draw(rng);
    const buyer = audience.buyers[k] as Buyer;
    const account = audience.accounts[k] as BuyerAccount;
    const loggedIn = chance(rng, LOGGED_IN);
    const p = platformAt(platform);
    return {
      platform: p, sessionId, buyer, account,
      anonymousId: account.anonymousIds[randomInt(rng, account.anonymousIds.length)] ?? account.openId,
      openId: loggedIn ? account.openId : undefined,
      unionId: loggedIn && buyer.unionId !== undefined && UNION_ID_PLATFORMS.has(p) ? buyer.unionId : undefined,
    };
  }
}

import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNNEL_NODES, validateEvent, type ValidationContext } from '../../events/index.js';
import { generateEvents, type WorldOptions } from './event-stream.js';
import { fallbackCatalogue } from './fallback-catalogue.js';
import { PRICE_BANDS } from './catalogue.js';
import { buildWorld } from './world.js';

type Ev = Record<string, unknown>;
const START = Date.UTC(2025, 5, 1);
const catalogue = fallbackCatalogue();
const options = (seed: number, events: number): WorldOptions => ({ seed, events, startTs: START, catalogue });

function hashOf(seed: number, events: number): string {
  const hash = createHash('sha256');
  for (const e of generateEvents(options(seed, events))) hash.update(JSON.stringify(e)).update('\n');
  return hash.digest('hex');
}

function countDistinct(events: readonly Ev[], key: (e: Ev) => string | undefined, where: (e: Ev) => boolean): number {
  const seen = new Set<string>();
  for (const e of events) if (where(e)) { const k = key(e); if (k !== undefined) seen.add(k); }
  return seen.size;
}

describe('generateEvents: determinism and shape', () => {
  it('gives identical output for the same seed and different output for another seed', () => {
    const a = hashOf(42, 20_000);
    expect(hashOf(42, 20_000)).toBe(a);
    expect(hashOf(43, 20_000)).not.toBe(a);
  });

  it('yields exactly the requested number of events, stopping mid-session', () => {
    expect([...generateEvents(options(1, 0))]).toHaveLength(0);
    expect([...generateEvents(options(1, 1))]).toHaveLength(1);
    expect([...generateEvents(options(1, 1234))]).toHaveLength(1234);
  });

  it('rejects a negative or fractional event count', () => {
    expect(() => generateEvents(options(1, -1)).next()).toThrow(/non-negative integer/);
    expect(() => generateEvents(options(1, 1.5)).next()).toThrow(/non-negative integer/);
  });
});

describe('generateEvents: a 60k-event world', () => {
  let events: Ev[] = [];
  beforeAll(() => {
    events = [...generateEvents(options(7, 60_000))];
  });
  const named = (name: string): Ev[] => events.filter((e) => e.name === name);

  it('passes validateEvent for every event, with the phone hashed', () => {
    const lastTs = events[events.length - 1]?.ts as number;
    const ctx: ValidationContext = {
      tenant: 't1', now: lastTs + 86_400_000, maxFutureSkewMs: 300_000, maxPastMs: 20 * 365 * 86_400_000,
      pseudonymise: (_kind, v) => `h${v.length}`,
    };
    const failures = events.map((e) => validateEvent(e, ctx)).filter((o) => !o.ok);
    expect(failures.slice(0, 3)).toEqual([]);
    const order = validateEvent(named('order')[0], ctx);
    expect(order.ok && order.event.phoneHash).toBe('h11');
  });

  it('has unique eventIds sim_<seed>_<n> in output order, sorted by ts, spanning several days', () => {
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events[0]?.eventId).toBe('sim_7_0');
    expect(events[0]?.ts).toBe(START);
    const outOfOrder = events.filter((e, i) => i > 0 && (e.ts as number) < (events[i - 1]?.ts as number));
    expect(outOfOrder).toEqual([]);
    const days = ((events[events.length - 1]?.ts as number) - START) / 86_400_000;
    expect(days).toBeGreaterThan(3);
    expect(days).toBeLessThan(10);
  });

  it('covers every platform and every event kind the simulator promises', () => {
    expect(new Set(events.map((e) => e.platform))).toEqual(new Set(['douyin', 'kuaishou', 'wechat_channels', 'tiktok', 'xiaohongshu', 'miniprogram']));
    for (const name of [...FUNNEL_NODES, 'like', 'comment', 'share', 'follow', 'live_enter', 'live_exit', 'coupon_claim', 'refund', 'ship', 'deliver']) {
      expect(named(name).length, name).toBeGreaterThan(0);
    }
  });

  it('counts fewer people at each of the eight funnel nodes', () => {
    const people = FUNNEL_NODES.map((node) => countDistinct(events, (e) => e.anonymousId as string | undefined, (e) => e.name === node));
    for (let i = 1; i < people.length; i++) expect(people[i], `${FUNNEL_NODES[i]} < ${FUNNEL_NODES[i - 1]}`).toBeLessThan(people[i - 1] as number);
    expect(people[7]).toBeGreaterThan(50);
  });

  it('converts cheaper price bands better (sessions paying / sessions shown, per band)', () => {
    const rate = (band: string): number =>
      countDistinct(events, (e) => e.sessionId as string, (e) => e.name === 'pay' && e.priceBand === band)
      / Math.max(1, countDistinct(events, (e) => e.sessionId as string, (e) => e.name === 'impression' && e.priceBand === band));
    const rates = PRICE_BANDS.map((b) => rate(b.band));
    expect(rates[0]).toBeGreaterThan(rates[1] as number);
    expect(rates[1]).toBeGreaterThan(rates[2] as number);
    expect(rates[2]).toBeGreaterThanOrEqual(rates[3] as number);
    expect(rates[0]).toBeGreaterThan(2 * (rates[3] as number));
  });

  it('pays positive integer fen in CNY, equal to the order amount', () => {
    const orders = new Map(named('order').map((e) => [e.orderId, e.amount]));
    for (const pay of named('pay')) {
      expect(Number.isSafeInteger(pay.amount) && (pay.amount as number) > 0).toBe(true);
      expect(pay.currency).toBe('CNY');
      expect(orders.get(pay.orderId)).toBe(pay.amount);
    }
  });

  it('refunds only earlier payments, with the same orderId and amount; ships and delivers after paying', () => {
    const paid = new Map<unknown, Ev>();
    for (const e of events) {
      if (e.name === 'pay') paid.set(e.orderId, e);
      if (e.name === 'refund' || e.name === 'ship' || e.name === 'deliver') {
        const pay = paid.get(e.orderId);
        expect(pay, `${e.name} ${String(e.orderId)}`).toBeDefined();
        expect(e.ts as number).toBeGreaterThan(pay?.ts as number);
        expect(e.buyerId).toBe(pay?.buyerId);
        if (e.name === 'refund') expect([e.amount, e.currency]).toEqual([pay?.amount, 'CNY']);
      }
    }
    expect(named('refund').length).toBeGreaterThan(5);
  });

  it('keeps each session in time order and marks complete only for watches of ≥ 90 %', () => {
    const lastTs = new Map<unknown, number>();
    const bad: Ev[] = [];
    for (const e of events) {
      if (e.sessionId === undefined) continue;
      if ((e.ts as number) < (lastTs.get(e.sessionId) ?? 0)) bad.push(e);
      lastTs.set(e.sessionId, e.ts as number);
      if (e.name === 'play' && !((e.watchMs as number) <= (e.durationMs as number))) bad.push(e);
      if (e.name === 'complete' && !((e.watchMs as number) >= 0.9 * (e.durationMs as number))) bad.push(e);
    }
    expect(bad).toEqual([]);
    const deepPlays = named('play').filter((e) => (e.watchMs as number) >= 0.9 * (e.durationMs as number)).length;
    expect(named('complete').length).toBeLessThanOrEqual(deepPlays);
    expect(named('complete').length).toBeGreaterThan(deepPlays - 5); // a few may fall after the cut-off
  });

  it('has a buyer ordering on two platforms with the same (non-proxy) phone, and proxy phones shared by many buyers', () => {
    const proxies = new Set(buildWorld(7, catalogue).proxyPhones);
    const platformsByPhone = new Map<string, Set<unknown>>();
    const buyersByProxy = new Map<string, Set<unknown>>();
    for (const e of named('order')) {
      const phone = e.phone as string;
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      const into = proxies.has(phone) ? buyersByProxy : platformsByPhone;
      into.set(phone, (into.get(phone) ?? new Set()).add(proxies.has(phone) ? e.buyerId : e.platform));
    }
    expect([...platformsByPhone.values()].some((s) => s.size >= 2)).toBe(true);
    expect(Math.max(...[...buyersByProxy.values()].map((s) => s.size))).toBeGreaterThanOrEqual(3);
  });

  it('pairs live_enter with live_exit and has a burst: many viewers entering one room within 10 minutes', () => {
    expect(named('live_enter').length).toBe(named('live_exit').length + countOpenLiveSessions(events));
    const enters = new Map<unknown, number[]>();
    for (const e of named('live_enter')) enters.set(e.liveId, [...(enters.get(e.liveId) ?? []), e.ts as number]);
    const perRoom = [...enters.values()].map((ts) => ts.length).sort((a, b) => a - b);
    const median = perRoom[perRoom.length >> 1] as number;
    let peak = 0;
    for (const ts of enters.values()) {
      for (let i = 0, j = 0; i < ts.length; i++) {
        while ((ts[i] as number) - (ts[j] as number) > 600_000) j++;
        peak = Math.max(peak, i - j + 1);
      }
    }
    expect(peak).toBeGreaterThan(10 * median);
  });
});

function countOpenLiveSessions(events: readonly Ev[]): number {
  const open = new Set<unknown>();
  for (const e of events) {
    if (e.name === 'live_enter') open.add(e.sessionId);
    if (e.name === 'live_exit') open.delete(e.sessionId);
  }
  return open.size;
}

describe('generateEvents: consent', () => {
  it('asks each logged-in account once, before its other events, and about 85 % grant personalization', () => {
    const events = [...generateEvents(options(5, 60_000))];
    const consents = events.filter((e) => e.name === 'consent');
    const openIds = consents.map((e) => e.openId as string);
    expect(new Set(openIds).size).toBe(openIds.length);
    expect(consents.length).toBeGreaterThan(500);
    const granted = consents.filter((e) => (e.consent as Record<string, boolean>).personalization).length / consents.length;
    expect(granted).toBeGreaterThan(0.8);
    expect(granted).toBeLessThan(0.9);
    const firstSeen = new Map<string, number>();
    events.forEach((e, i) => { if (typeof e.openId === 'string' && !firstSeen.has(e.openId)) firstSeen.set(e.openId, i); });
    for (const c of consents) expect(events[firstSeen.get(c.openId as string) as number]).toBe(c);
  });
});

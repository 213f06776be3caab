import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { hourOfWeekKey } from './baseline.js';
import { detectorConfig, type FunnelBucket } from './detector.js';
import { FEED_PROFILE, LIVE_PROFILE, replay, syntheticSeries, withStepFactor, type FunnelProfile } from './synthetic-series.js';

const M = 60_000;
const DAY = 86_400_000;
const config = detectorConfig(); // alpha 0.01, dropShare 0.2, madK 3, for = keep_firing_for = 2 min

describe('false alarms: 24 h of steady Poisson traffic (2,000 impressions/min, 2 % of impressions click a product)', () => {
  // Monday 00:00 Beijing; a week of history gives 60 samples for every hour of the week.
  const DAY0 = Date.UTC(2024, 4, 19, 16, 0);
  const rng = seededRng(101);
  const history = syntheticSeries(rng, DAY0 - 7 * DAY, 7 * 1440, () => FEED_PROFILE);
  const day = syntheticSeries(rng, DAY0, 1440, () => FEED_PROFILE);
  const scope = { tenant: 't1' };
  const perMinute = replay(day, { scope, history, config });
  const breaches = perMinute.steps.reduce((n, s) => n + s.evaluation.evaluations.filter((e) => e.status === 'breach').length, 0);
  const fired = perMinute.transitions.filter((t) => t.to === 'firing').length;

  it(`complete minutes: ${fired} alerts fired from ${breaches} breached rule-minutes out of ${1440 * 15} (bound ≤ 1 per day)`, () => {
    // Every rule had a trusted baseline all day (a silent detector would pass the bound trivially); a rate
    // whose denominator was empty that minute is `no_volume`.
    expect(perMinute.steps.every((s) => s.evaluation.evaluations.every((e) => e.status !== 'insufficient_history'))).toBe(true);
    expect(perMinute.steps.every((s) => s.evaluation.season === `how:${hourOfWeekKey(s.at - M)}`)).toBe(true);
    // Under the null a rule-minute breaches with probability below alpha = 0.01 (the 20 % share and 3σ make it
    // rarer); firing needs 3 consecutive breached minutes, at most 0.01³ · 1440 · 15 ≈ 2e-2 alerts a day.
    expect(breaches).toBeLessThan(1440 * 15 * 0.01);
    expect(fired).toBeLessThanOrEqual(1);
  });

  const partial = replay(day.slice(0, 360), { scope, history, config, tickMs: 10_000, rng: seededRng(102) });
  const partialFired = partial.transitions.filter((t) => t.to === 'firing').length;
  const partialBreaches = partial.steps.reduce((n, s) => n + s.evaluation.evaluations.filter((e) => e.status === 'breach').length, 0);

  it(`partial minutes every 10 s, first 6 h: ${partialFired} alerts fired from ${partialBreaches} breached rule-evaluations out of ${360 * 6 * 15} (bound ≤ 1)`, () => {
    expect(partial.steps.length).toBe(360 * 6);
    expect(partialFired).toBeLessThanOrEqual(1);
  });
});

describe('diagnosis on live-session series with a fault from minute 30', () => {
  const T0 = Date.UTC(2024, 4, 20, 12, 0);
  const scope = { tenant: 't1', creatorId: 'c1', liveId: 'l9', streamStartedAt: T0 };
  const rng = seededRng(201);
  const history = [1, 2, 3].flatMap((d) => syntheticSeries(rng, T0 - d * DAY, 60, () => LIVE_PROFILE, T0 - d * DAY));
  const FAULT = 30;
  const run = (faulty: FunnelProfile, seed: number, soldOut = false) => replay(
    syntheticSeries(seededRng(seed), T0, 50, (m) => (m >= FAULT ? faulty : LIVE_PROFILE), T0),
    { scope, history, config, ...(soldOut ? { inventoryAt: (m: number) => (m >= FAULT ? { soldOutProductIds: ['p1'], productIds: ['p1', 'p2'] } : undefined) } : {}) },
  );
  /** Diagnoses of the evaluations after the fault's first full minute, and what fired. */
  const after = (r: ReturnType<typeof run>) => ({
    kinds: r.steps.filter((s) => s.minute >= FAULT).map((s) => s.evaluation.diagnosis?.kind),
    steps: r.steps.filter((s) => s.minute >= FAULT).map((s) => { const st = s.evaluation.diagnosis?.step; return st ? `${st.from}>${st.to}` : null; }),
    fired: r.transitions.filter((t) => t.to === 'firing').map((t) => `${t.ruleId}@${(t.at - T0) / M}`),
  });

  it('traffic throttled (impressions × 0.4): traffic_drop', () => {
    const r = after(run({ ...LIVE_PROFILE, impressions: LIVE_PROFILE.impressions * 0.4 }, 202));
    expect(r.kinds.every((k) => k === 'traffic_drop')).toBe(true);
    expect(r.fired).toContain(`count.impression@${FAULT + 3}`);
  });

  it('checkout broken (orders steady, order → pay × 0.1): checkout_failure naming order → pay', () => {
    const r = after(run(withStepFactor(LIVE_PROFILE, 'order', 'pay', 0.1), 203));
    expect(r.kinds.every((k) => k === 'checkout_failure')).toBe(true);
    expect(r.steps.every((s) => s === 'order>pay')).toBe(true);
    expect(r.fired).toContain(`rate.order.pay@${FAULT + 3}`);
    expect(r.fired.some((f) => f.startsWith('count.order@'))).toBe(false);
  });

  it('sold out (add_to_cart → order × 0.05, inventory shows p1 at zero): stock_out; without inventory: conversion_drop', () => {
    const faulty = withStepFactor(LIVE_PROFILE, 'add_to_cart', 'order', 0.05);
    const withStock = after(run(faulty, 204, true));
    expect(withStock.kinds.every((k) => k === 'stock_out')).toBe(true);
    expect(withStock.steps.every((s) => s === 'add_to_cart>order')).toBe(true);
    const blind = after(run(faulty, 204));
    expect(blind.kinds.every((k) => k === 'conversion_drop')).toBe(true);
  });
});

describe('seasonality: a daily dip at 03:00 Beijing (impressions × 0.4 for the hour)', () => {
  const DAY0 = Date.UTC(2024, 4, 19, 16, 0); // Monday 00:00 Beijing
  const dip = (start: number) => (m: number): FunnelProfile => {
    const hour = Math.floor(((start + m * M + 8 * 3_600_000) % DAY) / 3_600_000);
    return hour === 3 ? { ...FEED_PROFILE, impressions: FEED_PROFILE.impressions * 0.4 } : FEED_PROFILE;
  };
  const rng = seededRng(301);
  const seen = syntheticSeries(rng, DAY0 - 7 * DAY, 7 * 1440, dip(DAY0 - 7 * DAY));
  const unseen = syntheticSeries(rng, DAY0 - 7 * DAY, 7 * 1440, () => FEED_PROFILE);
  // 02:00–05:00 of the next Monday, with the dip.
  const window: FunnelBucket[] = syntheticSeries(rng, DAY0 + 2 * 60 * M, 180, dip(DAY0 + 2 * 60 * M));

  it('is not an alert once the hour-of-week baseline has seen it', () => {
    const r = replay(window, { scope: { tenant: 't1' }, history: seen, config });
    expect(r.transitions.filter((t) => t.to === 'firing')).toEqual([]);
  });

  it('is an alert (traffic_drop) when the baseline has not seen it', () => {
    const r = replay(window, { scope: { tenant: 't1' }, history: unseen, config });
    const fired = r.transitions.filter((t) => t.to === 'firing' && t.ruleId === 'count.impression');
    expect(fired.map((t) => (t.at - DAY0) / M)).toEqual([3 * 60 + 3]); // 03:00 + 1 min bucket + 2 min `for`
    expect(r.steps.find((s) => s.at === fired[0]?.at)?.evaluation.diagnosis?.kind).toBe('traffic_drop');
  });
});

describe('sliding minutes (what the live loop evaluates: the partial minute plus the unelapsed share of the one before)', () => {
  const DAY0 = Date.UTC(2024, 4, 19, 16, 0);
  const rng = seededRng(401);
  const history = syntheticSeries(rng, DAY0 - 7 * DAY, 7 * 1440, () => LIVE_PROFILE);

  it('steady traffic, every 5 s for 3 h: at most one alert, and fewer breached evaluations than partial minutes give', () => {
    const day = syntheticSeries(rng, DAY0, 180, () => LIVE_PROFILE);
    const sliding = replay(day, { scope: { tenant: 't1' }, history, config, tickMs: 5_000, rng: seededRng(402), sliding: true });
    const partial = replay(day, { scope: { tenant: 't1' }, history, config, tickMs: 5_000, rng: seededRng(402) });
    const breaches = (r: typeof sliding) => r.steps.reduce((n, s) => n + s.evaluation.evaluations.filter((e) => e.status === 'breach').length, 0);
    expect(sliding.transitions.filter((t) => t.to === 'firing').length).toBeLessThanOrEqual(1);
    // Sliding minutes are evaluated from the minute's first second (partial ones wait 10 s), yet breach less.
    expect(sliding.steps.filter((s) => s.evaluation.evaluated).length).toBeGreaterThan(partial.steps.filter((s) => s.evaluation.evaluated).length);
    expect(breaches(sliding)).toBeLessThan(breaches(partial));
  });

  it('checkout broken from minute 30 of a live session: stays breached across minute boundaries and fires 2–3 min in', () => {
    const T0 = Date.UTC(2024, 4, 20, 12, 0);
    const scope = { tenant: 't1', creatorId: 'c1', liveId: 'l9', streamStartedAt: T0 };
    const earlier = [1, 2, 3].flatMap((d) => syntheticSeries(seededRng(410 + d), T0 - d * DAY, 60, () => LIVE_PROFILE, T0 - d * DAY));
    const faulty = withStepFactor(LIVE_PROFILE, 'order', 'pay', 0.1);
    const series = syntheticSeries(seededRng(420), T0, 40, (m) => (m >= 30 ? faulty : LIVE_PROFILE), T0);
    const r = replay(series, { scope, history: earlier, config, tickMs: 5_000, rng: seededRng(421), sliding: true });
    const fired = r.transitions.filter((t) => t.to === 'firing').map((t) => ({ rule: t.ruleId, minute: (t.at - T0) / M }));
    const checkout = fired.find((f) => f.rule === 'rate.order.pay');
    expect(checkout?.minute).toBeGreaterThanOrEqual(32);
    expect(checkout?.minute).toBeLessThan(33.5);
    expect(fired.every((f) => f.minute >= 30)).toBe(true); // nothing before the fault
  });
});

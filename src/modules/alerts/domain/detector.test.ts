import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { detectorConfig, evaluate, seasonalHistory, seriesKeyOf, type FunnelBucket } from './detector.js';
import { defaultRules } from './rules.js';
import { LIVE_PROFILE, replay, syntheticSeries, type FunnelProfile } from './synthetic-series.js';

const M = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 20, 12, 0); // the current session starts 20:00 Beijing
const scope = { tenant: 't1', creatorId: 'c1', liveId: 'l4', streamStartedAt: T0 };
const config = detectorConfig(); // for = 2 min, keep_firing_for = 2 min, minSamples 10, tolerance ± 2 min
const FOR = config.rules[0]?.forMs as number;

/** Three earlier 120-minute sessions of the same creator, a day apart: 15 seasonal samples per minute. */
function history(seed: number): FunnelBucket[] {
  const rng = seededRng(seed);
  return [1, 2, 3].flatMap((d) => syntheticSeries(rng, T0 - d * DAY, 120, () => LIVE_PROFILE, T0 - d * DAY));
}
const halfTraffic: FunnelProfile = { ...LIVE_PROFILE, impressions: LIVE_PROFILE.impressions / 2 };
const CHANGE = 60; // impressions halve from minute 60
const session = (seed: number): FunnelBucket[] =>
  syntheticSeries(seededRng(seed), T0, 90, (m) => (m >= CHANGE ? halfTraffic : LIVE_PROFILE), T0);

const firstFiring = (ts: readonly { to: string; at: number; ruleId: string }[], ruleId: string): number | undefined =>
  ts.find((t) => t.to === 'firing' && t.ruleId === ruleId)?.at;

// (a) Detection delay, measured on the seeded series (deterministic).
const hist = history(11);
const perMinute = replay(session(12), { scope, history: hist, config });
const perMinuteDelay = (firstFiring(perMinute.transitions, 'count.impression') ?? Infinity) - (T0 + CHANGE * M);
const partial = replay(session(12), { scope, history: hist, config, tickMs: 5_000, rng: seededRng(13) });
const partialDelay = (firstFiring(partial.transitions, 'count.impression') ?? Infinity) - (T0 + CHANGE * M);

describe('detection delay: impressions halve at minute 60 of a live session (for = 2 min)', () => {
  it(`complete minute buckets: fires ${perMinuteDelay / 1000} s after the change (bound: for + 1 min = 180 s)`, () => {
    expect(perMinuteDelay).toBe(FOR + M); // pending at the end of the first bad minute, firing `for` later
    expect(perMinute.transitions.filter((t) => t.to === 'firing' && t.at < T0 + CHANGE * M)).toEqual([]); // no alarm before the change
  });

  it(`partial minutes evaluated every 5 s: fires ${partialDelay / 1000} s after the change`, () => {
    expect(partialDelay).toBeLessThanOrEqual(FOR + config.minPartialMs);
    expect(partialDelay).toBeLessThan(perMinuteDelay);
    expect(partial.transitions.filter((t) => t.to === 'firing' && t.at < T0 + CHANGE * M)).toEqual([]);
  });

  it('diagnoses the drop as traffic_drop while it fires', () => {
    const firing = perMinute.steps.filter((s) => s.evaluation.states['count.impression']?.status === 'firing');
    expect(firing.length).toBe(90 - CHANGE - 2);
    expect(firing.every((s) => s.evaluation.diagnosis?.kind === 'traffic_drop')).toBe(true);
  });
});

describe('hysteresis: one noisy minute neither pages nor flaps', () => {
  const noisyMinute = (bad: (m: number) => boolean): FunnelBucket[] =>
    syntheticSeries(seededRng(21), T0, 40, (m) => (bad(m) ? halfTraffic : LIVE_PROFILE), T0);

  it('a single bad minute goes pending and back, never firing (for)', () => {
    const r = replay(noisyMinute((m) => m === 20), { scope, history: hist, config });
    const imp = r.transitions.filter((t) => t.ruleId === 'count.impression').map((t) => `${t.from}>${t.to}@${(t.at - T0) / M}`);
    expect(imp).toEqual(['inactive>pending@21', 'pending>inactive@22']);
    expect(r.transitions.some((t) => t.to === 'firing')).toBe(false);
  });

  it('a single good minute inside an outage does not resolve the alert (keep_firing_for)', () => {
    const r = replay(noisyMinute((m) => m >= 10 && m < 30 && m !== 20), { scope, history: hist, config });
    const imp = r.transitions.filter((t) => t.ruleId === 'count.impression').map((t) => `${t.from}>${t.to}@${(t.at - T0) / M}`);
    // Bad minutes 10–29 except 20; evaluated at each minute's end; resolves 2 min after the first clear evaluation at 31.
    expect(imp).toEqual(['inactive>pending@11', 'pending>firing@13', 'firing>resolved@33']);
  });

  it('without keep_firing_for the same good minute flaps the alert', () => {
    const flappy = detectorConfig({ rules: defaultRules({ keepFiringForMs: 0 }) });
    const r = replay(noisyMinute((m) => m >= 10 && m < 30 && m !== 20), { scope, history: hist, config: flappy });
    expect(r.transitions.filter((t) => t.ruleId === 'count.impression' && t.to === 'resolved').length).toBe(2);
  });
});

describe('partial current minute', () => {
  const current = syntheticSeries(seededRng(31), T0 + 30 * M, 1, () => LIVE_PROFILE, T0)[0] as FunnelBucket;
  const scaled = (share: number): FunnelBucket => ({ ...current, counts: { ...current.counts, impression: Math.round(current.counts.impression * share) } });
  const impressionAt = (bucket: FunnelBucket, elapsedMs: number) =>
    evaluate({ scope, history: hist, current: bucket, now: bucket.start + elapsedMs, config }).evaluations.find((e) => e.ruleId === 'count.impression');

  it('a third of a minute with a third of the events is normal: the baseline is scaled, not the count', () => {
    const e = impressionAt(scaled(1 / 3), 20_000);
    expect(e?.status).toBe('ok');
    expect(e?.expected).toBeCloseTo(3000 / 3, -1);
  });

  it('a third of a minute with a sixth of the events is a drop', () => {
    expect(impressionAt(scaled(1 / 6), 20_000)).toMatchObject({ status: 'breach', breach: 'drop' });
    // Judged as a whole minute (no scaling), a normal third of a minute would read as a 67 % drop:
    expect(impressionAt(scaled(1 / 3), 60_000)?.status).toBe('breach');
  });

  it('is not evaluated before minPartialMs; states are left as they were', () => {
    const states = { 'count.impression': { status: 'pending', activeSince: 1, firingSince: null, clearSince: null, acknowledgedAt: null, resolvedAt: null } as const };
    const r = evaluate({ scope, history: hist, current: scaled(0), now: current.start + 9_999, states, config });
    expect(r).toMatchObject({ evaluated: false, evaluations: [], transitions: [], diagnosis: null });
    expect(r.states).toBe(states);
    expect(evaluate({ scope, history: hist, current: scaled(0), now: current.start + 10_000, states, config }).evaluated).toBe(true);
  });
});

describe('seasonal history and insufficient history', () => {
  it('live scope: earlier sessions within ± tolerance minutes, never the current session', () => {
    const own = syntheticSeries(seededRng(41), T0, 30, () => LIVE_PROFILE, T0);
    const bucket = own[29] as FunnelBucket;
    const picked = seasonalHistory([...hist, ...own], bucket, scope, config);
    expect(picked.season).toBe('live:29');
    expect(picked.buckets.length).toBe(15);
    expect(picked.buckets.every((b) => b.streamStartedAt !== T0)).toBe(true);
    expect(seriesKeyOf(scope)).toBe('t1/c1/l4');
    expect(seriesKeyOf({ tenant: 't1' })).toBe('t1');
  });

  it('with too few sessions every rule answers insufficient_history and nothing fires, even at zero traffic', () => {
    const oneSession = hist.filter((b) => b.streamStartedAt === T0 - DAY); // 5 samples < minSamples 10
    const r = replay(syntheticSeries(seededRng(42), T0, 10, () => ({ ...LIVE_PROFILE, impressions: 0 }), T0), { scope, history: oneSession, config });
    expect(r.transitions).toEqual([]);
    expect(r.steps.every((s) => s.evaluation.evaluations.every((e) => e.status === 'insufficient_history'))).toBe(true);
    expect(r.steps.every((s) => s.evaluation.diagnosis?.kind === 'normal')).toBe(true);
  });
});

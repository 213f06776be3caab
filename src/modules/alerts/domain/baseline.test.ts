import { describe, expect, it } from 'vitest';
import { median } from '../../../shared/stats.js';
import { countBaseline, hourOfWeekKey, liveMinuteKey, medianAbsoluteDeviation, minutesSinceStart, rateBaseline } from './baseline.js';

describe('seasonality keys', () => {
  it('hourOfWeekKey counts hours from Monday 00:00 on the local clock (default UTC+8)', () => {
    // 2024-01-01 was a Monday.
    expect(hourOfWeekKey(Date.UTC(2024, 0, 1, 0, 30))).toBe(8); // Monday 08:30 Beijing
    expect(hourOfWeekKey(Date.UTC(2024, 0, 1, 0, 30), 0)).toBe(0); // Monday 00:30 UTC
    expect(hourOfWeekKey(Date.UTC(2023, 11, 31, 16, 0))).toBe(0); // Sunday 16:00 UTC is Monday 00:00 Beijing
    expect(hourOfWeekKey(Date.UTC(2023, 11, 31, 15, 59))).toBe(167); // … and a minute earlier Sunday 23:59
    expect(hourOfWeekKey(Date.UTC(2024, 0, 3, 12, 0), -300)).toBe(2 * 24 + 7); // Wednesday 07:00 in UTC−5
    expect(hourOfWeekKey(Date.UTC(1969, 11, 29, 0, 0), 0)).toBe(0); // before the epoch: Monday 1969-12-29
  });

  it('the same hour a week later has the same key, an hour later does not', () => {
    const t = Date.UTC(2024, 4, 17, 11, 45);
    expect(hourOfWeekKey(t + 7 * 86_400_000)).toBe(hourOfWeekKey(t));
    expect(hourOfWeekKey(t + 3_600_000)).toBe((hourOfWeekKey(t) + 1) % 168);
  });

  it('liveMinuteKey is whole minutes since the stream started', () => {
    expect(liveMinuteKey(0)).toBe(0);
    expect(liveMinuteKey(12.9)).toBe(12);
    expect(liveMinuteKey(-0.5)).toBe(0);
    expect(minutesSinceStart(1_000_000 + 125_000, 1_000_000)).toBe(2);
  });
});

describe('robust baselines', () => {
  it('median and MAD by hand, unmoved by one outlier', () => {
    const xs = [10, 12, 11, 13, 9, 500];
    expect(median(xs)).toBe(11.5);
    expect(medianAbsoluteDeviation(xs)).toBe(1.5); // |deviations| 1.5 .5 .5 1.5 2.5 488.5 → median 1.5
    const b = countBaseline(xs, 5);
    expect(b).toEqual({ state: 'ok', n: 6, median: 11.5, sigma: 1.5 * 1.4826 });
  });

  it('answers insufficient_history below minSamples', () => {
    expect(countBaseline([1, 2, 3], 4)).toEqual({ state: 'insufficient_history', n: 3, minSamples: 4 });
    expect(rateBaseline([{ num: 1, den: 2 }, { num: 0, den: 0 }], 2)).toMatchObject({ state: 'insufficient_history', n: 1 });
  });

  it('pools the rate over the buckets within 3 binomial σ of the pooled rate, trimming outage minutes', () => {
    const samples = [
      { num: 9, den: 10 }, { num: 18, den: 20 }, { num: 8, den: 10 }, { num: 10, den: 10 }, { num: 27, den: 30 },
      { num: 0, den: 40 }, // an outage minute: rate 0 (z ≈ −10 against the pooled 72/120), trimmed
    ];
    const b = rateBaseline(samples, 5);
    expect(b).toMatchObject({ state: 'ok', n: 6, trimmed: 1 });
    if (b.state === 'ok') expect(b.rate).toBeCloseTo(72 / 80, 12);
  });

  it('is not biased at small denominators, where most minutes convert all or nothing', () => {
    // 3 orders a minute paid at 90 %: 3 of 3 in most minutes, so the median per-minute rate is 1.
    const samples = [...Array.from({ length: 14 }, () => ({ num: 3, den: 3 })), ...Array.from({ length: 6 }, () => ({ num: 2, den: 3 }))];
    const b = rateBaseline(samples, 10);
    expect(median(samples.map((s) => s.num / s.den))).toBe(1);
    expect(b).toMatchObject({ state: 'ok', trimmed: 0 });
    if (b.state === 'ok') expect(b.rate).toBeCloseTo(54 / 60, 12);
  });

  it('caps a numerator above its denominator', () => {
    const b = rateBaseline(Array.from({ length: 5 }, () => ({ num: 12, den: 10 })), 5);
    expect(b).toMatchObject({ state: 'ok', rate: 1, sigma: 0 });
  });
});

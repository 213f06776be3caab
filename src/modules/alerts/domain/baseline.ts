import { median } from '../../../shared/stats.js';

/**
 * Robust baselines: the median of the history samples that share the current bucket's season, and the
 * median absolute deviation scaled to a standard deviation (× 1.4826, exact for normal data), so one
 * outage or flash sale in the history moves neither. Seasons: the same minute since stream start for a
 * creator's live sessions (`liveMinuteKey`), the same hour of the week otherwise (`hourOfWeekKey`).
 * Fewer than `minSamples` samples give `insufficient_history`: the rule does not fire.
 */

/** MAD × this = σ for normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;
/** China Standard Time (UTC+8), where the merchants are. */
export const DEFAULT_TZ_OFFSET_MINUTES = 480;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The live-session season of a minute: whole minutes since the stream started (minute 0 is the first). */
export function liveMinuteKey(minutesSinceStreamStart: number): number {
  return Math.max(0, Math.floor(minutesSinceStreamStart));
}

/** Whole minutes from a stream's start to a bucket's start. */
export const minutesSinceStart = (bucketStart: number, streamStartedAt: number): number =>
  liveMinuteKey((bucketStart - streamStartedAt) / MINUTE);

/**
 * The hour of the week, 0 (Monday 00:00–00:59) to 167 (Sunday 23:00–23:59), on the local clock of a zone
 * `tzOffsetMinutes` east of UTC (default +480, China; fixed offsets, no daylight saving).
 * @example hourOfWeekKey(Date.UTC(2024, 0, 1, 0, 30)) === 8 // Monday 08:30 in Beijing
 */
export function hourOfWeekKey(ts: number, tzOffsetMinutes = DEFAULT_TZ_OFFSET_MINUTES): number {
  const local = ts + tzOffsetMinutes * MINUTE;
  const day = Math.floor(local / DAY);
  const hour = Math.floor((local - day * DAY) / HOUR);
  // Epoch day 0 (1970-01-01) was a Thursday: 3 days after Monday.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return weekday * 24 + hour;
}

/** The median absolute deviation from the median; null when empty. */
export function medianAbsoluteDeviation(values: readonly number[]): number | null {
  const m = median(values);
  return m === null ? null : median(values.map((v) => Math.abs(v - m)));
}

/** Not enough seasonal samples to trust a baseline: rules built on it stay quiet. */
export interface InsufficientHistory { readonly state: 'insufficient_history'; readonly n: number; readonly minSamples: number }

/** A per-minute count baseline: median and robust σ (MAD × 1.4826) over `n` seasonal samples. */
export type CountBaseline =
  | { readonly state: 'ok'; readonly n: number; readonly median: number; readonly sigma: number }
  | InsufficientHistory;

/** Robust count baseline from per-minute counts of the same season. */
export function countBaseline(samples: readonly number[], minSamples: number): CountBaseline {
  if (samples.length < Math.max(1, minSamples)) return { state: 'insufficient_history', n: samples.length, minSamples };
  return { state: 'ok', n: samples.length, median: median(samples) as number, sigma: (medianAbsoluteDeviation(samples) as number) * MAD_TO_SIGMA };
}

/** One bucket's numerator and denominator of a conversion rate (e.g. pays and orders in a minute). */
export interface RateSample { readonly num: number; readonly den: number }

/**
 * A conversion-rate baseline. `rate` is pooled (Σ num ÷ Σ den) over the buckets whose binomial z-score
 * against that rate is within `trimK` (default 3) — found by iterating from the denominator-weighted
 * median rate — so an outage minute is trimmed, yet ordinary noise at small denominators is kept (a median of per-bucket
 * rates would be biased there: with 3 orders a minute most minutes pay 3 of 3, and the median rate is 1).
 * `sigma` is the robust σ (MAD × 1.4826) of the per-bucket rates. Empty denominators are not samples.
 */
export type RateBaseline =
  | { readonly state: 'ok'; readonly n: number; readonly rate: number; readonly sigma: number; readonly trimmed: number }
  | InsufficientHistory;

/** Robust rate baseline from per-minute (numerator, denominator) pairs of the same season. */
export function rateBaseline(samples: readonly RateSample[], minSamples: number, trimK = 3): RateBaseline {
  const used = samples.filter((s) => s.den > 0).map((s) => ({ num: Math.min(s.num, s.den), den: s.den }));
  if (used.length < Math.max(1, minSamples)) return { state: 'insufficient_history', n: used.length, minSamples };
  const pool = (xs: readonly RateSample[]): number => xs.reduce((a, s) => a + s.num, 0) / xs.reduce((a, s) => a + s.den, 0);
  // Start from the denominator-weighted median rate (robust to outliers), then alternate trimming and
  // re-pooling until the kept set settles. At a rate of exactly 0 or 1 nothing can be trimmed.
  let rate = weightedMedianRate(used);
  let kept: readonly RateSample[] = used;
  for (let i = 0; i < 10; i++) {
    const v = rate * (1 - rate);
    const next = v === 0 ? used : used.filter((s) => Math.abs(s.num - s.den * rate) <= trimK * Math.sqrt(s.den * v));
    const pooled = next.length > 0 ? pool(next) : rate;
    const settled = next.length === kept.length && pooled === rate;
    kept = next;
    rate = pooled;
    if (settled) break;
  }
  const rates = used.map((s) => s.num / s.den);
  return {
    state: 'ok', n: used.length, rate,
    sigma: (medianAbsoluteDeviation(rates) as number) * MAD_TO_SIGMA, trimmed: used.length - kept.length,
  };
}

/** The rate at which half the denominator weight lies at or below. */
function weightedMedianRate(samples: readonly RateSample[]): number {
  const sorted = [...samples].sort((a, b) => a.num / a.den - b.num / b.den);
  const half = sorted.reduce((a, s) => a + s.den, 0) / 2;
  let acc = 0;
  for (const s of sorted) {
    acc += s.den;
    if (acc >= half) return s.num / s.den;
  }
  return 0;
}

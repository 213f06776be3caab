import { countBaseline, DEFAULT_TZ_OFFSET_MINUTES, hourOfWeekKey, minutesSinceStart, rateBaseline, type RateSample } from './baseline.js';
import { INACTIVE, step, type AlertState, type AlertTransition } from './alert-state.js';
import { diagnose, type Diagnosis, type InventorySignal } from './diagnosis.js';
import { defaultRules, evaluateCountRule, evaluateRateRule, type AlertRule, type FunnelCounts, type RuleEvaluation } from './rules.js';

/**
 * The detector: one call per evaluation of a scope (a tenant, or a creator's live session). It picks the
 * seasonal history of the current bucket, builds robust baselines per rule, evaluates every rule on the
 * current bucket, steps each rule's alert state and diagnoses the bucket.
 *
 * Buckets are one minute long. The current bucket may be partial: `now − current.start` ms of it have
 * elapsed (capped at a minute), counts baselines are scaled by that fraction and rate rules use what has
 * arrived, so a caller can evaluate every few seconds and an alert goes pending seconds after a drop
 * starts, not at the end of the minute. Before `minPartialMs` of a bucket has elapsed the bucket is not
 * evaluated at all (too few events; alert states are left as they were). `now` should be the aggregation
 * watermark (event time up to which counts are complete), else ingestion lag reads as a drop.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Per-minute funnel counts. `streamStartedAt` marks a bucket of a live session (needed for live seasonality). */
export interface FunnelBucket { readonly start: number; readonly counts: FunnelCounts; readonly streamStartedAt?: number }

/** What is monitored. With `streamStartedAt` it is a live session, baselined on the creator's earlier sessions. */
export interface DetectorScope {
  readonly tenant: string;
  readonly creatorId?: string;
  readonly liveId?: string;
  readonly streamStartedAt?: number;
}

/** The rules and the baseline settings of a detector. */
export interface DetectorConfig {
  readonly rules: readonly AlertRule[];
  /** Seasonal samples needed before a baseline is trusted (default 10). */
  readonly minSamples: number;
  /** Most recent seasonal samples kept (default 1000). */
  readonly maxSamples: number;
  /** Zone of the hour-of-week seasons, minutes east of UTC (default +480, China). */
  readonly tzOffsetMinutes: number;
  /** Live seasonality takes earlier sessions' minutes within ± this many minutes of the current one (default 2). */
  readonly liveMinuteTolerance: number;
  /** A partial bucket is evaluated once this much of it has elapsed, ms (default 10 000). */
  readonly minPartialMs: number;
}

/** The defaults; `detectorConfig` overrides them. */
export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = Object.freeze({
  rules: Object.freeze(defaultRules()), minSamples: 10, maxSamples: 1000, tzOffsetMinutes: DEFAULT_TZ_OFFSET_MINUTES,
  liveMinuteTolerance: 2, minPartialMs: 10_000,
});

/** The defaults with the given settings over them. */
export const detectorConfig = (overrides: Partial<DetectorConfig> = {}): DetectorConfig => ({ ...DEFAULT_DETECTOR_CONFIG, ...overrides });

/** One evaluation of one scope: its history, the current (possibly partial) bucket, the time and the prior alert states. */
export interface EvaluateInput {
  readonly scope: DetectorScope;
  /** Earlier buckets of the scope (any order); the detector picks the seasonal ones. */
  readonly history: readonly FunnelBucket[];
  readonly current: FunnelBucket;
  /**
   * The complete minute before `current`. Given, a partial current minute is evaluated as a sliding
   * minute: its counts plus the previous minute's scaled by the share not yet elapsed (arrivals taken as
   * uniform), so every evaluation sees a full minute of volume and a breach does not lapse for want of
   * evidence at each minute's start. Leave it out at a session's first minute.
   */
  readonly previous?: FunnelBucket;
  /** Evaluation time, UTC epoch ms (the watermark). */
  readonly now: number;
  /** Alert states by rule id from the previous call; missing ones are inactive. */
  readonly states?: Readonly<Record<string, AlertState>>;
  readonly inventory?: InventorySignal;
  readonly config?: DetectorConfig;
}

/** A transition of one rule's alert in one series. */
export interface SeriesTransition extends AlertTransition { readonly ruleId: string; readonly series: string }

/** What `evaluate` answers: every rule's evaluation, the next alert states, the transitions and the diagnosis. */
export interface Evaluation {
  readonly series: string;
  /** `how:<0-167>` or `live:<minute>`. */
  readonly season: string;
  /** False when too little of the bucket has elapsed (then nothing below was computed and states are unchanged). */
  readonly evaluated: boolean;
  readonly elapsedMs: number;
  readonly evaluations: readonly RuleEvaluation[];
  readonly states: Readonly<Record<string, AlertState>>;
  readonly transitions: readonly SeriesTransition[];
  readonly diagnosis: Diagnosis | null;
}

/** The series key of a scope: `tenant` or `tenant/creator/live`. */
export const seriesKeyOf = (s: DetectorScope): string =>
  (s.streamStartedAt === undefined ? s.tenant : `${s.tenant}/${s.creatorId ?? '-'}/${s.liveId ?? String(s.streamStartedAt)}`);

/** The season of the current bucket and the history buckets in it (most recent `maxSamples`). */
export function seasonalHistory(history: readonly FunnelBucket[], current: FunnelBucket, scope: DetectorScope, config: DetectorConfig): { season: string; buckets: FunnelBucket[] } {
  let season: string;
  let picked: FunnelBucket[];
  const live = scope.streamStartedAt;
  if (live !== undefined) {
    const minute = minutesSinceStart(current.start, live);
    season = `live:${minute}`;
    // Earlier sessions only: this session's own recent minutes may already carry the fault.
    picked = history.filter((b) => b.streamStartedAt !== undefined && b.streamStartedAt !== live
      && Math.abs(minutesSinceStart(b.start, b.streamStartedAt) - minute) <= config.liveMinuteTolerance);
  } else {
    const key = hourOfWeekKey(current.start, config.tzOffsetMinutes);
    season = `how:${key}`;
    // Earlier weeks only: the current hour's own minutes may already carry the fault.
    picked = history.filter((b) => b.start <= current.start - HOUR && hourOfWeekKey(b.start, config.tzOffsetMinutes) === key);
  }
  if (picked.length > config.maxSamples) picked = [...picked].sort((a, b) => b.start - a.start).slice(0, config.maxSamples);
  return { season, buckets: picked };
}

/** The last minute's counts at `fraction` into the current minute: current + previous × (1 − fraction), rounded. */
function slidingCounts(current: FunnelCounts, previous: FunnelCounts, fraction: number): FunnelCounts {
  const out = {} as Record<keyof FunnelCounts, number>;
  for (const k of Object.keys(current) as (keyof FunnelCounts)[]) out[k] = current[k] + Math.round(previous[k] * (1 - fraction));
  return out;
}

/** Evaluates every rule on the current (possibly partial) bucket, steps the alert states and diagnoses. */
export function evaluate(input: EvaluateInput): Evaluation {
  const config = input.config ?? DEFAULT_DETECTOR_CONFIG;
  const series = seriesKeyOf(input.scope);
  const states = input.states ?? {};
  const elapsedMs = Math.max(0, Math.min(MINUTE, input.now - input.current.start));
  const { season, buckets } = seasonalHistory(input.history, input.current, input.scope, config);
  const sliding = input.previous !== undefined && input.previous.start === input.current.start - MINUTE && elapsedMs < MINUTE;
  if (!sliding && elapsedMs < Math.min(config.minPartialMs, MINUTE)) {
    return { series, season, evaluated: false, elapsedMs, evaluations: [], states, transitions: [], diagnosis: null };
  }
  const fraction = sliding ? 1 : elapsedMs / MINUTE;
  const counts = sliding ? slidingCounts(input.current.counts, (input.previous as FunnelBucket).counts, elapsedMs / MINUTE) : input.current.counts;
  const evaluations = config.rules.map((rule): RuleEvaluation => {
    const m = rule.metric;
    if (m.kind === 'count') return evaluateCountRule(rule, counts[m.node], countBaseline(buckets.map((b) => b.counts[m.node]), config.minSamples), fraction);
    const samples: RateSample[] = buckets.map((b) => ({ num: b.counts[m.to], den: b.counts[m.from] }));
    return evaluateRateRule(rule, counts[m.to], counts[m.from], rateBaseline(samples, config.minSamples));
  });

  const nextStates: Record<string, AlertState> = { ...states };
  const transitions: SeriesTransition[] = [];
  config.rules.forEach((rule, i) => {
    const e = evaluations[i] as RuleEvaluation;
    const result = step(states[rule.id] ?? INACTIVE, e.status === 'breach', input.now, rule, { value: e.observed, baseline: e.expected });
    nextStates[rule.id] = result.state;
    for (const t of result.transitions) transitions.push({ ...t, ruleId: rule.id, series });
  });
  return { series, season, evaluated: true, elapsedMs, evaluations, states: nextStates, transitions, diagnosis: diagnose(evaluations, input.inventory) };
}

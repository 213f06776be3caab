import type { TimelineEvent } from './timeline.js';
import { mean, percentile, ratio } from '../../../shared/stats.js';

/** A breakdown dimension of the start event. */
export type DecisionDimension = 'platform' | 'creatorId' | 'videoId' | 'liveId' | 'productId' | 'categoryId' | 'priceBand';

/** One person's decision: whether they started, and how long from start to end (null: no end yet). */
export interface Decision {
  /** Breakdown value of the start event (null without a breakdown or when the event lacks it). */
  readonly tag: string | null;
  /** ms from the start event to the end event, or null when the person has no end event after it. */
  readonly ms: number | null;
}

/**
 * A person's decision time: from their FIRST start event to the first end event at or after it (in
 * timeline order). Returns null when the person has no start event. Start and end must differ.
 */
export function measureDecision(timeline: readonly TimelineEvent[], start: string, end: string, by: DecisionDimension | null): Decision | null {
  const at = timeline.findIndex((e) => e.name === start);
  if (at < 0) return null;
  const first = timeline[at] as TimelineEvent;
  const tag = by === null ? null : first[by];
  for (let i = at + 1; i < timeline.length; i++) {
    const e = timeline[i] as TimelineEvent;
    if (e.name === end) return { tag, ms: e.ts - first.ts };
  }
  return { tag, ms: null };
}

/** One histogram bucket `[fromMs, toMs)`; the last bucket is open (`toMs` null). */
export interface TimeBucket { readonly label: string; readonly fromMs: number; readonly toMs: number | null; readonly persons: number }

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
/**
 * Fixed bucket edges, the same for every group and range so charts compare: <1m, 1–5m, 5–15m,
 * 15m–1h, 1–6h, 6–24h, 1–3d, 3–7d, ≥7d.
 */
export const DECISION_BUCKETS: readonly { label: string; fromMs: number; toMs: number | null }[] = [
  { label: '<1m', fromMs: 0, toMs: M }, { label: '1m-5m', fromMs: M, toMs: 5 * M }, { label: '5m-15m', fromMs: 5 * M, toMs: 15 * M },
  { label: '15m-1h', fromMs: 15 * M, toMs: H }, { label: '1h-6h', fromMs: H, toMs: 6 * H }, { label: '6h-24h', fromMs: 6 * H, toMs: D },
  { label: '1d-3d', fromMs: D, toMs: 3 * D }, { label: '3d-7d', fromMs: 3 * D, toMs: 7 * D }, { label: '>=7d', fromMs: 7 * D, toMs: null },
];

/** Decision time of one group (`all` or one breakdown value). */
export interface DecisionGroupReport {
  readonly group: string;
  /** Persons with a start event. */
  readonly started: number;
  /** Persons with an end event after their first start event. */
  readonly converted: number;
  readonly conversionRate: number;
  /** Percentiles (linear interpolation, type 7) and mean of the converted persons' times, ms; null when none. */
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
  readonly meanMs: number | null;
  readonly histogram: TimeBucket[];
}

/** Aggregates decisions into counts, p50, p90, mean and a histogram over `DECISION_BUCKETS`. */
export function summariseDecisions(group: string, decisions: readonly Decision[]): DecisionGroupReport {
  const times = decisions.flatMap((d) => (d.ms === null ? [] : [d.ms])).sort((a, b) => a - b);
  const counts = DECISION_BUCKETS.map(() => 0);
  for (const ms of times) {
    const i = DECISION_BUCKETS.findIndex((b) => b.toMs === null || ms < b.toMs);
    counts[i] = (counts[i] as number) + 1;
  }
  return {
    group,
    started: decisions.length,
    converted: times.length,
    conversionRate: ratio(times.length, decisions.length),
    p50Ms: percentile(times, 0.5),
    p90Ms: percentile(times, 0.9),
    meanMs: mean(times),
    histogram: DECISION_BUCKETS.map((b, i) => ({ ...b, persons: counts[i] as number })),
  };
}

/** One report per breakdown value (null → `(none)`), most converted first, then most started, then by name. */
export function summariseDecisionGroups(decisions: readonly Decision[]): DecisionGroupReport[] {
  const byTag = new Map<string, Decision[]>();
  for (const d of decisions) {
    const tag = d.tag ?? '(none)';
    const list = byTag.get(tag);
    if (list) list.push(d); else byTag.set(tag, [d]);
  }
  return [...byTag].map(([tag, ds]) => summariseDecisions(tag, ds))
    .sort((a, b) => b.converted - a.converted || b.started - a.started || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

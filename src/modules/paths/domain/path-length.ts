import type { TimelineEvent } from './timeline.js';
import { mean, percentile } from '../../../shared/stats.js';

/**
 * Steps to purchase (README "Definitions"): for a person with an `end` event (default `pay`), the
 * number of steps from their first touch to their first `end` event, both included. Only `counted`
 * events are steps (the eight funnel nodes, plus `end`); a step is a run of consecutive counted events
 * with the same name, so `play, play, product_click, pay` is 3 steps. The first touch is the person's
 * first counted event in the range. Returns null when the person has no `end` event.
 */
export function countStepsToEnd(timeline: readonly TimelineEvent[], end: string, counted: ReadonlySet<string>): number | null {
  let steps = 0;
  let last: string | null = null;
  for (const e of timeline) {
    if (!counted.has(e.name) && e.name !== end) continue;
    if (e.name !== last) { steps++; last = e.name; }
    if (e.name === end) return steps;
  }
  return null;
}

/** The step-count distribution of one time range. */
export interface PathLengthReport {
  /** Persons with an end event in the range. */
  readonly buyers: number;
  /** Median and mean steps (median: average of the two middle values for an even count); null when no buyers. */
  readonly medianSteps: number | null;
  readonly meanSteps: number | null;
  /** Persons per step count, from 1 to the longest path (zeros included, for charts). */
  readonly distribution: { readonly steps: number; readonly persons: number }[];
}

/** Aggregates per-buyer step counts. */
export function summariseStepCounts(counts: readonly number[]): PathLengthReport {
  const sorted = [...counts].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1] ?? 0;
  const distribution = Array.from({ length: max }, (_, i) => ({ steps: i + 1, persons: 0 }));
  for (const n of sorted) (distribution[n - 1] as { persons: number }).persons++;
  return { buyers: sorted.length, medianSteps: percentile(sorted, 0.5), meanSteps: mean(sorted), distribution };
}

/** current − baseline: a negative `medianSteps` means buyers in the current range take fewer steps. */
export interface PathLengthDifference { readonly buyers: number; readonly medianSteps: number | null; readonly meanSteps: number | null }

/** The difference current − baseline; a null side makes that field null. */
export function compareStepCounts(current: PathLengthReport, baseline: PathLengthReport): PathLengthDifference {
  const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);
  return {
    buyers: current.buyers - baseline.buyers,
    medianSteps: diff(current.medianSteps, baseline.medianSteps),
    meanSteps: diff(current.meanSteps, baseline.meanSteps),
  };
}

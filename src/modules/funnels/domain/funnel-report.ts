import type { FunnelMatch } from './window-funnel.js';

/** One step of a funnel report. */
export interface FunnelStepReport {
  readonly name: string;
  /** Persons who reached this step. */
  readonly count: number;
  /** Share of the previous step's persons who reached this one (1 for the first step). */
  readonly conversionFromPrevious: number;
  /** Share of the first step's persons who reached this one. */
  readonly conversionFromFirst: number;
  /** Median time from the previous step, ms, over persons who reached this step (null for step 1). */
  readonly medianMsFromPrevious: number | null;
}

/** A funnel for one breakdown group (or `all`). */
export interface FunnelGroupReport { readonly group: string; readonly steps: FunnelStepReport[] }

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/** Aggregates per-person matches into step counts, conversion rates and median step times. */
export function summariseMatches(group: string, stepNames: readonly string[], matches: readonly FunnelMatch[]): FunnelGroupReport {
  const counts = new Array<number>(stepNames.length).fill(0);
  const gaps: number[][] = stepNames.map(() => []);
  for (const m of matches) {
    for (let k = 0; k < m.level; k++) {
      counts[k] = (counts[k] as number) + 1;
      if (k > 0) (gaps[k] as number[]).push((m.times[k] as number) - (m.times[k - 1] as number));
    }
  }
  const first = counts[0] ?? 0;
  return {
    group,
    steps: stepNames.map((name, k) => ({
      name,
      count: counts[k] as number,
      conversionFromPrevious: k === 0 ? 1 : ratio(counts[k] as number, counts[k - 1] as number),
      conversionFromFirst: ratio(counts[k] as number, first),
      medianMsFromPrevious: k === 0 ? null : median(gaps[k] as number[]),
    })),
  };
}

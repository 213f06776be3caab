import { periodIndexOf, periodLabelOf, periodStartOf, type PeriodUnit } from './periods.js';

/**
 * Cohort retention tables. Pure. A person joins the cohort of the period of their first activity
 * (first event, or first order); column k counts who was active:
 * - `on`: in exactly period k after the cohort's period;
 * - `on_or_after`: in period k or any later period.
 * Column 0 is the cohort itself (everyone). Activity at or after `endTs` is ignored; a cell whose
 * period starts at or after `endTs` is not observed yet and is null; the period holding `endTs` is
 * observed in part.
 */

/** `on`: returned in exactly period k; `on_or_after`: returned in period k or later. */
export type RetentionMode = 'on' | 'on_or_after';

/** The retention modes, for validation. */
export const RETENTION_MODES: readonly RetentionMode[] = ['on', 'on_or_after'];

/** One person's activity: UTC epoch ms, any order (the earliest is the cohort entry). */
export interface ActivityHistory {
  readonly times: readonly number[];
}

export interface CohortTableOptions {
  readonly unit: PeriodUnit;
  readonly mode: RetentionMode;
  /** Columns after the cohort's own period: the table has columns 0 … periods. */
  readonly periods: number;
  /** End of observation (exclusive), UTC epoch ms. */
  readonly endTs: number;
}

/** One cohort row. */
export interface CohortRow {
  /** `2011-01-03` (week starting Monday) or `2011-01` (month). */
  readonly cohort: string;
  /** The period's first ms, UTC. */
  readonly start: number;
  readonly size: number;
  /** Persons active per column k = 0 … periods; null when not observed yet. */
  readonly returned: (number | null)[];
  /** returned / size; null when not observed yet. */
  readonly rates: (number | null)[];
}

/** A cohort table and the size-weighted average of every column over the cohorts that observe it. */
export interface CohortTable {
  readonly cohorts: CohortRow[];
  readonly overall: { readonly returned: (number | null)[]; readonly base: number[]; readonly rates: (number | null)[] };
}

/** Builds the cohort table of `histories` (persons without activity are ignored). */
export function buildCohortTable(histories: Iterable<ActivityHistory>, options: CohortTableOptions): CohortTable {
  const { unit, mode, periods, endTs } = options;
  const lastObserved = periodIndexOf(endTs - 1, unit);
  const byCohort = new Map<number, { size: number; counts: number[] }>();
  for (const h of histories) {
    const active = new Set<number>();
    let first = Infinity;
    for (const t of h.times) {
      if (t >= endTs) continue;
      const p = periodIndexOf(t, unit);
      active.add(p);
      if (p < first) first = p;
    }
    if (active.size === 0) continue;
    let row = byCohort.get(first);
    if (!row) { row = { size: 0, counts: new Array<number>(periods + 1).fill(0) }; byCohort.set(first, row); }
    row.size++;
    const offsets = [...active].map((p) => p - first);
    if (mode === 'on') {
      for (const k of offsets) if (k <= periods) row.counts[k] = (row.counts[k] as number) + 1;
    } else {
      // Active in period k or later ⇔ k ≤ the last active offset.
      const last = Math.min(periods, Math.max(...offsets));
      for (let k = 0; k <= last; k++) row.counts[k] = (row.counts[k] as number) + 1;
    }
  }
  const cohorts: CohortRow[] = [];
  const overallReturned = new Array<number>(periods + 1).fill(0);
  const base = new Array<number>(periods + 1).fill(0);
  for (const index of [...byCohort.keys()].sort((a, b) => a - b)) {
    const { size, counts } = byCohort.get(index) as { size: number; counts: number[] };
    const returned = counts.map((c, k) => (index + k <= lastObserved ? c : null));
    returned.forEach((c, k) => { if (c !== null) { overallReturned[k] = (overallReturned[k] as number) + c; base[k] = (base[k] as number) + size; } });
    cohorts.push({ cohort: periodLabelOf(index, unit), start: periodStartOf(index, unit), size, returned, rates: returned.map((c) => (c === null ? null : c / size)) });
  }
  return {
    cohorts,
    overall: {
      returned: overallReturned.map((c, k) => ((base[k] as number) > 0 ? c : null)),
      base,
      rates: overallReturned.map((c, k) => ((base[k] as number) > 0 ? c / (base[k] as number) : null)),
    },
  };
}

/** Calendar periods in UTC: ISO weeks (Monday 00:00 UTC) and calendar months. Pure. */

/** The period unit of a cohort table. */
export type PeriodUnit = 'week' | 'month';

/** The period units, for validation. */
export const PERIOD_UNITS: readonly PeriodUnit[] = ['week', 'month'];

const DAY_MS = 86_400_000;
/** 1970-01-05 (epoch day 4) is the first Monday after the epoch. */
const FIRST_MONDAY_DAY = 4;

/**
 * The index of the UTC period holding `ts` (epoch ms): consecutive integers, so `b − a` is the
 * number of periods between two timestamps. Weeks start on Monday 00:00 UTC; months on the 1st.
 */
export function periodIndexOf(ts: number, unit: PeriodUnit): number {
  if (unit === 'week') return Math.floor((Math.floor(ts / DAY_MS) - FIRST_MONDAY_DAY) / 7);
  const d = new Date(ts);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The first millisecond (UTC epoch ms) of period `index`. */
export function periodStartOf(index: number, unit: PeriodUnit): number {
  if (unit === 'week') return (index * 7 + FIRST_MONDAY_DAY) * DAY_MS;
  return Date.UTC(Math.floor(index / 12), ((index % 12) + 12) % 12, 1);
}

/** The label of period `index`: the Monday `2011-01-03` for weeks, `2011-01` for months. */
export function periodLabelOf(index: number, unit: PeriodUnit): string {
  const iso = new Date(periodStartOf(index, unit)).toISOString();
  return unit === 'week' ? iso.slice(0, 10) : iso.slice(0, 7);
}

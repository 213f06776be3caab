import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCohortTable, type RetentionMode } from './cohorts.js';
import { periodIndexOf, periodLabelOf, periodStartOf, type PeriodUnit } from './periods.js';

interface GoldenTable { cohorts: { cohort: string; size: number; returned: (number | null)[] }[]; overall: { returned: (number | null)[]; base: number[] } }
interface GoldenCase {
  name: string; unit: PeriodUnit; periods: number; endTs: string;
  persons: Record<string, string[]>;
  expected: Record<RetentionMode, GoldenTable>;
}
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../test/cases/retention-cohorts.json'), 'utf8')) as { cases: GoldenCase[] };

describe('buildCohortTable — golden cases (test/cases/retention-cohorts.json)', () => {
  for (const c of golden.cases) {
    for (const mode of ['on', 'on_or_after'] as const) {
      it(`${c.name} — ${mode}`, () => {
        const histories = Object.values(c.persons).map((times) => ({ times: times.map((t) => Date.parse(t)) }));
        const table = buildCohortTable(histories, { unit: c.unit, mode, periods: c.periods, endTs: Date.parse(c.endTs) });
        const want = c.expected[mode];
        expect(table.cohorts.map((r) => ({ cohort: r.cohort, size: r.size, returned: r.returned }))).toEqual(want.cohorts);
        expect(table.overall.returned).toEqual(want.overall.returned);
        expect(table.overall.base).toEqual(want.overall.base);
        table.cohorts.forEach((r) => expect(r.rates).toEqual(r.returned.map((n) => (n === null ? null : n / r.size))));
      });
    }
  }

  it('on_or_after is never below on, and both start at the cohort size', () => {
    const c = golden.cases[0] as GoldenCase;
    const histories = Object.values(c.persons).map((times) => ({ times: times.map((t) => Date.parse(t)) }));
    const on = buildCohortTable(histories, { unit: 'week', mode: 'on', periods: 4, endTs: Date.parse(c.endTs) });
    const after = buildCohortTable(histories, { unit: 'week', mode: 'on_or_after', periods: 4, endTs: Date.parse(c.endTs) });
    on.cohorts.forEach((row, i) => row.returned.forEach((n, k) => {
      if (n !== null) expect(after.cohorts[i]?.returned[k]).toBeGreaterThanOrEqual(n);
    }));
    expect(on.cohorts.map((r) => r.returned[0])).toEqual(on.cohorts.map((r) => r.size));
  });
});

describe('UTC periods', () => {
  it('weeks start on Monday 00:00 UTC, across a year boundary', () => {
    const newYear = Date.parse('2025-01-01T00:00:00Z');
    expect(periodLabelOf(periodIndexOf(newYear, 'week'), 'week')).toBe('2024-12-30');
    expect(periodIndexOf(Date.parse('2024-12-29T23:59:59.999Z'), 'week')).toBe(periodIndexOf(newYear, 'week') - 1);
    expect(periodStartOf(periodIndexOf(newYear, 'week'), 'week')).toBe(Date.parse('2024-12-30T00:00:00Z'));
  });

  it('months are calendar months in UTC, whatever the local zone would say', () => {
    const i = periodIndexOf(Date.parse('2011-12-31T23:30:00Z'), 'month');
    expect(periodLabelOf(i, 'month')).toBe('2011-12');
    expect(periodLabelOf(i + 1, 'month')).toBe('2012-01');
    expect(periodStartOf(i + 1, 'month')).toBe(Date.parse('2012-01-01T00:00:00Z'));
  });
});

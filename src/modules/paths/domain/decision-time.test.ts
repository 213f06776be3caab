import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rowsFromCase } from '../../../../test/builders/analysis-row.builder.js';
import { DECISION_BUCKETS, measureDecision, summariseDecisionGroups, summariseDecisions, type Decision, type DecisionDimension } from './decision-time.js';
import { buildTimelines } from './timeline.js';

interface GoldenGroup { group: string; started: number; converted: number; p50Ms: number; p90Ms: number; meanMs: number }
interface GoldenCase {
  name: string; start: string; end: string; by: DecisionDimension; rows: Record<string, (string | number)[][]>;
  expect: {
    decisions: Record<string, number | null | 'none'>;
    overall: Omit<GoldenGroup, 'group'> & { histogram: Record<string, number> };
    groups: GoldenGroup[];
  };
}
const golden = JSON.parse(readFileSync(new URL('../../../../test/cases/decision-time.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

function expectGroup(actual: ReturnType<typeof summariseDecisions>, want: GoldenGroup): void {
  expect(actual.group).toBe(want.group);
  expect(actual.started).toBe(want.started);
  expect(actual.converted).toBe(want.converted);
  expect(actual.conversionRate).toBeCloseTo(want.converted / want.started, 12);
  expect(actual.p50Ms).toBeCloseTo(want.p50Ms, 6);
  expect(actual.p90Ms).toBeCloseTo(want.p90Ms, 6);
  expect(actual.meanMs).toBeCloseTo(want.meanMs, 6);
}

describe('decision time — golden cases (test/cases/decision-time.json)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const timelines = buildTimelines(rowsFromCase(c.rows, 'platform'), new Map());
      const decisions: Decision[] = [];
      for (const [person, timeline] of timelines) {
        const d = measureDecision(timeline, c.start, c.end, c.by);
        const want = c.expect.decisions[person];
        if (want === 'none') expect(d, person).toBeNull();
        else expect(d?.ms, person).toBe(want);
        if (d) decisions.push(d);
      }
      const overall = summariseDecisions('all', decisions);
      expectGroup(overall, { group: 'all', ...c.expect.overall });
      expect(overall.histogram.map((b) => b.label)).toEqual(DECISION_BUCKETS.map((b) => b.label));
      expect(Object.fromEntries(overall.histogram.filter((b) => b.persons > 0).map((b) => [b.label, b.persons]))).toEqual(c.expect.overall.histogram);
      const groups = summariseDecisionGroups(decisions);
      expect(groups.map((g) => g.group)).toEqual(c.expect.groups.map((g) => g.group));
      groups.forEach((g, i) => expectGroup(g, c.expect.groups[i] as GoldenGroup));
    });
  }
});

describe('summariseDecisions — edges', () => {
  it('bucket edges are [from, to): exactly 1m falls in 1m-5m, exactly 7d in the open last bucket', () => {
    const r = summariseDecisions('all', [{ tag: null, ms: 59_999 }, { tag: null, ms: 60_000 }, { tag: null, ms: 7 * 86_400_000 }]);
    expect(r.histogram.map((b) => b.persons)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('no converted persons: counts, zero rate and null statistics', () => {
    const r = summariseDecisions('all', [{ tag: null, ms: null }]);
    expect(r).toMatchObject({ started: 1, converted: 0, conversionRate: 0, p50Ms: null, p90Ms: null, meanMs: null });
  });

  it('an even count interpolates: p50 of 10 and 20 is 15, p90 is 19', () => {
    const r = summariseDecisions('all', [{ tag: null, ms: 20 }, { tag: null, ms: 10 }]);
    expect(r.p50Ms).toBe(15);
    expect(r.p90Ms).toBeCloseTo(19, 9);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rowsFromCase } from '../../../../test/builders/analysis-row.builder.js';
import { FUNNEL_NODES } from '../../events/index.js';
import { compareStepCounts, countStepsToEnd, summariseStepCounts } from './path-length.js';
import { buildTimelines } from './timeline.js';

interface GoldenCase {
  name: string; end: string; rows: Record<string, (string | number)[][]>;
  expect: { steps: Record<string, number | null>; buyers: number; medianSteps: number; meanSteps: number; distribution: number[] };
}
const golden = JSON.parse(readFileSync(new URL('../../../../test/cases/path-length.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

describe('steps to purchase — golden cases (test/cases/path-length.json)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const counted = new Set<string>(FUNNEL_NODES);
      const counts: number[] = [];
      for (const [person, timeline] of buildTimelines(rowsFromCase(c.rows), new Map())) {
        const n = countStepsToEnd(timeline, c.end, counted);
        expect(n, person).toBe(c.expect.steps[person]);
        if (n !== null) counts.push(n);
      }
      const r = summariseStepCounts(counts);
      expect(r.buyers).toBe(c.expect.buyers);
      expect(r.medianSteps).toBe(c.expect.medianSteps);
      expect(r.meanSteps).toBeCloseTo(c.expect.meanSteps, 12);
      expect(r.distribution).toEqual(c.expect.distribution.map((persons, i) => ({ steps: i + 1, persons })));
    });
  }
});

describe('compareStepCounts', () => {
  it('reports current − baseline: negative when buyers now take fewer steps', () => {
    const current = summariseStepCounts([8, 3, 3, 1, 5, 3, 2]);
    const baseline = summariseStepCounts([6, 8]);
    expect(baseline.medianSteps).toBe(7);
    const d = compareStepCounts(current, baseline);
    expect(d.buyers).toBe(5);
    expect(d.medianSteps).toBe(-4);
    expect(d.meanSteps).toBeCloseTo(25 / 7 - 7, 12);
  });

  it('an empty side gives null differences and an empty distribution', () => {
    const empty = summariseStepCounts([]);
    expect(empty).toEqual({ buyers: 0, medianSteps: null, meanSteps: null, distribution: [] });
    expect(compareStepCounts(summariseStepCounts([3]), empty)).toEqual({ buyers: 1, medianSteps: null, meanSteps: null });
  });
});

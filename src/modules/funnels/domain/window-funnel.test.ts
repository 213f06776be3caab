import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchWindowFunnel, sortHits, type StepHit } from './window-funnel.js';
import { summariseMatches } from './funnel-report.js';

interface GoldenCase { name: string; steps: number; window: number; hits: [number, number][]; level: number; times: number[] }
const golden = JSON.parse(readFileSync(new URL('../../../../test/cases/window-funnel.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

describe('matchWindowFunnel — golden cases', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const hits: StepHit[] = sortHits(c.hits.map(([ts, step]) => ({ ts, step, tag: null })));
      const m = matchWindowFunnel(hits, c.steps, c.window);
      expect(m.level).toBe(c.level);
      expect(m.times).toEqual(c.times);
    });
  }
});

describe('summariseMatches', () => {
  it('counts persons per step, conversion rates and median gaps', () => {
    const r = summariseMatches('all', ['a', 'b', 'c'], [
      { level: 3, times: [0, 10, 30], tag: null }, { level: 2, times: [0, 20], tag: null },
      { level: 1, times: [0], tag: null }, { level: 0, times: [], tag: null },
    ]);
    expect(r.steps.map((s) => s.count)).toEqual([3, 2, 1]);
    expect(r.steps[1]?.conversionFromPrevious).toBeCloseTo(2 / 3);
    expect(r.steps[2]?.conversionFromFirst).toBeCloseTo(1 / 3);
    expect(r.steps[1]?.medianMsFromPrevious).toBe(15);
    expect(r.steps[2]?.medianMsFromPrevious).toBe(20);
    expect(r.steps[0]?.medianMsFromPrevious).toBeNull();
  });
});

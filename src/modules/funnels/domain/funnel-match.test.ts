import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchAllConversions, matchFunnel, sortFunnelHits, type ExclusionSpan, type FunnelMode, type Hit, type WindowFrom } from './funnel-match.js';

interface GoldenCase {
  name: string; steps: number; window: number; mode?: FunnelMode; windowFrom?: WindowFrom;
  minGap?: (number | null)[]; maxGap?: (number | null)[]; exclusions?: ExclusionSpan[];
  hits: number[][]; level?: number; times?: number[]; conversions?: number[][];
}
const golden = JSON.parse(readFileSync(new URL('../../../../test/cases/funnels.json', import.meta.url), 'utf8')) as { cases: GoldenCase[]; conversions: GoldenCase[] };

const hitsOf = (c: GoldenCase): Hit[] => sortFunnelHits(c.hits.map(([ts, step, event], i) => ({ ts: ts as number, step: step as number, event: event ?? i })));
const optionsOf = (c: GoldenCase) => ({
  steps: c.steps, windowMs: c.window, mode: c.mode ?? 'default', windowFrom: c.windowFrom ?? 'first_step',
  minGapMs: c.minGap?.map((g) => g ?? undefined), maxGapMs: c.maxGap?.map((g) => g ?? undefined),
});

describe('matchFunnel — golden cases (test/cases/funnels.json)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const m = matchFunnel(hitsOf(c), optionsOf(c), c.exclusions ?? []);
      expect(m.level).toBe(c.level);
      expect(m.times).toEqual(c.times);
    });
  }
});

describe('matchAllConversions — golden cases', () => {
  for (const c of golden.conversions) {
    it(c.name, () => {
      expect(matchAllConversions(hitsOf(c), optionsOf(c)).map((m) => m.times)).toEqual(c.conversions);
    });
  }
});

describe('matchFunnel', () => {
  it('returns the events of the matched steps so callers can read their dimensions', () => {
    const m = matchFunnel(sortFunnelHits([{ ts: 0, step: 0, event: 0 }, { ts: 1, step: 1, event: 2 }]), { steps: 2, windowMs: 5 });
    expect(m.events).toEqual([0, 2]);
  });

  it('enters nothing without a first step', () => {
    expect(matchFunnel([{ ts: 0, step: 1, event: 0 }], { steps: 2, windowMs: 5 })).toEqual({ level: 0, times: [], events: [] });
  });
});

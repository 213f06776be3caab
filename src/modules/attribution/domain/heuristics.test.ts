import { describe, expect, it } from 'vitest';
import { attributeHeuristic, touchWeights } from './heuristics.js';
import type { Journey } from './journey.js';

const DAY = 86_400_000;
const j = (channels: string[], conversions = 1, value = 0, times?: number[], convertedAt?: number): Journey => ({
  touches: channels.map((channel, i) => ({ channel, ts: times?.[i] })), conversions, value, nulls: 0, convertedAt,
});
const opts = { halfLifeMs: 7 * DAY };
const asObject = (m: Map<string, { conversions: number; value: number }>): Record<string, [number, number]> =>
  Object.fromEntries([...m].map(([k, v]) => [k, [Number(v.conversions.toFixed(10)), Number(v.value.toFixed(10))]]));

describe('heuristic models — computed by hand', () => {
  it('linear: 1/path length per touch, repeats add up (A>B>A: A ⅔, B ⅓)', () => {
    const r = attributeHeuristic('linear', [j(['A', 'B', 'A'], 3, 900), j(['B'], 1, 100)], opts);
    expect(asObject(r)).toEqual({ A: [2, 600], B: [2, 400] });
  });

  it('first and last touch', () => {
    const journeys = [j(['A', 'B', 'C'], 2, 200), j(['C', 'A'], 1, 50)];
    expect(asObject(attributeHeuristic('first_touch', journeys, opts))).toEqual({ A: [2, 200], B: [0, 0], C: [1, 50] });
    expect(asObject(attributeHeuristic('last_touch', journeys, opts))).toEqual({ A: [1, 50], B: [0, 0], C: [2, 200] });
  });

  it('position based: 40/20/40 over three or more, 50/50 over two, 100 over one', () => {
    expect(touchWeights('position_based', j(['A', 'B', 'C', 'D']), opts)).toEqual([0.4, 0.1, 0.1, 0.4]);
    expect(touchWeights('position_based', j(['A', 'B']), opts)).toEqual([0.5, 0.5]);
    expect(touchWeights('position_based', j(['A']), opts)).toEqual([1]);
    // A first and last: 0.4 + 0.4; B in the middle 0.2. Value 1000 fen → 800 / 200.
    expect(asObject(attributeHeuristic('position_based', [j(['A', 'B', 'A'], 1, 1000)], opts))).toEqual({ A: [0.8, 800], B: [0.2, 200] });
  });

  it('time decay: a touch one half-life older weighs half (0, 7 and 14 days before: 4/7, 2/7, 1/7)', () => {
    const at = 100 * DAY;
    const w = touchWeights('time_decay', j(['A', 'B', 'C'], 1, 0, [at - 14 * DAY, at - 7 * DAY, at], at), opts);
    expect(w[0]).toBeCloseTo(1 / 7, 12);
    expect(w[1]).toBeCloseTo(2 / 7, 12);
    expect(w[2]).toBeCloseTo(4 / 7, 12);
    const r = attributeHeuristic('time_decay', [j(['A', 'A'], 1, 700, [at - 7 * DAY, at - 7 * DAY], at)], opts);
    expect(asObject(r)).toEqual({ A: [1, 700] });
  });

  it('time decay without touch times (a path file) is attribution_no_timestamps', () => {
    expect(() => attributeHeuristic('time_decay', [j(['A'])], opts)).toThrow(expect.objectContaining({ code: 'attribution_no_timestamps' }));
  });

  it('journeys without conversions and without touches credit nobody', () => {
    const r = attributeHeuristic('linear', [j([], 1, 10), { touches: [{ channel: 'A' }], conversions: 0, value: 0, nulls: 5 }], opts);
    expect(r.size).toBe(0);
  });
});

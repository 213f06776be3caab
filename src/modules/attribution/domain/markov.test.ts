import { describe, expect, it } from 'vitest';
import { attribute } from './attribute.js';
import type { Journey } from './journey.js';
import { attributeMarkov, type MarkovTransition } from './markov.js';

const path = (p: string, conversions: number, nulls = 0, value = 0): Journey =>
  ({ touches: p.split(' > ').map((channel) => ({ channel })), conversions, nulls, value });

// P1 A>B>C converts (value 100), P2 B>C does not, P3 A>C converts (value 50).
const small = [path('A > B > C', 1, 0, 100), path('B > C', 0, 1), path('A > C', 1, 0, 50)];

describe('Markov order 2 — computed by hand', () => {
  /*
   * States: (A) (B) (A,B) (B,C) (A,C). START→(A) 2/3, START→(B) 1/3; (A)→(A,B) ½, (A)→(A,C) ½;
   * (A,B)→(B,C) 1; (B)→(B,C) 1; (B,C)→conv ½, →null ½; (A,C)→conv 1.
   * P(conv) = ⅔·(½·½ + ½·1) + ⅓·½ = ⅔.
   * Without A: only START→(B)→(B,C) remains: ⅓·½ = ⅙ → effect 1 − ¼ = ¾.
   * Without B: ⅔·½·1 = ⅓ → effect ½. Without C: 0 → effect 1. Sum 9/4; 2 conversions:
   * A = 2·¾/(9/4) = ⅔, B = 2·½/(9/4) = 4/9, C = 2·1/(9/4) = 8/9.
   * Value: every converting state carries mean value 50, expected value 50; without A ⅓·50 → ⅔,
   * without B ⅔·½·50 → ⅔, without C → 1; 150 fen split 2/7, 2/7, 3/7 → 300/7, 300/7, 450/7.
   */
  it('gives the hand-computed removal effects and credits', () => {
    const m = attributeMarkov(small, { order: 2, collapseRepeats: true, maxStates: 100 });
    expect(m.states).toBe(6);
    expect(m.conversionProbability).toBeCloseTo(2 / 3, 12);
    expect(m.removalEffects.get('A')?.conversion).toBeCloseTo(3 / 4, 12);
    expect(m.removalEffects.get('B')?.conversion).toBeCloseTo(1 / 2, 12);
    expect(m.removalEffects.get('C')?.conversion).toBeCloseTo(1, 12);
    expect(m.credits.get('A')?.conversions).toBeCloseTo(2 / 3, 12);
    expect(m.credits.get('B')?.conversions).toBeCloseTo(4 / 9, 12);
    expect(m.credits.get('C')?.conversions).toBeCloseTo(8 / 9, 12);
    expect(m.removalEffects.get('A')?.value).toBeCloseTo(2 / 3, 12);
    expect(m.credits.get('C')?.value).toBeCloseTo(450 / 7, 10);
  });

  it('differs from order 1, which forgets where (B,C) came from: effects A ⅔, B ⅔, C 1', () => {
    const m = attributeMarkov(small, { order: 1, collapseRepeats: true, maxStates: 100 });
    expect(m.removalEffects.get('A')?.conversion).toBeCloseTo(2 / 3, 12);
    expect(m.removalEffects.get('B')?.conversion).toBeCloseTo(2 / 3, 12);
    expect(m.removalEffects.get('C')?.conversion).toBeCloseTo(1, 12);
  });

  it('the report orders channels by credit and splits 150 fen by largest remainder: C 64, A 43, B 43', () => {
    const r = attribute(small, true, { model: 'markov', order: 2, collapseRepeats: true, halfLifeMs: 1, maxStates: 100 });
    expect(r.channels.map((c) => [c.channel, c.valueFen])).toEqual([['C', 64], ['A', 43], ['B', 43]]);
    expect(r.totals).toMatchObject({ conversions: 2, nulls: 1, attributedConversions: 2, value: 150, attributedValue: 150 });
    expect(r.markov).toMatchObject({ order: 2, states: 6 });
  });

  it('refuses a chain with more states than allowed', () => {
    expect(() => attributeMarkov(small, { order: 2, collapseRepeats: true, maxStates: 5 })).toThrow(expect.objectContaining({ code: 'attribution_too_many_states' }));
  });
});

/** An independent check: removal by value iteration on the transition counts (not the Woodbury solve). */
function iteratedConversion(transitions: readonly MarkovTransition[], removed: string | null): number {
  const out = new Map<string, Map<string, number>>();
  for (const t of transitions) {
    const m = out.get(t.from) ?? new Map<string, number>();
    m.set(t.to, t.count);
    out.set(t.from, m);
  }
  const gone = (label: string): boolean => removed !== null && label !== '(start)' && label.split(' > ').includes(removed);
  let x = new Map<string, number>();
  for (let it = 0; it < 20_000; it++) {
    const next = new Map<string, number>();
    for (const [from, m] of out) {
      if (gone(from)) { next.set(from, 0); continue; }
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      let v = 0;
      for (const [to, c] of m) v += (c / total) * (to === '(conversion)' ? 1 : to === '(null)' || gone(to) ? 0 : (x.get(to) ?? 0));
      next.set(from, v);
    }
    x = next;
  }
  return x.get('(start)') ?? 0;
}

describe('exact removal effects agree with an independent iterative solution on a chain with loops', () => {
  const journeys = [
    path('A > B > A > C', 3, 1), path('B > A', 0, 4), path('C > B > C', 2, 2), path('A', 1, 3), path('B > C > A > B', 2, 1), path('C > C > A', 1, 0),
  ];
  for (const [order, collapse] of [[1, true], [1, false], [2, true], [3, false]] as const) {
    it(`order ${order}, repeats ${collapse ? 'collapsed' : 'kept'}`, () => {
      const m = attributeMarkov(journeys, { order, collapseRepeats: collapse, maxStates: 100 });
      const full = iteratedConversion(m.transitions, null);
      expect(m.conversionProbability).toBeCloseTo(full, 10);
      for (const c of ['A', 'B', 'C']) {
        expect(m.removalEffects.get(c)?.conversion, c).toBeCloseTo(1 - iteratedConversion(m.transitions, c) / full, 10);
      }
    });
  }
});

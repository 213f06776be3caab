import { describe, expect, it } from 'vitest';
import type { Journey } from './journey.js';
import { attributeShapleyClosedForm, attributeShapleyExact } from './shapley.js';

const j = (p: string, conversions: number, value = 0): Journey => ({ touches: p.split(' > ').map((channel) => ({ channel })), conversions, value, nulls: 0 });
const round = (m: Map<string, { conversions: number; value: number }>): Record<string, [number, number]> =>
  Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [Number(v.conversions.toFixed(10)), Number(v.value.toFixed(10))]]));

describe('coalition Shapley (Zhao et al. 2018): exact enumeration equals the closed form', () => {
  it('two channels: {A} 4, {A,B} 2, {B} 1 → φA 5, φB 2', () => {
    // v(A)=4, v(B)=1, v(AB)=7. φA = ½(4−0) + ½(7−1) = 5; φB = ½(1−0) + ½(7−4) = 2.
    const journeys = [j('A', 4, 400), j('A > B', 2, 200), j('B', 1, 100)];
    expect(round(attributeShapleyExact(journeys))).toEqual({ A: [5, 500], B: [2, 200] });
    expect(round(attributeShapleyClosedForm(journeys))).toEqual({ A: [5, 500], B: [2, 200] });
  });

  it('three channels: {A} 10, {A,B} 6, {A,B,C} 3 → φA 14, φB 4, φC 1', () => {
    // v(A)=10, v(AB)=16, v(AC)=10, v(ABC)=19, v(B)=v(C)=v(BC)=0.
    // φA = ⅓·v(A) + ⅙·(v(AB)−v(B)) + ⅙·(v(AC)−v(C)) + ⅓·(v(ABC)−v(BC)) = 10/3 + 16/6 + 10/6 + 19/3 = 14;
    // φB = ⅙·(v(AB)−v(A)) + ⅓·(v(ABC)−v(AC)) = 1 + 3 = 4; φC = ⅓·(v(ABC)−v(AB)) = 1 (other terms are 0).
    const journeys = [j('A', 10), j('B > A', 6), j('C > A > B > A', 3)];
    expect(round(attributeShapleyExact(journeys))).toEqual({ A: [14, 0], B: [4, 0], C: [1, 0] });
    expect(round(attributeShapleyClosedForm(journeys))).toEqual({ A: [14, 0], B: [4, 0], C: [1, 0] });
  });

  it('order and repeats play no part; credits sum to the conversions (efficiency)', () => {
    const a = round(attributeShapleyExact([j('A > B > A > C', 5, 50), j('C > B', 2, 20), j('B', 1, 10)]));
    const b = round(attributeShapleyExact([j('C > B > A', 5, 50), j('B > C', 2, 20), j('B', 1, 10)]));
    expect(a).toEqual(b);
    expect(Object.values(a).reduce((s, [c]) => s + c, 0)).toBeCloseTo(8, 8);
  });
});

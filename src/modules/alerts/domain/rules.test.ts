import { describe, expect, it } from 'vitest';
import { FUNNEL_NODES as EVENT_FUNNEL_NODES } from '../../events/index.js';
import { countBaseline, rateBaseline } from './baseline.js';
import { DEFAULT_RULE_SETTINGS, defaultRules, evaluateCountRule, evaluateRateRule, FUNNEL_NODES, FUNNEL_STEPS, type AlertRule } from './rules.js';
import { binomialLowerTail, poissonLowerTail } from './significance.js';

const rule = (id: string, overrides: Partial<AlertRule> = {}): AlertRule => {
  const r = defaultRules().find((x) => x.id === id);
  if (!r) throw new Error(id);
  return { ...r, ...overrides };
};
const steady = (v: number, n = 20): number[] => Array.from({ length: n }, (_, i) => v + (i % 3) - 1); // v−1, v, v+1: σ = 1.4826

describe('default rules', () => {
  it('are 8 counts and 7 adjacent rates over the canonical funnel nodes', () => {
    expect(FUNNEL_NODES).toEqual(EVENT_FUNNEL_NODES);
    const rules = defaultRules();
    expect(rules.map((r) => r.id)).toEqual([
      ...FUNNEL_NODES.map((n) => `count.${n}`),
      'rate.impression.play', 'rate.play.complete', 'rate.complete.product_click', 'rate.product_click.detail_view',
      'rate.detail_view.add_to_cart', 'rate.add_to_cart.order', 'rate.order.pay',
    ]);
    expect(FUNNEL_STEPS).toHaveLength(7);
    expect(rules.every((r) => r.dropShare === 0.2 && r.alpha === 0.01 && r.direction === 'drop')).toBe(true);
    expect(DEFAULT_RULE_SETTINGS).toMatchObject({ forMs: 120_000, keepFiringForMs: 120_000, madK: 3 });
  });
});

describe('count rules', () => {
  const base = countBaseline(steady(100), 10);

  it('breach needs more than the drop share AND significance AND the robust distance', () => {
    const e = evaluateCountRule(rule('count.play'), 70, base);
    expect(e).toMatchObject({ status: 'breach', breach: 'drop', expected: 100, observed: 70 });
    expect(e.pValue).toBeCloseTo(poissonLowerTail(70, 100), 15);
    expect(e.relativeChange).toBeCloseTo(-0.3, 12);
    // 15 % down is inside the 20 % share (and P(X ≤ 85 | 100) ≈ 0.074 is not significant either).
    expect(evaluateCountRule(rule('count.play'), 85, base).status).toBe('ok');
  });

  it('a large relative drop on tiny volume is not significant', () => {
    const small = countBaseline(steady(3), 10);
    const e = evaluateCountRule(rule('count.pay', { madK: 0 }), 0, small); // P(X = 0 | 3) = 0.0498
    expect(e.relativeChange).toBe(-1);
    expect(e.pValue).toBeCloseTo(Math.exp(-3), 12);
    expect(e.status).toBe('ok');
  });

  it('the robust-σ check stops drops the history itself shows to be ordinary', () => {
    const noisy = countBaseline([60, 140, 70, 130, 100, 100, 80, 120, 65, 135], 10); // MAD 30 → σ 44.5
    expect(evaluateCountRule(rule('count.play'), 70, noisy).status).toBe('ok'); // 30 below: under 3σ
    expect(evaluateCountRule(rule('count.play', { madK: 0 }), 70, noisy).status).toBe('breach');
  });

  it('scales the baseline, not the observation, in a partial minute', () => {
    const e = evaluateCountRule(rule('count.play'), 30, base, 0.5);
    expect(e).toMatchObject({ expected: 50, observed: 30, status: 'breach' });
    expect(e.pValue).toBeCloseTo(poissonLowerTail(30, 50), 15);
    expect(evaluateCountRule(rule('count.play'), 45, base, 0.5).status).toBe('ok');
  });

  it('spikes breach only when the direction allows them', () => {
    expect(evaluateCountRule(rule('count.play'), 200, base).status).toBe('ok');
    expect(evaluateCountRule(rule('count.play', { direction: 'rise' }), 200, base)).toMatchObject({ status: 'breach', breach: 'rise' });
    expect(evaluateCountRule(rule('count.play', { direction: 'rise' }), 50, base).status).toBe('ok');
    expect(evaluateCountRule(rule('count.play', { direction: 'both' }), 50, base).breach).toBe('drop');
  });

  it('never breaches without a trusted baseline', () => {
    expect(evaluateCountRule(rule('count.play'), 0, countBaseline([100, 100], 10)).status).toBe('insufficient_history');
  });
});

describe('rate rules', () => {
  const base = rateBaseline(Array.from({ length: 12 }, (_, i) => ({ num: 90 + (i % 3) - 1, den: 100 })), 10);

  it('tests the observed numerator against Binomial(denominator, baseline rate)', () => {
    if (base.state !== 'ok') throw new Error('expected a baseline');
    const e = evaluateRateRule(rule('rate.order.pay'), 2, 15, base);
    expect(e).toMatchObject({ status: 'breach', breach: 'drop' });
    expect(e.observed).toBeCloseTo(2 / 15, 12);
    expect(e.pValue).toBeCloseTo(binomialLowerTail(2, 15, base.rate), 15);
  });

  it('3 orders with 0 paid is significant; 3 with 1 paid is not (p = 0.028)', () => {
    expect(evaluateRateRule(rule('rate.order.pay'), 0, 3, base).status).toBe('breach');
    const one = evaluateRateRule(rule('rate.order.pay'), 1, 3, base);
    expect(one.status).toBe('ok');
    expect(one.pValue).toBeGreaterThan(0.01);
  });

  it('an empty denominator is no_volume, never a breach', () => {
    expect(evaluateRateRule(rule('rate.order.pay'), 0, 0, base).status).toBe('no_volume');
  });
});

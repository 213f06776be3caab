import { describe, expect, it } from 'vitest';
import { CONVERSION_KINDS, diagnose } from './diagnosis.js';
import { defaultRules, type RuleEvaluation } from './rules.js';

const RULES = defaultRules();

/** Evaluations where every rule is at baseline except the given ones: [observed, expected, breach]. */
function evals(changes: Record<string, [number, number, boolean]>): RuleEvaluation[] {
  return RULES.map((r) => {
    const [observed, expected, breached] = changes[r.id] ?? [1, 1, false];
    return {
      ruleId: r.id, metric: r.metric, status: breached ? 'breach' : 'ok', breach: breached ? 'drop' : null, observed, expected,
      relativeChange: observed / expected - 1, pValue: breached ? 1e-6 : 0.5, robustZ: null, samples: 20,
    };
  });
}

describe('diagnose', () => {
  it('normal when nothing dropped', () => {
    expect(diagnose(evals({}))).toMatchObject({ kind: 'normal', trafficDrop: false, step: null, actions: [] });
  });

  it('traffic_drop when impressions fell and rates held, with throttling / promotion actions', () => {
    const d = diagnose(evals({ 'count.impression': [1200, 3000, true], 'count.play': [600, 1500, true], 'count.pay': [5, 13, true] }));
    expect(d.kind).toBe('traffic_drop');
    expect(d.step).toBeNull();
    expect(d.actions.map((a) => a.zh).join()).toContain('限流');
    expect(d.actions.map((a) => a.en).join()).toContain('bids');
  });

  it('plays falling because the impression → play rate fell is a conversion drop, not traffic', () => {
    const d = diagnose(evals({ 'count.play': [700, 1500, true], 'rate.impression.play': [0.23, 0.5, true] }));
    expect(d).toMatchObject({ kind: 'conversion_drop', trafficDrop: false, step: { from: 'impression', to: 'play' } });
  });

  it('conversion_drop names the step whose rate fell most relative to baseline', () => {
    const d = diagnose(evals({
      'rate.product_click.detail_view': [0.5, 0.7, true], // −29 %
      'rate.detail_view.add_to_cart': [0.1, 0.4, true], // −75 %: the worst
      'count.add_to_cart': [6, 25, true],
    }));
    expect(d.kind).toBe('conversion_drop');
    expect(d.step).toMatchObject({ from: 'detail_view', to: 'add_to_cart', significant: true });
    expect(d.step?.relativeDrop).toBeCloseTo(0.75, 12);
    expect(d.actions[0]?.zh).toContain('价格');
    expect(d.summary.en).toContain('detail_view → add_to_cart rate 75% below baseline');
  });

  it('checkout_failure: order → pay collapsed while orders held (a refinement of conversion_drop)', () => {
    const d = diagnose(evals({ 'rate.order.pay': [0.1, 0.9, true], 'count.pay': [2, 13, true] }));
    expect(d).toMatchObject({ kind: 'checkout_failure', step: { from: 'order', to: 'pay' } });
    expect(CONVERSION_KINDS).toContain(d.kind);
    expect(d.actions[0]?.en).toContain('payment');
    // Orders fell too: a plain conversion drop at the same step.
    expect(diagnose(evals({ 'rate.order.pay': [0.1, 0.9, true], 'count.order': [5, 15, true] })).kind).toBe('conversion_drop');
  });

  it('stock_out needs the drop at add_to_cart / order / pay AND inventory evidence for the products involved', () => {
    const e = evals({ 'rate.add_to_cart.order': [0.05, 0.6, true], 'count.order': [1, 15, true] });
    expect(diagnose(e).kind).toBe('conversion_drop');
    expect(diagnose(e, { soldOut: true }).kind).toBe('stock_out');
    expect(diagnose(e, { soldOutProductIds: ['p1'], productIds: ['p1', 'p2'] }).kind).toBe('stock_out');
    expect(diagnose(e, { soldOutProductIds: ['p9'], productIds: ['p1', 'p2'] }).kind).toBe('conversion_drop');
    expect(diagnose(e, { soldOutProductIds: ['p9'] }).kind).toBe('stock_out');
    expect(diagnose(e, { soldOutProductIds: [] }).kind).toBe('conversion_drop');
    // A drop upstream of the cart is not explained by stock.
    expect(diagnose(evals({ 'rate.complete.product_click': [0.05, 0.2, true] }), { soldOut: true }).kind).toBe('conversion_drop');
    expect(diagnose(e, { soldOut: true }).actions[0]?.zh).toContain('补货');
  });

  it('stock_out wins over checkout_failure when stock is zero', () => {
    expect(diagnose(evals({ 'rate.order.pay': [0.1, 0.9, true] }), { soldOut: true }).kind).toBe('stock_out');
  });

  it('mixed when traffic fell and a rate breached too, with both sets of actions', () => {
    const d = diagnose(evals({ 'count.impression': [1000, 3000, true], 'rate.order.pay': [0.2, 0.9, true] }));
    expect(d).toMatchObject({ kind: 'mixed', trafficDrop: true, step: { from: 'order', to: 'pay' } });
    expect(d.actions.length).toBeGreaterThan(3);
  });

  it('a downstream count drop with no single significant rate still names the worst step', () => {
    const d = diagnose(evals({ 'count.pay': [5, 13, true], 'rate.add_to_cart.order': [0.45, 0.6, false], 'rate.order.pay': [0.8, 0.9, false] }));
    expect(d).toMatchObject({ kind: 'conversion_drop', step: { from: 'add_to_cart', to: 'order', significant: false } });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planOrderSplit, selectRule, type CommissionRule } from './commission.js';
import { applyLinked, openLedger, sumOfBalances, balanceOf, type Account } from './ledger.js';

const rules: CommissionRule[] = [
  { id: 'default', scope: {}, priority: 0, legs: [{ party: 'platform', basisPoints: 300 }] },
  { id: 'tea', scope: { productId: 'p_tea' }, priority: 0, legs: [{ party: 'platform', basisPoints: 300 }, { party: 'creator', basisPoints: 1500 }] },
  { id: 'star', scope: { creatorId: 'c_star' }, priority: 0, legs: [{ party: 'platform', basisPoints: 300 }, { party: 'creator', basisPoints: 2000 }, { party: 'mcn', basisPoints: 500 }] },
  { id: 'double11', scope: { campaignId: 'd11', creatorId: 'c_star' }, priority: 0, legs: [{ party: 'platform', basisPoints: 200, fixedFen: 10 }, { party: 'creator', basisPoints: 2500 }] },
];

describe('commission rules and the split of a paid order', () => {
  it('picks the most specific matching rule', () => {
    expect(selectRule(rules, { orderId: 'o', amountFen: 1, currency: 'CNY' })?.id).toBe('default');
    expect(selectRule(rules, { orderId: 'o', amountFen: 1, currency: 'CNY', productId: 'p_tea' })?.id).toBe('tea');
    expect(selectRule(rules, { orderId: 'o', amountFen: 1, currency: 'CNY', productId: 'p_tea', creatorId: 'c_star' })?.id).toBe('star');
    expect(selectRule(rules, { orderId: 'o', amountFen: 1, currency: 'CNY', creatorId: 'c_star', campaignId: 'd11' })?.id).toBe('double11');
    expect(selectRule(rules, { orderId: 'o', amountFen: 1, currency: 'CNY', campaignId: 'd11' })?.id).toBe('default');
  });

  it('splits 9,999 fen of a star creator\'s order into linked pending transfers that sum to the order', () => {
    // Star rule: platform 3 % = 299.97, creator 20 % = 1,999.8, MCN 5 % = 499.95, merchant 72 % = 7,199.28.
    // Floors 299 + 1,999 + 499 + 7,199 = 9,996; the 3 fen left go to the largest remainders .97, .95, .8.
    const plan = planOrderSplit(rules, { orderId: 'ord_1', amountFen: 9_999, currency: 'CNY', creatorId: 'c_star' }, 'm1');
    expect(plan.ok && plan.legs).toEqual([{ key: 'platform', amountFen: 300 }, { key: 'creator', amountFen: 2_000 }, { key: 'mcn', amountFen: 500 }, { key: 'merchant', amountFen: 7_199 }]);
    const accounts: Account[] = ['clearing:CNY', 'platform', 'creator:c_star', 'mcn:c_star', 'merchant:m1'].map((id) => ({ id, currency: 'CNY', allowNegative: id.startsWith('clearing') }));
    const opened = openLedger(accounts);
    if (!opened.ok || !plan.ok) throw new Error('setup');
    const applied = applyLinked(opened.state, plan.ops);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(balanceOf(applied.state, 'clearing:CNY')?.debitsPending).toBe(9_999);
    expect(balanceOf(applied.state, 'merchant:m1')?.creditsPending).toBe(7_199);
    expect(sumOfBalances(applied.state, 'CNY')).toBe(0);
    // A replayed payment splits once: the same linked transfers are replays.
    const again = applyLinked(applied.state, plan.ops);
    expect(again.ok && again.replay).toBe(true);
  });

  it('always splits the whole amount, whatever the rule and amount (fast-check)', () => {
    fc.assert(fc.property(fc.nat(10_000_000), fc.constantFrom('p_tea', 'p_x'), fc.constantFrom('c_star', 'c_x', undefined), fc.boolean(), (amount, productId, creatorId, d11) => {
      const plan = planOrderSplit(rules, { orderId: 'o', amountFen: amount, currency: 'CNY', productId, ...(creatorId ? { creatorId } : {}), ...(d11 ? { campaignId: 'd11' } : {}) }, 'm');
      if (!plan.ok) return amount < 10; // only the fixed fee can exceed a tiny amount
      return plan.legs.reduce((n, l) => n + l.amountFen, 0) === amount && plan.ops.reduce((n, op) => n + (op.op === 'transfer' ? op.amountFen : 0), 0) === amount;
    }), { numRuns: 500 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planOrderSplit, selectRule, type CommissionRule } from './commission.js';
import { applyLinked, openLedger, sumOfBalances, balanceOf, type Account } from './ledger.js';
import { chartAccount } from './accounts.js';

const rules: CommissionRule[] = [
  { id: 'default', scope: {}, priority: 0, legs: [{ party: 'platform', basisPoints: 300 }] },
  { id: 'tea', scope: { productId: 'p_tea' }, priority: 0, legs: [{ party: 'platform', basisPoints: 300 }, { party: 'creator', basisPoints: 1500 }] },
  { id: 'star', scope: { creatorId: 'c_star' }, mcnId: 'm_x', priority: 0, legs: [{ party: 'platform', basisPoints: 300 }, { party: 'creator', basisPoints: 2000 }, { party: 'mcn', basisPoints: 500 }] },
  { id: 'double11', scope: { campaignId: 'd11', creatorId: 'c_star' }, priority: 0, legs: [{ party: 'platform', basisPoints: 200, fixedFen: 10 }, { party: 'creator', basisPoints: 2500 }] },
];

describe('commission rules and the split of a paid order', () => {
  it('picks the most specific matching rule', () => {
    expect(selectRule(rules, {})?.id).toBe('default');
    expect(selectRule(rules, { productId: 'p_tea' })?.id).toBe('tea');
    expect(selectRule(rules, { productId: 'p_tea', creatorId: 'c_star' })?.id).toBe('star');
    expect(selectRule(rules, { creatorId: 'c_star', campaignId: 'd11' })?.id).toBe('double11');
    expect(selectRule(rules, { campaignId: 'd11' })?.id).toBe('default');
  });

  it('splits 9,999 fen of a star creator\'s order into linked pending transfers that sum to the order', () => {
    // Star rule: platform 3 % = 299.97, creator 20 % = 1,999.8, MCN 5 % = 499.95, merchant 72 % = 7,199.28.
    // Floors 299 + 1,999 + 499 + 7,199 = 9,996; the 3 fen left go to the largest remainders .97, .95, .8.
    const plan = planOrderSplit(rules, { orderId: 'ord_1', amountFen: 9_999, currency: 'CNY', creatorId: 'c_star' }, 'm1');
    expect(plan.ok && plan.legs.map((l) => [l.account, l.amountFen, l.transferId])).toEqual([
      ['platform:CNY', 300, 'ord_1:leg1:platform:CNY'], ['creator:c_star:CNY', 2_000, 'ord_1:leg1:creator:c_star:CNY'],
      ['mcn:m_x:CNY', 500, 'ord_1:leg1:mcn:m_x:CNY'], ['merchant:m1:CNY', 7_199, 'ord_1:leg1:merchant:m1:CNY']]);
    const accounts: Account[] = ['payments:CNY', 'clearing:CNY', 'platform:CNY', 'creator:c_star:CNY', 'mcn:m_x:CNY', 'merchant:m1:CNY'].map((id) => chartAccount(id)!);
    const opened = openLedger(accounts);
    if (!opened.ok || !plan.ok) throw new Error('setup');
    const applied = applyLinked(opened.state, plan.ops);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(balanceOf(applied.state, 'clearing:CNY')).toEqual({ debitsPending: 9_999, debitsPosted: 0, creditsPending: 0, creditsPosted: 9_999 });
    expect(balanceOf(applied.state, 'merchant:m1:CNY')?.creditsPending).toBe(7_199);
    expect(sumOfBalances(applied.state, 'CNY')).toBe(0);
    // A replayed payment splits once: the same linked transfers are replays.
    const again = applyLinked(applied.state, plan.ops);
    expect(again.ok && again.replay).toBe(true);
  });

  it('always splits the whole amount, whatever the rule and amount (fast-check)', () => {
    fc.assert(fc.property(fc.nat(10_000_000), fc.constantFrom('p_tea', 'p_x'), fc.constantFrom('c_star', 'c_x', undefined), fc.boolean(), (amount, productId, creatorId, d11) => {
      const plan = planOrderSplit(rules, { orderId: 'o', amountFen: amount, currency: 'CNY', lines: [{ productId, amountFen: amount }], ...(creatorId ? { creatorId } : {}), ...(d11 ? { campaignId: 'd11' } : {}) }, 'm');
      if (!plan.ok) return amount < 10; // only the fixed fee can exceed a tiny amount
      const pending = plan.ops.filter((op) => op.op === 'transfer' && op.kind === 'pending');
      return plan.legs.reduce((n, l) => n + l.amountFen, 0) === amount && pending.reduce((n, op) => n + (op.op === 'transfer' ? op.amountFen : 0), 0) === amount;
    }), { numRuns: 500 });
  });

  it('splits each line by its own product rule and sums the legs per account', () => {
    const plan = planOrderSplit(rules, { orderId: 'o2', amountFen: 3_000, currency: 'CNY', lines: [{ productId: 'p_tea', amountFen: 1_000 }, { productId: 'p_x', amountFen: 2_000 }] }, 'm1');
    // Tea line: platform 30, creator (unattributed) 150, merchant 820; other line: platform 60, merchant 1,940.
    expect(plan.ok && plan.legs.map((l) => [l.account, l.amountFen])).toEqual([['platform:CNY', 90], ['creator:unattributed:CNY', 150], ['merchant:m1:CNY', 2_760]]);
    expect(plan.ok && plan.rules).toEqual(['default', 'tea']);
    expect(planOrderSplit(rules, { orderId: 'o3', amountFen: 3_000, currency: 'CNY', lines: [{ amountFen: 1 }] }, 'm1')).toMatchObject({ ok: false, code: 'settlement_invalid_split' });
  });
});

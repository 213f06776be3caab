import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chartAccount } from './accounts.js';
import { planOrderSplit, type CommissionRule } from './commission.js';
import { applyLinked, balanceOf, computeAvailable, openLedger, sumOfBalances, ZERO_BALANCE, type LedgerOp, type LedgerState } from './ledger.js';
import { planCompensation, planRefund, planSettle, type SplitRecord } from './order-settlement.js';

const RULES: CommissionRule[] = [
  { id: 'default', scope: {}, priority: 0, legs: [{ party: 'platform', basisPoints: 500 }] },
  { id: 'star', scope: { creatorId: 'c_star' }, mcnId: 'm_x', priority: 0, legs: [{ party: 'platform', basisPoints: 300 }, { party: 'creator', basisPoints: 2000 }, { party: 'mcn', basisPoints: 500 }] },
];

/** A ledger that opens chart accounts the first time an operation names them (what the service does). */
function apply(state: LedgerState, ops: readonly LedgerOp[]): LedgerState {
  let s = state;
  const missing = new Set<string>();
  for (const op of ops) if (op.op === 'transfer') for (const id of [op.debit, op.credit]) if (!s.accounts.has(id)) missing.add(id);
  if (missing.size > 0) {
    const accounts = new Map(s.accounts);
    const balances = new Map(s.balances);
    for (const id of missing) { const a = chartAccount(id); if (!a) throw new Error(`not a chart account: ${id}`); accounts.set(id, a); balances.set(id, ZERO_BALANCE); }
    s = { ...s, accounts, balances };
  }
  const out = applyLinked(s, ops);
  if (!out.ok) throw new Error(`${out.code}: ${out.reason} (op ${out.index})`);
  return out.state;
}

function split(state: LedgerState, orderId: string, amountFen: number, creatorId?: string): { state: LedgerState; rec: SplitRecord } {
  const plan = planOrderSplit(RULES, { orderId, amountFen, currency: 'CNY', ...(creatorId ? { creatorId } : {}) }, 't1');
  if (!plan.ok) throw new Error(plan.reason);
  const rec: SplitRecord = { tenant: 't1', orderId, currency: 'CNY', amountFen, refundedFen: 0, status: 'pending', legs: plan.legs, generation: 1, rules: plan.rules, paidAt: 0, deliveredAt: null, closesAt: null, refunds: [], compensation: null };
  return { state: apply(state, plan.ops), rec };
}

const view = (s: LedgerState) => (a: string) => balanceOf(s, a) ?? ZERO_BALANCE;
const open = (): LedgerState => { const o = openLedger([]); if (!o.ok) throw new Error('open'); return o.state; };

describe('order settlement plans', () => {
  it('voids inside the window and splits a partial refund again at the reduced legs', () => {
    let { state, rec } = split(open(), 'o1', 10_000, 'c_star');
    const r = planRefund(rec, { id: 'rf1', amountFen: 2_500, at: 1 }, view(state));
    if (!r.ok) throw new Error(r.reason);
    state = apply(state, r.ops);
    rec = r.next;
    // Legs 300 / 2000 / 500 / 7200 lose 25 % each: 225 / 1500 / 375 / 5400, all still pending.
    expect(rec.legs.map((l) => l.amountFen)).toEqual([225, 1_500, 375, 5_400]);
    expect(balanceOf(state, 'creator:c_star:CNY')).toEqual({ debitsPending: 0, debitsPosted: 0, creditsPending: 1_500, creditsPosted: 0 });
    expect(balanceOf(state, 'buyer_refunds:CNY')?.creditsPosted).toBe(2_500);
    expect(planRefund(rec, { id: 'rf2', amountFen: 7_501, at: 2 }, view(state))).toMatchObject({ ok: false, code: 'settlement_refund_exceeds_paid' });
    expect(planRefund(rec, { id: 'rf1', amountFen: 2_500, at: 2 }, view(state))).toMatchObject({ ok: true, replay: true });
    expect(planRefund(rec, { id: 'rf1', amountFen: 100, at: 2 }, view(state))).toMatchObject({ ok: false, code: 'settlement_duplicate_transfer' });
  });

  it('claws back after the window from pending earnings, then available, then as a receivable recovered at the next posting', () => {
    let { state, rec: a } = split(open(), 'oa', 10_000, 'c_star');
    const settled = planSettle(a, view(state));
    if (!settled.ok) throw new Error('settle');
    state = apply(state, settled.ops);
    a = settled.next;
    // The creator withdraws 1,500 of its 2,000 (a payout), then earns 400 pending on another order.
    state = apply(state, [{ op: 'transfer', kind: 'single', id: 'payout1', debit: 'creator:c_star:CNY', credit: 'payments:CNY', amountFen: 1_500, currency: 'CNY' }]);
    const b = split(state, 'ob', 2_000, 'c_star');
    state = b.state;
    const r = planRefund(a, { id: 'rfa', amountFen: 10_000, at: 5 }, view(state));
    if (!r.ok) throw new Error(r.reason);
    const creator = r.next.refunds[0]?.clawbacks.find((c) => c.account === 'creator:c_star:CNY');
    expect(creator).toEqual({ account: 'creator:c_star:CNY', amountFen: 2_000, fromPending: 400, fromAvailable: 500, receivable: 1_100 });
    state = apply(state, r.ops);
    expect(computeAvailable(balanceOf(state, 'creator:c_star:CNY')!)).toBe(0);
    expect(balanceOf(state, 'receivable:creator:c_star:CNY')?.debitsPosted).toBe(1_500);
    // Order b's window closes: its 400 posts and goes straight to the receivable.
    const sb = planSettle(b.rec, view(state));
    if (!sb.ok) throw new Error('settle b');
    state = apply(state, sb.ops);
    expect(computeAvailable(balanceOf(state, 'creator:c_star:CNY')!)).toBe(0);
    const owed = balanceOf(state, 'receivable:creator:c_star:CNY')!;
    expect(owed.debitsPosted - owed.creditsPosted).toBe(1_100);
  });

  it('pays compensation from the pool, then the merchant, then as the merchant receivable; once', () => {
    let { state, rec } = split(open(), 'oc', 1_000);
    state = apply(state, [{ op: 'transfer', kind: 'single', id: 'fund', debit: 'payments:CNY', credit: 'compensation_pool:CNY', amountFen: 30, currency: 'CNY' }]);
    const c = planCompensation(rec, { amountFen: 300, at: 9 }, view(state));
    if (!c.ok) throw new Error(c.reason);
    expect(c.next.compensation).toEqual({ amountFen: 300, fromPool: 30, fromMerchant: 0, owed: 270, at: 9 });
    state = apply(state, c.ops);
    rec = c.next;
    expect(balanceOf(state, 'buyer_refunds:CNY')?.creditsPosted).toBe(300);
    expect(planCompensation(rec, { amountFen: 300, at: 10 }, view(state))).toMatchObject({ ok: true, replay: true });
  });

  it('keeps the ledger balanced and every limit through any mix of splits, refunds, postings and compensation (fast-check)', () => {
    const step = fc.oneof(
      fc.record({ k: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 50_000 }), star: fc.boolean() }),
      fc.record({ k: fc.constant('refund' as const), pick: fc.nat(), part: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ k: fc.constant('settle' as const), pick: fc.nat() }),
      fc.record({ k: fc.constant('comp' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 5_000 }) }),
    );
    fc.assert(fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
      let state = open();
      const recs: SplitRecord[] = [];
      let refundedTotal = 0;
      let compTotal = 0;
      steps.forEach((s, i) => {
        if (s.k === 'pay') { const r = split(state, `o${i}`, s.amount, s.star ? 'c_star' : undefined); state = r.state; recs.push(r.rec); return; }
        if (recs.length === 0) return;
        const idx = s.pick % recs.length;
        const rec = recs[idx]!;
        const plan = s.k === 'settle' ? planSettle(rec, view(state))
          : s.k === 'comp' ? planCompensation(rec, { amountFen: s.amount, at: i }, view(state))
            : planRefund(rec, { id: `rf${i}`, amountFen: Math.max(1, Math.floor(((rec.amountFen - rec.refundedFen) * s.part) / 100)), at: i }, view(state));
        if (!plan.ok) { expect(plan.code).toBe(s.k === 'comp' ? 'settlement_duplicate_transfer' : 'settlement_refund_exceeds_paid'); return; }
        if (plan.replay) return;
        state = apply(state, plan.ops);
        if (s.k === 'refund') refundedTotal += plan.next.refundedFen - rec.refundedFen;
        if (s.k === 'comp') compTotal += plan.next.compensation?.amountFen ?? 0;
        recs[idx] = plan.next;
      });
      expect(sumOfBalances(state, 'CNY')).toBe(0);
      for (const [id, acc] of state.accounts) if (!acc.allowNegative) expect(computeAvailable(balanceOf(state, id)!)).toBeGreaterThanOrEqual(0);
      expect(balanceOf(state, 'buyer_refunds:CNY')?.creditsPosted ?? 0).toBe(refundedTotal + compTotal);
      // Clearing hands on exactly what is paid and not refunded: its available balance is always 0.
      expect(computeAvailable(balanceOf(state, 'clearing:CNY') ?? ZERO_BALANCE)).toBe(0);
      for (const r of recs) expect(r.legs.reduce((n, l) => n + l.amountFen, 0)).toBe(r.amountFen - r.refundedFen);
    }), { numRuns: 300 });
  });
});

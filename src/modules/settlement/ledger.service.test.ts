import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../test/harness/sql-engines.js';
import { SqlLedgerStore } from './store/ledger.sql.js';
import { LedgerService } from './ledger.service.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

async function ledgerOn(engine: { fresh(): Promise<import('../../storage/sql-db.js').SqlDb> }, clock: { now(): number }): Promise<LedgerService> {
  const store = new SqlLedgerStore(await engine.fresh());
  await store.init();
  return new LedgerService(store, clock, { refundWindowMs: 7 * DAY, maxBatch: 100 });
}

const engines = await sqlEngines('settlement-service');
for (const engine of engines) {
  describe(`LedgerService — ${engine.name}`, () => {
    it('splits on payment, posts when the window closes, claws back a late refund and pays compensation', async () => {
      let now = T0;
      const ledger = await ledgerOn(engine, { now: () => now });
      await ledger.setRules('t1', [{ id: 'star', scope: { creatorId: 'c_star' }, mcnId: 'm_x', priority: 0, legs: [{ party: 'platform', basisPoints: 300 }, { party: 'creator', basisPoints: 2000 }, { party: 'mcn', basisPoints: 500 }] }]);
      const facts = { orderId: 'ord_1', amountFen: 9_999, currency: 'CNY', creatorId: 'c_star' };
      const split = await ledger.splitOrder('t1', facts, now);
      expect(split.ok && split.transfers.length).toBe(5);
      expect(await ledger.splitOrder('t1', facts, now)).toMatchObject({ ok: true, replay: true });
      const pending = Object.fromEntries((await ledger.accounts('t1')).map((a) => [a.id, [a.pendingFen, a.postedFen]]));
      expect(pending).toMatchObject({ 'creator:c_star:CNY': [2_000, 0], 'merchant:t1:CNY': [7_199, 0], 'payments:CNY': [0, -9_999] });

      expect(await ledger.submit({ kind: 'deliver', tenant: 't1', orderId: 'ord_1', deliveredAt: now })).toMatchObject({ ok: true });
      now += 7 * DAY - 1;
      expect(await ledger.settleDue()).toBe(0);
      now += 1;
      expect(await ledger.settleDue()).toBe(1);
      const posted = Object.fromEntries((await ledger.accounts('t1')).map((a) => [a.id, [a.pendingFen, a.availableFen]]));
      expect(posted).toMatchObject({ 'creator:c_star:CNY': [0, 2_000], 'merchant:t1:CNY': [0, 7_199], 'clearing:CNY': [0, 0] });

      // The creator is paid out 1,800 of its 2,000; then the whole order is refunded: 200 back, 1,800 owed.
      expect(await ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: 'payout_1', debit: 'creator:c_star:CNY', credit: 'payments:CNY', amountFen: 1_800, currency: 'CNY' }])).toMatchObject({ ok: true });
      expect(await ledger.submit({ kind: 'refund', tenant: 't1', orderId: 'ord_1', refundId: 'rf_1', amountFen: 10_000 })).toMatchObject({ ok: false, code: 'settlement_refund_exceeds_paid' });
      const refund = await ledger.submit({ kind: 'refund', tenant: 't1', orderId: 'ord_1', refundId: 'rf_1', amountFen: 'rest' });
      expect(refund.ok && refund.split?.refunds[0]?.clawbacks.find((c) => c.account === 'creator:c_star:CNY')).toEqual({ account: 'creator:c_star:CNY', amountFen: 2_000, fromPending: 0, fromAvailable: 200, receivable: 1_800 });
      const after = Object.fromEntries((await ledger.accounts('t1')).map((a) => [a.id, a.postedFen]));
      expect(after).toMatchObject({ 'buyer_refunds:CNY': 9_999, 'receivable:creator:c_star:CNY': -1_800, 'creator:c_star:CNY': 0, 'merchant:t1:CNY': 0 });

      // A second order of the creator: compensation for its missed promise, then its window closes and repays the receivable.
      await ledger.splitOrder('t1', { ...facts, orderId: 'ord_2', amountFen: 5_000 }, now);
      await ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: 'fund_1', debit: 'payments:CNY', credit: 'compensation_pool:CNY', amountFen: 200, currency: 'CNY' }], 'fund');
      const comp = await ledger.submit({ kind: 'compensate', tenant: 't1', orderId: 'ord_2', amountFen: 300 });
      expect(comp.ok && comp.split?.compensation).toMatchObject({ amountFen: 300, fromPool: 200, fromMerchant: 0, owed: 100 });
      await ledger.submit({ kind: 'deliver', tenant: 't1', orderId: 'ord_2', deliveredAt: now });
      now += 7 * DAY;
      expect(await ledger.settleDue()).toBe(1);
      const final = Object.fromEntries((await ledger.accounts('t1')).map((a) => [a.id, a.postedFen]));
      // ord_2: creator 1,000 posts and repays 1,000 of the 1,800 owed; the merchant's 3,600 repays its 100.
      expect(final).toMatchObject({ 'creator:c_star:CNY': 0, 'receivable:creator:c_star:CNY': -800, 'merchant:t1:CNY': 3_500, 'receivable:merchant:t1:CNY': 0 });
      const statement = await ledger.statement('t1', 'creator:c_star:CNY', T0, now + 1);
      expect(statement.opening.creditsPosted).toBe(0);
      expect(statement.entries.map((e) => e.memo)).toEqual(['recover', 'post', 'split', 'clawback', 'manual', 'post', 'split']);
      expect((await ledger.check('t1')).ok).toBe(true);
    });

    it('refuses bad transfers whole and keeps the good ones of a batch', async () => {
      const ledger = await ledgerOn(engine, { now: () => T0 });
      const results = await Promise.all([
        ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: 'ok_1', debit: 'payments:CNY', credit: 'merchant:t1:CNY', amountFen: 500, currency: 'CNY' }]),
        ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: 'bad_1', debit: 'merchant:t1:CNY', credit: 'platform:CNY', amountFen: 100, currency: 'CNY' }, { op: 'transfer', kind: 'single', id: 'bad_2', debit: 'nowhere', credit: 'platform:CNY', amountFen: 1, currency: 'CNY' }]),
        ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: 'bad_3', debit: 'payments:CNY', credit: 'platform:USD', amountFen: 1, currency: 'CNY' }]),
        ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: 'ok_1', debit: 'payments:CNY', credit: 'merchant:t1:CNY', amountFen: 501, currency: 'CNY' }]),
        ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: 'bad_4', debit: 'merchant:t1:CNY', credit: 'platform:CNY', amountFen: 501, currency: 'CNY' }]),
      ]);
      expect(results.map((r) => (r.ok ? 'ok' : `${r.code}@${r.index}`))).toEqual(['ok', 'settlement_unknown_account@1', 'settlement_currency_mismatch@0', 'settlement_duplicate_transfer@0', 'settlement_exceeds_limit@0']);
      expect((await ledger.accounts('t1')).map((a) => [a.id, a.postedFen])).toEqual([['merchant:t1:CNY', 500], ['payments:CNY', -500]]);
      expect(await ledger.submit({ kind: 'refund', tenant: 't1', orderId: 'never', refundId: 'r', amountFen: 1 })).toMatchObject({ ok: false, code: 'settlement_order_not_split' });
      expect((await ledger.check('t1')).ok).toBe(true);
    });
  });
}

describe('LedgerService on embedded SQLite — random commands (fast-check)', () => {
  it('keeps the stored counters equal to the replayed journal and every currency at zero', async () => {
    const engine = engines[0]!;
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ k: fc.constantFrom('pay', 'deliver', 'refund', 'settle', 'comp', 'fund'), pick: fc.nat(), amount: fc.integer({ min: 1, max: 20_000 }) }), { maxLength: 30 }), async (steps) => {
      let now = T0;
      const ledger = await ledgerOn(engine, { now: () => now });
      await ledger.setRules('t1', [{ id: 'd', scope: {}, priority: 0, legs: [{ party: 'platform', basisPoints: 450 }, { party: 'creator', basisPoints: 1_000, fixedFen: 1 }] }]);
      const orders: string[] = [];
      await Promise.all(steps.map((s, i) => {
        const orderId = orders[s.pick % Math.max(1, orders.length)] ?? 'none';
        now += DAY;
        switch (s.k) {
          case 'pay': orders.push(`o${i}`); return ledger.splitOrder('t1', { orderId: `o${i}`, amountFen: s.amount, currency: 'CNY', creatorId: `c${s.pick % 3}` }, now);
          case 'deliver': return ledger.submit({ kind: 'deliver', tenant: 't1', orderId, deliveredAt: now - 8 * DAY });
          case 'refund': return ledger.submit({ kind: 'refund', tenant: 't1', orderId, refundId: `r${i}`, amountFen: s.amount % 3 === 0 ? 'rest' : s.amount });
          case 'settle': return ledger.settleDue();
          case 'comp': return ledger.submit({ kind: 'compensate', tenant: 't1', orderId, amountFen: s.amount % 500 + 1 });
          case 'fund': return ledger.transfer('t1', [{ op: 'transfer', kind: 'single', id: `f${i}`, debit: 'payments:CNY', credit: 'compensation_pool:CNY', amountFen: s.amount, currency: 'CNY' }], 'fund');
        }
      }));
      const check = await ledger.check('t1');
      expect(check.mismatches).toEqual([]);
      expect(check.ok).toBe(true);
      for (const a of await ledger.accounts('t1')) if (!a.allowNegative) expect(a.availableFen).toBeGreaterThanOrEqual(0);
    }), { numRuns: 25 });
  });
});

import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import type { SplitRecord } from '../domain/order-settlement.js';
import type { JournalRow, LedgerStore } from '../ledger.store.js';
import { SqlLedgerStore } from './ledger.sql.js';

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const row = (seq: number, id: string, over: Partial<JournalRow> = {}): JournalRow => ({
  seq, id, op: 'transfer', debit: 'clearing:CNY', credit: 'merchant:t1:CNY', amountFen: 100, currency: 'CNY', kind: 'single', pendingId: null, orderId: null, memo: 'manual', at: T0 + seq, ...over,
});
const split = (orderId: string, status: SplitRecord['status'], closesAt: number | null): SplitRecord => ({
  tenant: 't1', orderId, currency: 'CNY', amountFen: 1_000, refundedFen: 0, status, legs: [{ account: 'merchant:t1:CNY', party: 'merchant', amountFen: 1_000, transferId: `${orderId}:leg1:merchant:t1:CNY` }],
  generation: 1, rules: [], paidAt: T0, deliveredAt: closesAt === null ? null : closesAt - 10, closesAt, refunds: [], compensation: null,
});
const counters = (debitsPending: number, debitsPosted: number, creditsPending: number, creditsPosted: number) => ({ debitsPending, debitsPosted, creditsPending, creditsPosted });

async function fresh(engine: { fresh(): Promise<import('../../../storage/sql-db.js').SqlDb> }): Promise<LedgerStore> {
  const s = new SqlLedgerStore(await engine.fresh());
  await s.init();
  return s;
}

for (const engine of await sqlEngines('settlement')) {
  describe(`LedgerStore contract — ${engine.name}`, () => {
    it('writes accounts, journal, resolutions and splits in one commit and reads them back per tenant', async () => {
      const s = await fresh(engine);
      expect(await s.lastSeq('t1')).toBe(0);
      await s.commit([{
        tenant: 't1',
        accounts: [{ account: { id: 'clearing:CNY', currency: 'CNY', allowNegative: false }, balance: counters(500, 0, 0, 1_000) }, { account: { id: 'payments:CNY', currency: 'CNY', allowNegative: true }, balance: counters(0, 1_000, 0, 0) }],
        journal: [row(1, 'o1:pay', { debit: 'payments:CNY', credit: 'clearing:CNY', amountFen: 1_000, orderId: 'o1', memo: 'payment' }), row(2, 'o1:leg1', { kind: 'pending', amountFen: 500, orderId: 'o1', memo: 'split' })],
        resolved: [], splits: [split('o1', 'pending', null)],
      }, { tenant: 't2', accounts: [], journal: [row(1, 'x')], resolved: [], splits: [] }]);
      expect(await s.lastSeq('t1')).toBe(2);
      expect(await s.lastSeq('t2')).toBe(1);
      expect((await s.accounts('t1')).map((a) => [a.account.id, a.account.allowNegative, a.balance.creditsPosted])).toEqual([['clearing:CNY', false, 1_000], ['payments:CNY', true, 0]]);
      expect((await s.transfers('t1', ['o1:leg1', 'nope'])).map((t) => [t.id, t.kind, t.status])).toEqual([['o1:leg1', 'pending', 'pending']]);
      await s.commit([{ tenant: 't1', accounts: [{ account: { id: 'clearing:CNY', currency: 'CNY', allowNegative: false }, balance: counters(0, 500, 0, 1_000) }],
        journal: [row(3, 'o1:leg1:post', { op: 'post', kind: null, pendingId: 'o1:leg1', amountFen: 500, orderId: 'o1', memo: 'post' })], resolved: [{ id: 'o1:leg1', status: 'posted' }], splits: [split('o1', 'posted', T0)] }]);
      expect((await s.transfers('t1', ['o1:leg1']))[0]?.status).toBe('posted');
      expect((await s.accounts('t1'))[0]?.balance).toEqual(counters(0, 500, 0, 1_000));
      expect((await s.splits('t1', ['o1', 'o2'])).map((x) => x.status)).toEqual(['posted']);
      expect(await s.splits('t2', ['o1'])).toEqual([]);
    });

    it('pages the journal both ways, by account, order and time, and rebuilds counters before a time', async () => {
      const s = await fresh(engine);
      await s.commit([{ tenant: 't1', accounts: [], resolved: [], splits: [], journal: [
        row(1, 'a', { debit: 'payments:CNY', credit: 'clearing:CNY', amountFen: 1_000 }),
        row(2, 'b', { kind: 'pending', amountFen: 600, orderId: 'o1' }),
        row(3, 'b:post', { op: 'post', kind: null, pendingId: 'b', amountFen: 600, orderId: 'o1' }),
        row(4, 'c', { kind: 'pending', amountFen: 300 }),
        row(5, 'c:void', { op: 'void', kind: null, pendingId: 'c', amountFen: 300 }),
        row(6, 'd', { kind: 'pending', amountFen: 50 }),
      ] }]);
      expect((await s.journal('t1', { limit: 2 })).map((r) => r.id)).toEqual(['d', 'c:void']);
      expect((await s.journal('t1', { beforeSeq: 5, limit: 2 })).map((r) => r.id)).toEqual(['c', 'b:post']);
      expect((await s.journal('t1', { afterSeq: 4, limit: 10 })).map((r) => r.id)).toEqual(['c:void', 'd']);
      expect((await s.journal('t1', { orderId: 'o1', limit: 10 })).map((r) => r.id)).toEqual(['b:post', 'b']);
      expect((await s.journal('t1', { account: 'payments:CNY', limit: 10 })).map((r) => r.id)).toEqual(['a']);
      expect((await s.journal('t1', { from: T0 + 2, to: T0 + 4, limit: 10 })).map((r) => r.id)).toEqual(['b:post', 'b']);
      expect(await s.balanceAt('t1', 'merchant:t1:CNY', T0 + 100)).toEqual(counters(0, 0, 50, 600));
      expect(await s.balanceAt('t1', 'clearing:CNY', T0 + 4)).toEqual(counters(0, 600, 0, 1_000));
      expect(await s.balanceAt('t1', 'clearing:CNY', T0)).toEqual(counters(0, 0, 0, 0));
      expect(await s.totalsByMemo('t1', 'merchant:t1:CNY')).toEqual({ credits: { manual: 950 }, debits: {} });
      expect(await s.totalsByMemo('t1', 'payments:CNY')).toEqual({ credits: {}, debits: { manual: 1_000 } });
    });

    it('finds pending splits whose window closed, oldest first, and lists splits by order id', async () => {
      const s = await fresh(engine);
      await s.commit([{ tenant: 't1', accounts: [], journal: [], resolved: [], splits: [split('o3', 'pending', T0 + 5), split('o1', 'pending', T0 + 1), split('o2', 'posted', T0), split('o4', 'pending', null), split('o5', 'pending', T0 + 99)] }]);
      expect(await s.dueSplits(T0 + 10, 10)).toEqual([{ tenant: 't1', orderId: 'o1' }, { tenant: 't1', orderId: 'o3' }]);
      expect(await s.dueSplits(T0 + 10, 1)).toEqual([{ tenant: 't1', orderId: 'o1' }]);
      expect((await s.listSplits('t1', 'o2', 2)).map((x) => x.orderId)).toEqual(['o3', 'o4']);
    });

    it('replaces a tenant\'s rules', async () => {
      const s = await fresh(engine);
      await s.setRules('t1', [{ id: 'b', scope: {}, legs: [{ party: 'platform', basisPoints: 500 }], priority: 0 }, { id: 'a', scope: { creatorId: 'c1' }, legs: [], priority: 1 }], T0);
      expect((await s.rules('t1')).map((r) => r.id)).toEqual(['a', 'b']);
      await s.setRules('t1', [], T0);
      expect(await s.rules('t1')).toEqual([]);
      expect(await s.rules('t2')).toEqual([]);
    });
  });
}

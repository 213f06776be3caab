import { describe, expect, it } from 'vitest';
import { stockEngines } from '../../../../test/harness/stock-engines.js';
import type { StockStore } from '../stock.store.js';

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const line = (sku: string, quantity: number, warehouse = 'wh_sh') => ({ sku, warehouse, quantity });

/** Receives stock for the test: one adjustment per (sku, units) in warehouse `wh_sh` unless given. */
async function receive(s: StockStore, tenant: string, items: Array<[string, number, string?]>): Promise<void> {
  const b = await s.adjust(tenant, items.map(([sku, delta, warehouse]) => ({ sku, warehouse: warehouse ?? 'wh_sh', delta, reason: 'import', ref: 'test' })), T0);
  expect(b.outcomes.every((o) => o.ok)).toBe(true);
}

for (const engine of await stockEngines('inventory')) {
  describe(`StockStore contract — ${engine.name}`, () => {
    it('records adjustments as movements, refuses write-offs below zero and zero deltas, newest first', async () => {
      const s = await engine.fresh();
      const b = await s.adjust('t1', [
        { sku: 'sku_a', warehouse: 'wh_sh', delta: 10, reason: 'import', ref: 'po-1' },
        { sku: 'sku_a', warehouse: 'wh_sh', delta: -11, reason: 'damaged', ref: '' },
        { sku: 'sku_a', warehouse: 'wh_sh', delta: 0, reason: 'noop', ref: '' },
        { sku: 'sku_a', warehouse: 'wh_sh', delta: -3, reason: 'damaged', ref: 'qc-7' },
      ], T0);
      expect(b.outcomes.map((o) => (o.ok ? o.movement.availableAfter : o.code))).toEqual([10, 'inventory_insufficient_stock', 'inventory_invalid_quantity', 7]);
      expect(b.levels).toEqual([{ sku: 'sku_a', warehouse: 'wh_sh', available: 7, reserved: 0, sold: 0 }]);
      await s.adjust('t1', [{ sku: 'sku_a', warehouse: 'wh_sh', delta: 1, reason: 'count_correction', ref: '' }], T0 + 1);
      const moves = await s.movements('t1', { sku: 'sku_a', limit: 10 });
      expect(moves.map((m) => [m.delta, m.reason, m.ref, m.availableAfter])).toEqual([[1, 'count_correction', '', 8], [-3, 'damaged', 'qc-7', 7], [10, 'import', 'po-1', 10]]);
      expect(await s.movements('t2', { limit: 10 })).toEqual([]);
      await s.close();
    });

    it('reserves all lines or none, in batch order, and a holder twice is a replay', async () => {
      const s = await engine.fresh();
      await receive(s, 't1', [['sku_a', 5], ['sku_b', 1]]);
      const b = await s.reserve('t1', [
        { holder: 'ord_1', lines: [line('sku_a', 2), line('sku_b', 1)], deadline: T0 + 900_000 },
        { holder: 'ord_2', lines: [line('sku_a', 1), line('sku_b', 1)], deadline: T0 + 900_000 }, // sku_b is gone: nothing of it is held
        { holder: 'ord_3', lines: [line('sku_a', 3)], deadline: T0 + 900_000 },
        { holder: 'ord_1', lines: [line('sku_a', 2), line('sku_b', 1)], deadline: T0 + 900_000 },
        { holder: 'ord_4', lines: [line('sku_a', 0)], deadline: T0 },
        { holder: 'ord_5', lines: [line('sku_nope', 1)], deadline: T0 },
      ], T0);
      expect(b.outcomes).toEqual([
        { ok: true, replay: false },
        { ok: false, code: 'inventory_insufficient_stock', sku: 'sku_b', warehouse: 'wh_sh', available: 0 },
        { ok: true, replay: false },
        { ok: true, replay: true },
        { ok: false, code: 'inventory_invalid_quantity', sku: 'sku_a', warehouse: 'wh_sh', available: 0 },
        { ok: false, code: 'inventory_insufficient_stock', sku: 'sku_nope', warehouse: 'wh_sh', available: 0 },
      ]);
      expect(b.levels).toEqual([{ sku: 'sku_a', warehouse: 'wh_sh', available: 0, reserved: 5, sold: 0 }, { sku: 'sku_b', warehouse: 'wh_sh', available: 0, reserved: 1, sold: 0 }]);
      expect(await s.reservation('t1', 'ord_2')).toBeUndefined();
      expect(await s.reservation('t1', 'ord_1')).toEqual({ holder: 'ord_1', state: 'held', lines: [line('sku_a', 2), line('sku_b', 1)], deadline: T0 + 900_000, updatedAt: T0 });
      expect((await s.reserve('t1', [{ holder: 'ord_1', lines: [line('sku_a', 1)], deadline: T0 }], T0)).outcomes).toEqual([{ ok: true, replay: true }]);
      await s.close();
    });

    it('sums a bundle listing one part twice and refuses it whole when the sum is short', async () => {
      const s = await engine.fresh();
      await receive(s, 't1', [['sku_a', 3]]);
      const b = await s.reserve('t1', [{ holder: 'ord_b', lines: [line('sku_a', 2), line('sku_a', 2)], deadline: T0 }], T0);
      expect(b.outcomes[0]).toMatchObject({ ok: false, code: 'inventory_insufficient_stock', available: 3 });
      expect(await s.levels('t1')).toEqual([{ sku: 'sku_a', warehouse: 'wh_sh', available: 3, reserved: 0, sold: 0 }]);
      await s.close();
    });

    it('confirms, releases and restocks holders once each; wrong states are refused with the holder state', async () => {
      const s = await engine.fresh();
      await receive(s, 't1', [['sku_a', 10], ['sku_a', 4, 'wh_gz']]);
      await s.reserve('t1', ['ord_1', 'ord_2', 'ord_3'].map((h) => ({ holder: h, lines: [line('sku_a', 2), line('sku_a', 1, 'wh_gz')], deadline: T0 })), T0);
      const c = await s.settle('t1', ['ord_1', 'ord_1', 'ord_9'], 'confirm', T0 + 1);
      expect(c.outcomes).toEqual([{ ok: true, replay: false, state: 'confirmed' }, { ok: true, replay: true, state: 'confirmed' }, { ok: false, code: 'inventory_nothing_reserved', state: 'none' }]);
      const r = await s.settle('t1', ['ord_2', 'ord_1'], 'release', T0 + 2);
      expect(r.outcomes).toEqual([{ ok: true, replay: false, state: 'released' }, { ok: false, code: 'inventory_nothing_reserved', state: 'confirmed' }]);
      expect((await s.settle('t1', ['ord_2'], 'release', T0 + 3)).outcomes).toEqual([{ ok: true, replay: true, state: 'released' }]);
      expect((await s.settle('t1', ['ord_3', 'ord_1'], 'restock', T0 + 4)).outcomes).toEqual([{ ok: false, code: 'inventory_nothing_sold', state: 'held' }, { ok: true, replay: false, state: 'restocked' }]);
      expect(await s.levels('t1', ['sku_a'])).toEqual([
        { sku: 'sku_a', warehouse: 'wh_gz', available: 3, reserved: 1, sold: 0 },
        { sku: 'sku_a', warehouse: 'wh_sh', available: 8, reserved: 2, sold: 0 },
      ]);
      // A released holder may reserve again (a payment that arrived after its timeout), then confirm.
      expect((await s.reserve('t1', [{ holder: 'ord_2', lines: [line('sku_a', 1)], deadline: T0 + 10 }], T0 + 5)).outcomes).toEqual([{ ok: true, replay: false }]);
      expect((await s.settle('t1', ['ord_2'], 'confirm', T0 + 6)).levels).toEqual([{ sku: 'sku_a', warehouse: 'wh_sh', available: 7, reserved: 2, sold: 1 }]);
      await s.close();
    });

    it('lists due held reservations across tenants by deadline, and held holders per tenant', async () => {
      const s = await engine.fresh();
      await receive(s, 't1', [['sku_a', 10]]);
      await receive(s, 't2', [['sku_a', 10]]);
      await s.reserve('t1', [{ holder: 'ord_late', lines: [line('sku_a', 1)], deadline: T0 + 500 }, { holder: 'ord_paid', lines: [line('sku_a', 1)], deadline: T0 }], T0);
      await s.reserve('t2', [{ holder: 'ord_x', lines: [line('sku_a', 1)], deadline: T0 + 100 }, { holder: 'ord_y', lines: [line('sku_a', 1)], deadline: T0 + 5000 }], T0);
      await s.settle('t1', ['ord_paid'], 'confirm', T0);
      expect(await s.due(T0 + 1000, 10)).toEqual([{ tenant: 't2', holder: 'ord_x' }, { tenant: 't1', holder: 'ord_late' }]);
      expect(await s.due(T0 + 1000, 1)).toEqual([{ tenant: 't2', holder: 'ord_x' }]);
      expect(await s.heldHolders('t2')).toEqual(['ord_x', 'ord_y']);
      expect(await s.tenants()).toEqual(['t1', 't2']);
      await s.close();
    });

    it('lists movements of every SKU newest first up to the limit, and answers empty batches with nothing', async () => {
      const s = await engine.fresh();
      await receive(s, 't1', [['sku_a', 5], ['sku_b', 6], ['sku_a', 7, 'wh_gz']]);
      await s.adjust('t1', [{ sku: 'sku_b', warehouse: 'wh_sh', delta: -2, reason: 'damaged', ref: '' }], T0 + 1);
      const moves = await s.movements('t1', { limit: 3 });
      expect(moves.map((m) => [m.sku, m.warehouse, m.delta, m.at, m.availableAfter])).toEqual([['sku_b', 'wh_sh', -2, T0 + 1, 4], ['sku_a', 'wh_gz', 7, T0, 7], ['sku_b', 'wh_sh', 6, T0, 6]]);
      expect(moves.every((m) => m.id.startsWith('mov_'))).toBe(true);
      expect(new Set((await s.movements('t1', { limit: 10 })).map((m) => m.id)).size).toBe(4);
      expect(await s.adjust('t1', [], T0)).toEqual({ outcomes: [], levels: [] });
      expect(await s.reserve('t1', [], T0)).toEqual({ outcomes: [], levels: [] });
      expect(await s.settle('t1', [], 'confirm', T0)).toEqual({ outcomes: [], levels: [] });
      await s.close();
    });

    it('records each settlement on the reservation and drops released or confirmed holders from due and held', async () => {
      const s = await engine.fresh();
      await receive(s, 't1', [['sku_a', 10]]);
      await s.reserve('t1', ['ord_1', 'ord_2', 'ord_3'].map((h) => ({ holder: h, lines: [line('sku_a', 1)], deadline: T0 })), T0);
      await s.settle('t1', ['ord_1'], 'release', T0 + 7);
      await s.settle('t1', ['ord_2'], 'confirm', T0 + 8);
      expect(await s.reservation('t1', 'ord_1')).toEqual({ holder: 'ord_1', state: 'released', lines: [line('sku_a', 1)], deadline: T0, updatedAt: T0 + 7 });
      expect(await s.due(T0, 10)).toEqual([{ tenant: 't1', holder: 'ord_3' }]);
      expect(await s.heldHolders('t1')).toEqual(['ord_3']);
      // Reserving again after a release makes the holder held and due again, with its new lines and deadline.
      await s.reserve('t1', [{ holder: 'ord_1', lines: [line('sku_a', 2)], deadline: T0 - 1 }], T0 + 9);
      expect(await s.due(T0, 10)).toEqual([{ tenant: 't1', holder: 'ord_1' }, { tenant: 't1', holder: 'ord_3' }]);
      expect(await s.reservation('t1', 'ord_1')).toEqual({ holder: 'ord_1', state: 'held', lines: [line('sku_a', 2)], deadline: T0 - 1, updatedAt: T0 + 9 });
      await s.close();
    });

    it('keeps tenants, SKUs, warehouses and holders apart whatever characters their names hold', async () => {
      const s = await engine.fresh();
      await receive(s, 'a:b', [['c', 1, 'w']]);
      await receive(s, 'a', [['b:c', 2, 'w'], ['b', 3, 'c:w'], ['b%3Ac', 4, 'w']]);
      expect(await s.tenants()).toEqual(['a', 'a:b']);
      expect(await s.levels('a:b')).toEqual([{ sku: 'c', warehouse: 'w', available: 1, reserved: 0, sold: 0 }]);
      expect((await s.levels('a')).map((r) => [r.sku, r.warehouse, r.available])).toEqual([['b', 'c:w', 3], ['b%3Ac', 'w', 4], ['b:c', 'w', 2]]);
      expect((await s.movements('a', { sku: 'b:c', limit: 10 })).map((m) => m.delta)).toEqual([2]);
      // Holders that extend one another ('ord', 'ord:1', 'ord\u0001'): each is its own reservation, due at its own deadline.
      await receive(s, 'a', [['sku_h', 10]]);
      const holders = ['ord:1', 'ord\u0001', 'ord'];
      const b = await s.reserve('a', holders.map((h, i) => ({ holder: h, lines: [line('sku_h', 1 + i)], deadline: T0 + i })), T0);
      expect(b.outcomes.every((o) => o.ok && !o.replay)).toBe(true);
      expect(await s.due(T0 + 10, 10)).toEqual(holders.map((holder) => ({ tenant: 'a', holder })));
      expect((await s.heldHolders('a')).sort()).toEqual([...holders].sort());
      expect((await s.reservation('a', 'ord\u0001'))?.lines).toEqual([line('sku_h', 2)]);
      expect(await s.heldHolders('a:b')).toEqual([]);
      await s.close();
    });

    it('keeps available + reserved + sold equal to what was received through a mixed batch history', async () => {
      const s = await engine.fresh();
      await receive(s, 't1', [['sku_h', 50]]);
      let n = 0;
      for (let round = 0; round < 5; round++) {
        const holders = Array.from({ length: 15 }, () => `ord_${n++}`);
        await s.reserve('t1', holders.map((h, i) => ({ holder: h, lines: [line('sku_h', 1 + (i % 3))], deadline: T0 })), T0);
        await s.settle('t1', holders.filter((_, i) => i % 2 === 0), 'confirm', T0);
        await s.settle('t1', holders.filter((_, i) => i % 2 === 1), 'release', T0);
        await s.settle('t1', holders.filter((_, i) => i % 4 === 0), 'restock', T0);
        const [lvl] = await s.levels('t1');
        expect(lvl!.available + lvl!.reserved + lvl!.sold).toBe(50);
        expect(Math.min(lvl!.available, lvl!.reserved, lvl!.sold)).toBeGreaterThanOrEqual(0);
      }
      await s.close();
    });
  });
}

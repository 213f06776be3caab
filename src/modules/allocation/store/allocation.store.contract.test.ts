import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import type { ServedSlate } from '../allocation.store.js';
import { DEFAULT_POLICY, type PolicyVersion } from '../domain/policy.js';
import { SqlAllocationStore } from './allocation.sql.js';

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const version = (v: number, over: Partial<PolicyVersion> = {}): PolicyVersion => ({
  tenant: 't1', version: v, ...DEFAULT_POLICY, createdAt: T0 + v, createdBy: 'api', note: `v${v}`, ...over,
});
const slate = (id: string, ts: number, over: Partial<ServedSlate> = {}): ServedSlate => ({
  requestId: id, tenant: 't1', ts, slot: 'home_feed', personId: 'per_1', mode: 'personalised', policyVersion: 1,
  items: [{ itemId: 'p1', position: 0, propensity: 1, explored: false, score: 0.61 }, { itemId: 'p9', position: 1, propensity: 0.125, explored: true, score: 0.2 }], ...over,
});

for (const engine of await sqlEngines('allocation')) {
  describe(`AllocationStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlAllocationStore> => { const s = new SqlAllocationStore(await engine.fresh()); await s.init(); return s; };

    it('keeps every policy version immutable: a second insert of the same version is refused', async () => {
      const s = await open();
      await s.init();
      expect(await s.latestPolicy('t1')).toBeUndefined();
      expect(await s.insertPolicy(version(1))).toBe(true);
      const changed = version(2, { weights: { ...DEFAULT_POLICY.weights, conversion: 0.4, relevance: 0.15 } });
      expect(await s.insertPolicy(changed)).toBe(true);
      expect(await s.insertPolicy(version(2, { note: 'late writer' }))).toBe(false);
      expect(await s.latestPolicy('t1')).toEqual(changed);
      expect(await s.policy('t1', 1)).toEqual(version(1));
      expect(await s.policy('t2', 1)).toBeUndefined();
      expect((await s.policies('t1', 10)).map((p) => p.version)).toEqual([2, 1]);
    });

    it('logs served slates with their propensities, reads them by time range and erases a person\'s', async () => {
      const s = await open();
      await s.appendServed([slate('rec_a', T0), slate('rec_b', T0 + 10, { personId: null, mode: 'non_personalised' }), slate('rec_c', T0 + 20, { tenant: 't2' })]);
      await s.appendServed([slate('rec_a', T0)]); // a replayed flush stores nothing twice
      const read = await s.served('t1', { from: T0, to: T0 + 100, limit: 10 });
      expect(read).toEqual([slate('rec_a', T0), slate('rec_b', T0 + 10, { personId: null, mode: 'non_personalised' })]);
      expect(await s.served('t1', { from: T0 + 1, to: T0 + 100, limit: 10 })).toHaveLength(1);
      expect(await s.deleteServedFor('t1', 'per_1')).toBe(1);
      expect((await s.served('t1', { from: 0, to: T0 + 100, limit: 10 })).map((x) => x.requestId)).toEqual(['rec_b']);
    });
  });
}

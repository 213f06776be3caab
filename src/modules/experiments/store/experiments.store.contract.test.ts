import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import { buildExperiment } from '../domain/experiment.js';
import { buildFlag } from '../domain/flag.js';
import { SqlExperimentsStore } from './experiments.sql.js';

const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);
const experiment = (id: string, key: string, createdAt = T0) => buildExperiment({
  key, variations: [{ key: 'control', name: '对照', weight: 0.5 }, { key: 'cover_b', name: '新封面', weight: 0.5, value: { cover: 'b' } }],
  metrics: [{ key: 'pay', kind: 'conversion', event: 'pay' }],
}, { id, tenant: 't1', createdAt });

for (const engine of await sqlEngines('experiments')) {
  describe(`ExperimentsStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlExperimentsStore> => { const s = new SqlExperimentsStore(await engine.fresh()); await s.init(); return s; };

    it('stores experiments with a key unique per tenant, updates them and lists newest first', async () => {
      const s = await open();
      await s.init();
      const a = experiment('exp_1', 'cover_test');
      expect(await s.insert(a)).toBe(true);
      expect(await s.insert(experiment('exp_2', 'cover_test'))).toBe(false);
      expect(await s.insert(experiment('exp_3', 'price_test', T0 + 5))).toBe(true);
      expect(await s.insert({ ...experiment('exp_9', 'cover_test'), tenant: 't2' })).toBe(true);
      const running = { ...a, status: 'running' as const, startedAt: T0 + 10 };
      await s.update(running);
      expect(await s.get('t1', 'exp_1')).toEqual(running);
      expect(await s.get('t2', 'exp_1')).toBeUndefined();
      expect((await s.list('t1')).map((e) => e.id)).toEqual(['exp_3', 'exp_1']);
    });

    it('upserts, lists and deletes flags per tenant', async () => {
      const s = await open();
      const flag = buildFlag({ key: 'one_step_checkout', defaultValue: false, rules: [{ targeting: { platforms: ['douyin'] }, value: true, coverage: 0.5 }] }, 't1', T0);
      await s.upsertFlag(flag);
      await s.upsertFlag({ ...flag, enabled: false, updatedAt: T0 + 1 });
      await s.upsertFlag({ ...flag, tenant: 't2' });
      expect(await s.flags('t1')).toEqual([{ ...flag, enabled: false, updatedAt: T0 + 1 }]);
      expect(await s.deleteFlag('t1', 'one_step_checkout')).toBe(true);
      expect(await s.deleteFlag('t1', 'one_step_checkout')).toBe(false);
      expect(await s.flags('t2')).toHaveLength(1);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import { SqlConsentStore } from './consent.sql.js';

for (const engine of await sqlEngines('consent')) {
  describe(`ConsentStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlConsentStore> => { const s = new SqlConsentStore(await engine.fresh()); await s.init(); return s; };

    it('keeps the newest decision per key and purpose (event time wins)', async () => {
      const s = await open();
      await s.record('t1', [{ key: 'anon:a', purpose: 'marketing', granted: true, ts: 20, source: 'api' }]);
      await s.record('t1', [{ key: 'anon:a', purpose: 'marketing', granted: false, ts: 10, source: 'event:old' }]);
      await s.record('t1', [{ key: 'anon:a', purpose: 'analytics', granted: true, ts: 5, source: 'event:e1' }]);
      const got = await s.listForKeys('t1', ['anon:a']);
      expect(got.find((r) => r.purpose === 'marketing')).toMatchObject({ granted: true, ts: 20 });
      expect(got).toHaveLength(2);
      await s.record('t1', [{ key: 'anon:a', purpose: 'marketing', granted: false, ts: 30, source: 'api' }]);
      expect((await s.listForKeys('t1', ['anon:a'])).find((r) => r.purpose === 'marketing')?.granted).toBe(false);
    });

    it('separates tenants and deletes by keys', async () => {
      const s = await open();
      await s.record('t1', [{ key: 'anon:a', purpose: 'analytics', granted: true, ts: 1, source: 'api' }]);
      await s.record('t2', [{ key: 'anon:a', purpose: 'analytics', granted: false, ts: 1, source: 'api' }]);
      expect(await s.deleteForKeys('t1', ['anon:a', 'anon:b'])).toBe(1);
      expect(await s.listForKeys('t1', ['anon:a'])).toEqual([]);
      expect(await s.listForKeys('t2', ['anon:a'])).toHaveLength(1);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import { SqlTenantStore } from './tenants.sql.js';

for (const engine of await sqlEngines('tenants')) {
  describe(`TenantStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlTenantStore> => { const s = new SqlTenantStore(await engine.fresh()); await s.init(); return s; };

    it('inserts a tenant once and refuses a second with the same id', async () => {
      const s = await open();
      const t = { id: 'shop-a', name: '甲店', hmacSecret: 's3cret', createdAt: 1 };
      expect(await s.insertTenant(t)).toBe(true);
      expect(await s.insertTenant({ ...t, name: 'other' })).toBe(false);
      expect(await s.getTenant('shop-a')).toEqual(t);
      expect(await s.getTenant('nope')).toBeUndefined();
    });

    it('stores keys by hash, finds and revokes them', async () => {
      const s = await open();
      await s.insertTenant({ id: 'shop-b', name: 'b', hmacSecret: 'x', createdAt: 1 });
      const key = { id: 'key_1', tenantId: 'shop-b', kind: 'secret' as const, keyHash: 'h1', prefix: 'rp_sec_abcd', createdAt: 2, revokedAt: null };
      await s.insertKey(key);
      expect(await s.findKeyByHash('h1')).toEqual(key);
      expect(await s.revokeKey('shop-b', 'key_1', 9)).toBe(true);
      expect(await s.revokeKey('shop-b', 'key_1', 10)).toBe(false);
      expect((await s.findKeyByHash('h1'))?.revokedAt).toBe(9);
      expect(await s.listKeys('shop-b')).toHaveLength(1);
    });

    it('migrates idempotently', async () => {
      const db = await engine.fresh();
      await new SqlTenantStore(db).init();
      await new SqlTenantStore(db).init();
      expect(await new SqlTenantStore(db).listTenants()).toEqual([]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import { SqlNotificationsStore } from './notifications.sql.js';
import type { Delivery } from '../notifications.store.js';

const delivery = (over: Partial<Delivery> = {}): Delivery => ({
  id: 'dlv_1', tenant: 't1', endpointId: 'wep_1', kind: 'alert.firing', body: '{"a":1}', status: 'pending', attempts: 0,
  lastStatus: null, lastError: null, nextAttemptAt: 1_000, createdAt: 1_000, updatedAt: 1_000, ...over,
});

for (const engine of await sqlEngines('notifications')) {
  describe(`NotificationsStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlNotificationsStore> => { const s = new SqlNotificationsStore(await engine.fresh()); await s.init(); return s; };

    it('keeps endpoints per tenant and removes them', async () => {
      const s = await open();
      await s.addEndpoint({ id: 'wep_1', tenant: 't1', url: 'https://a.example/hook', secret: 'whsec_1', createdAt: 1 });
      await s.addEndpoint({ id: 'wep_2', tenant: 't2', url: 'https://b.example/hook', secret: 'whsec_2', createdAt: 2 });
      expect(await s.endpoints('t1')).toEqual([{ id: 'wep_1', tenant: 't1', url: 'https://a.example/hook', secret: 'whsec_1', createdAt: 1 }]);
      expect(await s.removeEndpoint('t2', 'wep_1')).toBe(false);
      expect(await s.removeEndpoint('t1', 'wep_1')).toBe(true);
      expect(await s.endpoints('t1')).toEqual([]);
    });

    it('records attempts and finds what is due, oldest first', async () => {
      const s = await open();
      await s.createDelivery(delivery());
      await s.createDelivery(delivery({ id: 'dlv_2', nextAttemptAt: 500, createdAt: 1_100 }));
      await s.createDelivery(delivery({ id: 'dlv_3', nextAttemptAt: 5_000, createdAt: 1_200 }));
      expect((await s.dueDeliveries(1_000, 10)).map((d) => d.id)).toEqual(['dlv_2', 'dlv_1']);
      await s.recordAttempt('dlv_2', { status: 'pending', httpStatus: 503, error: 'HTTP 503', nextAttemptAt: 9_000, at: 1_500 });
      await s.recordAttempt('dlv_1', { status: 'delivered', httpStatus: 200, error: null, nextAttemptAt: null, at: 1_600 });
      expect((await s.dueDeliveries(2_000, 10)).map((d) => d.id)).toEqual([]);
      expect((await s.listDeliveries('t1', 10)).find((d) => d.id === 'dlv_2')).toEqual(delivery({ id: 'dlv_2', attempts: 1, lastStatus: 503, lastError: 'HTTP 503', nextAttemptAt: 9_000, createdAt: 1_100, updatedAt: 1_500 }));
      expect(await s.listDeliveries('t2', 10)).toEqual([]);
      expect((await s.listDeliveries('t1', 2)).map((d) => [d.id, d.status])).toEqual([['dlv_3', 'pending'], ['dlv_2', 'pending']]);
    });
  });
}

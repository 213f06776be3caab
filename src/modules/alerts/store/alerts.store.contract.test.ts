import { describe, expect, it } from 'vitest';
import { sqlEngines } from '../../../../test/harness/sql-engines.js';
import type { AlertRecord } from '../alerts.store.js';
import { SqlAlertsStore } from './alerts.sql.js';

// Epoch ms beyond 32 bits, so the BIGINT columns are exercised.
const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const record = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  id: 'alr_1', tenant: 't1', scope: 'live:直播-1', series: 't1/c1/直播-1', ruleId: 'rate.order.pay', related: ['count.pay'], status: 'firing',
  activeSince: T0, firingSince: T0 + 120_000, clearSince: null, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null,
  value: 0.125, baseline: 0.9,
  diagnosis: { kind: 'checkout_failure', trafficDrop: false, step: null, summary: { zh: '支付失败', en: 'Checkout failing' }, actions: [{ zh: '检查支付', en: 'Check payment' }] },
  updatedAt: T0 + 120_000, ...over,
});

for (const engine of await sqlEngines('alerts')) {
  describe(`AlertsStore contract — ${engine.name}`, () => {
    const open = async (): Promise<SqlAlertsStore> => { const s = new SqlAlertsStore(await engine.fresh()); await s.init(); return s; };

    it('round-trips every field (diagnosis as JSON, nulls kept) and replaces a record by id', async () => {
      const s = await open();
      await s.init(); // migrations apply once
      await s.save(record());
      expect(await s.get('t1', 'alr_1')).toEqual(record());
      const acked = record({ status: 'acknowledged', acknowledgedAt: T0 + 130_000, acknowledgedBy: 'ops', diagnosis: null, value: null, related: [], updatedAt: T0 + 130_000 });
      await s.save(acked);
      expect(await s.get('t1', 'alr_1')).toEqual(acked);
      expect(await s.get('t2', 'alr_1')).toBeUndefined();
    });

    it('lists a tenant\'s records newest first, open ones only on request, within the limit', async () => {
      const s = await open();
      await s.save(record({ id: 'a', updatedAt: T0 + 1 }));
      await s.save(record({ id: 'b', status: 'resolved', resolvedAt: T0 + 5, updatedAt: T0 + 5 }));
      await s.save(record({ id: 'c', status: 'acknowledged', updatedAt: T0 + 3 }));
      await s.save(record({ id: 'd', tenant: 't2', updatedAt: T0 + 9 }));
      expect((await s.list('t1', { open: false, limit: 10 })).map((r) => r.id)).toEqual(['b', 'c', 'a']);
      expect((await s.list('t1', { open: true, limit: 10 })).map((r) => r.id)).toEqual(['c', 'a']);
      expect((await s.list('t1', { open: false, limit: 1 })).map((r) => r.id)).toEqual(['b']);
      expect((await s.openRecords()).map((r) => r.id).sort()).toEqual(['a', 'c', 'd']);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBurst, seedSale } from '../../bench/flash-sale.bench.js';
import { commerceBackends } from '../harness/commerce-backends.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';

// The benchmark's burst, smaller (the full one — 1,000,000 attempts, 1,000 clients, 100,000 units — is
// `reelpath bench flash-sale`): every unit sold exactly once, every acknowledged order durable and paid,
// and available + reserved + sold equal to the stock at every checkpoint.
for (const backend of await commerceBackends('flash_burst')) {
  describe(`flash-sale burst — ${backend.name}`, () => {
    let t: TestApp;
    beforeAll(async () => { t = await startTestApp({ env: backend.env }); });
    afterAll(async () => { await t.close(); });

    it('sells 2,000 units across 10 hot SKUs to exactly 2,000 of 12,000 attempts from 200 clients', async () => {
      const skus = await seedSale(t.app, 10, 2_000);
      const r = await runBurst(t.app, { attempts: 12_000, clients: 200 }, skus);
      expect({ acknowledged: r.acknowledged, confirmed: r.confirmed, paidInStore: r.paidInStore, durable: r.durable, lost: r.lost, errors: r.errors, oversold: r.oversold, unsoldLeft: r.unsoldLeft })
        .toEqual({ acknowledged: 2_000, confirmed: 2_000, paidInStore: 2_000, durable: 2_000, lost: 0, errors: 0, oversold: 0, unsoldLeft: 0 });
      expect(r.checkpoints).toBeGreaterThan(1);
      expect(r.brokenCheckpoints).toBe(0);
    }, 120_000);
  });
}

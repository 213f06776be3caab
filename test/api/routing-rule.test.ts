import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { commerceWorld } from '../builders/commerce.builder.js';

// The routing rule is configuration: the same order from Guangdong ships from the nearest warehouse by
// default, and from the lowest-id warehouse that has the stock under `orders.routingRule=lowest_id`.
describe.each([['nearest', 'wh_gz'], ['lowest_id', 'wh_bj']])('orders.routingRule=%s', (rule, expected) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REELPATH_ROUTING_RULE: rule } });
    const world = commerceWorld();
    await t.app.catalogue.define('t1', { ...world.catalogue, skus: world.catalogue.skus.map((s) => ({ ...s, currency: 'CNY', parts: s.parts ?? [] })) });
    await t.app.stock.adjust('t1', world.stock);
  });
  afterAll(async () => { await t.close(); });

  it(`ships a Guangdong order from ${expected}`, async () => {
    const { order } = await t.app.checkout.place('t1', { clientKey: 'route-00000001', buyer: 'b', lines: [{ sku: 'tea', quantity: 1 }], destination: { region: 'CN-GD' } });
    expect(order.allocations).toEqual([{ sku: 'tea', warehouse: expected, quantity: 1 }]);
  });
});

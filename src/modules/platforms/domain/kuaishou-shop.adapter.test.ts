import { describe, expect, it } from 'vitest';
import { describeFixtures, loadFixtures } from '../fixtures/fixture-harness.js';
import { kuaishouShopAdapter } from './kuaishou-shop.adapter.js';

const ORDER = '2607602240240301';
const BUYER = 'a7c31d5e08f24b9e90d1c6f2e4b85a13';
const common = { platform: 'kuaishou', orderId: ORDER, anonymousId: `kuaishou_shop:order:${ORDER}` } as const;
const detail = { ...common, openId: BUYER, productId: '20738472635', skuId: '26584931203', quantity: 1, creatorId: '3298475612' } as const;

describeFixtures(kuaishouShopAdapter, {
  'add-order.json': { events: [{ ...common, openId: BUYER, eventId: `kuaishou_shop:${ORDER}:order`, name: 'order', ts: 1731328312425 }] },
  'pay-success.json': { events: [], followUp: { fetch: 'order_detail', id: ORDER } },
  'delivering.json': { events: [{ ...common, eventId: `kuaishou_shop:${ORDER}:ship`, name: 'ship', ts: 1731394931730 }] },
  'delivery-success.json': { events: [{ ...common, eventId: `kuaishou_shop:${ORDER}:deliver`, name: 'deliver', ts: 1731556025002 }] },
  'aftersales-add-refund.json': { events: [], followUp: { fetch: 'aftersale_detail', id: '2607602240240333' } },
  'order-detail-received.json': {
    events: [
      { ...detail, eventId: `kuaishou_shop:${ORDER}:order`, name: 'order', ts: 1731328312425, amount: 8900, currency: 'CNY' },
      { ...detail, eventId: `kuaishou_shop:${ORDER}:pay`, name: 'pay', ts: 1731328360118, amount: 8900, currency: 'CNY' },
      { ...detail, eventId: `kuaishou_shop:${ORDER}:ship`, name: 'ship', ts: 1731394931730 },
      { ...detail, eventId: `kuaishou_shop:${ORDER}:deliver`, name: 'deliver', ts: 1731556025002 },
    ],
  },
  'malformed-add-order.json': { bad: /info\.oid is required; info\.createTime must be a Unix timestamp in ms/ },
});

const fixtureObject = (file: string): Record<string, unknown> => {
  const found = loadFixtures('kuaishou_shop').find((f) => f.file === file);
  if (found === undefined) throw new Error(`missing fixture ${file}`);
  return JSON.parse(found.text) as Record<string, unknown>;
};

describe('kuaishou_shop adapter', () => {
  it('never takes the envelope openId (the authorised seller) as the buyer', () => {
    const outcome = kuaishouShopAdapter.toEvents(fixtureObject('delivering.json'));
    expect(outcome.ok && outcome.events[0]?.openId).toBeUndefined();
  });

  it('answers the configuration heartbeat with no events', () => {
    expect(kuaishouShopAdapter.toEvents({ event: 'kwaishop_order_addOrder', test: true, info: '{}' })).toEqual({ ok: true, events: [] });
  });

  it('refuses seconds where the documentation says milliseconds', () => {
    const message = fixtureObject('delivering.json');
    const outcome = kuaishouShopAdapter.toEvents({ ...message, info: '{"oid":2607602240240301,"updateTime":1731394931}' });
    expect(!outcome.ok && outcome.reason).toBe('info.updateTime (1731394931) is not a plausible Unix timestamp in ms');
  });

  it('emits only order for an unpaid detail and accepts the unwrapped row', () => {
    const data = fixtureObject('order-detail-received.json').data as Record<string, Record<string, unknown>>;
    const row = { ...data, orderBaseInfo: { ...data.orderBaseInfo, status: 10, payTime: 0, sendTime: 0, recvTime: 0 } };
    const outcome = kuaishouShopAdapter.toEvents(row);
    expect(outcome.ok && outcome.events.map((e) => e.name)).toEqual(['order']);
  });

  it('does not emit deliver before the order is received even if recvTime is set', () => {
    const data = fixtureObject('order-detail-received.json').data as Record<string, Record<string, unknown>>;
    const row = { ...data, orderBaseInfo: { ...data.orderBaseInfo, status: 40 } };
    const outcome = kuaishouShopAdapter.toEvents(row);
    expect(outcome.ok && outcome.events.map((e) => e.name)).toEqual(['order', 'pay', 'ship']);
  });

  it('names the missing item fields of a detail', () => {
    const data = fixtureObject('order-detail-received.json').data as Record<string, unknown>;
    const outcome = kuaishouShopAdapter.toEvents({ ...data, orderItemInfo: { skuId: 1 } });
    expect(!outcome.ok && outcome.reason).toBe('orderItemInfo.itemId is required; orderItemInfo.num is required');
  });
});

import { describe, expect, it } from 'vitest';
import { describeFixtures, loadFixtures } from '../fixtures/fixture-harness.js';
import { tiktokShopAdapter } from './tiktok-shop.adapter.js';

const ORDER = '577087452316920441';
const common = { platform: 'tiktok', orderId: ORDER, anonymousId: `tiktok_shop:order:${ORDER}` } as const;
const detail = { ...common, buyerId: '7494049642642498765', phoneHash: 'h_phone_11', quantity: 3 } as const;

describeFixtures(tiktokShopAdapter, {
  'webhook-unpaid.json': { events: [{ ...common, eventId: `tiktok_shop:${ORDER}:order`, name: 'order', ts: 1732904130000 }] },
  'webhook-awaiting-shipment.json': { events: [], followUp: { fetch: 'order_detail', id: ORDER } },
  'webhook-in-transit.json': { events: [{ ...common, eventId: `tiktok_shop:${ORDER}:ship`, name: 'ship', ts: 1733004300000 }] },
  'webhook-delivered.json': { events: [{ ...common, eventId: `tiktok_shop:${ORDER}:deliver`, name: 'deliver', ts: 1733272872000 }] },
  'webhook-return-completed.json': { events: [], followUp: { fetch: 'aftersale_detail', id: '4035318839472193628' } },
  'order-detail-delivered.json': {
    events: [
      { ...detail, eventId: `tiktok_shop:${ORDER}:order`, name: 'order', ts: 1732904130000, amount: 5997, currency: 'USD' },
      { ...detail, eventId: `tiktok_shop:${ORDER}:pay`, name: 'pay', ts: 1732904162000, amount: 5997, currency: 'USD' },
      { ...detail, eventId: `tiktok_shop:${ORDER}:ship`, name: 'ship', ts: 1733004300000 },
      { ...detail, eventId: `tiktok_shop:${ORDER}:deliver`, name: 'deliver', ts: 1733272872000 },
    ],
  },
  'return-record-completed.json': {
    events: [{ ...common, eventId: `tiktok_shop:${ORDER}:refund:4035318839472193628`, name: 'refund', ts: 1734030045000, amount: 2499, currency: 'USD' }],
  },
  'malformed-order-detail.json': { bad: /^create_time is required; total_amount: 59\.975 has more decimals than USD allows \(2\)$/ },
});

type DetailResponse = { data: { orders: Record<string, unknown>[] } };
const detailResponse = (): DetailResponse => {
  const found = loadFixtures('tiktok_shop').find((f) => f.file === 'order-detail-delivered.json');
  return JSON.parse(found?.text ?? '{}') as DetailResponse;
};

describe('tiktok_shop adapter', () => {
  it('groups one-unit line items per SKU into lines with summed minor units', () => {
    const outcome = tiktokShopAdapter.toEvents(detailResponse());
    if (!outcome.ok) throw new Error(outcome.reason);
    expect((outcome.events[0]?.properties as Record<string, unknown>).lineItems).toEqual([
      { productId: '1729587769570396', skuId: '1729587769570461', quantity: 2, amount: 4998 },
      { productId: '1729587769571120', skuId: '1729587769571188', quantity: 1, amount: 500 },
    ]);
  });

  it('uses the currency exponent: VND has no minor unit, JPY neither', () => {
    const response = detailResponse();
    const order = response.data.orders[0] as Record<string, unknown>;
    const item = (order.line_items as Record<string, unknown>[])[0];
    for (const [currency, total, minor] of [['VND', '150000', 150000], ['JPY', '3980', 3980], ['GBP', '12.5', 1250]] as const) {
      const variant = { ...order, payment: { currency, total_amount: total }, line_items: [{ ...item, sale_price: total }] };
      const outcome = tiktokShopAdapter.toEvents(variant);
      expect(outcome.ok && outcome.events[1]).toMatchObject({ name: 'pay', amount: minor, currency });
    }
  });

  it('notes a masked phone (platform logistics) instead of hashing it', () => {
    const order = detailResponse().data.orders[0] as Record<string, unknown>;
    const outcome = tiktokShopAdapter.toEvents({ ...order, recipient_address: { phone_number: '(+1)213*****47' } });
    expect(outcome.ok && outcome.events[0]?.phone).toBeUndefined();
    expect(outcome.ok && (outcome.events[0]?.properties as Record<string, unknown>).phoneStatus).toBe('masked');
  });

  it('maps every order of a multi-order response', () => {
    const response = detailResponse();
    const first = response.data.orders[0] as Record<string, unknown>;
    response.data.orders.push({ ...first, id: '577087452316920442', paid_time: 0, collection_time: 0, delivery_time: 0 });
    const outcome = tiktokShopAdapter.toEvents(response);
    expect(outcome.ok && outcome.events.map((e) => e.eventId)).toEqual([
      `tiktok_shop:${ORDER}:order`, `tiktok_shop:${ORDER}:pay`, `tiktok_shop:${ORDER}:ship`, `tiktok_shop:${ORDER}:deliver`,
      'tiktok_shop:577087452316920442:order',
    ]);
  });

  it('answers no events for other webhook types and non-final statuses', () => {
    expect(tiktokShopAdapter.toEvents({ type: 3, shop_id: '1', timestamp: 1733004300, data: { order_id: '1', update_time: 1733004300 } })).toEqual({ ok: true, events: [] });
    const cancelled = { type: 1, data: { order_id: ORDER, order_status: 'CANCELLED', update_time: 1733004300 } };
    expect(tiktokShopAdapter.toEvents(cancelled)).toEqual({ ok: true, events: [] });
  });

  it('emits no refund for a return that is not complete', () => {
    const found = loadFixtures('tiktok_shop').find((f) => f.file === 'return-record-completed.json');
    const record = { ...(JSON.parse(found?.text ?? '{}') as Record<string, unknown>), return_status: 'AWAITING_BUYER_SHIP' };
    expect(tiktokShopAdapter.toEvents({ data: { return_orders: [record] } })).toEqual({ ok: true, events: [] });
  });
});

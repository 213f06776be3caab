import { describe, expect, it } from 'vitest';
import { describeFixtures, loadFixtures, validateAll } from '../fixtures/fixture-harness.js';
import { douyinShopAdapter } from './douyin-shop.adapter.js';

const ORDER = '6921870215936054216';
const common = { platform: 'douyin', orderId: ORDER, anonymousId: `douyin_shop:order:${ORDER}` } as const;
const buyer = { ...common, openId: '1@#Zk9zM2xqRWx4cE1ZbUF2dXZ6N0hUbFdNQ3c9PQ==', quantity: 3, creatorId: '71234567890', liveId: '7438291036624156455' } as const;

describeFixtures(douyinShopAdapter, {
  'trade-create.json': { events: [{ ...common, eventId: `douyin_shop:${ORDER}:order`, name: 'order', ts: 1731326712000 }] },
  'trade-paid.json': { events: [{ ...common, eventId: `douyin_shop:${ORDER}:pay`, name: 'pay', ts: 1731326763000, amount: 12970, currency: 'CNY' }] },
  'trade-seller-ship.json': { events: [{ ...common, eventId: `douyin_shop:${ORDER}:ship`, name: 'ship', ts: 1731378600000 }] },
  'trade-success.json': { events: [{ ...common, eventId: `douyin_shop:${ORDER}:deliver`, name: 'deliver', ts: 1732065300000 }] },
  'refund-created.json': { events: [] },
  'refund-success.json': {
    events: [{ ...common, eventId: `douyin_shop:${ORDER}:refund:7441607714226522410`, name: 'refund', ts: 1732264800000, amount: 4990, currency: 'CNY' }],
  },
  'order-detail-completed.json': {
    events: [
      { ...buyer, eventId: `douyin_shop:${ORDER}:order`, name: 'order', ts: 1731326712000, amount: 12970, currency: 'CNY' },
      { ...buyer, eventId: `douyin_shop:${ORDER}:pay`, name: 'pay', ts: 1731326763000, amount: 12970, currency: 'CNY' },
      { ...buyer, eventId: `douyin_shop:${ORDER}:ship`, name: 'ship', ts: 1731378600000 },
      { ...buyer, eventId: `douyin_shop:${ORDER}:deliver`, name: 'deliver', ts: 1732065300000 },
    ],
  },
  'malformed-trade-paid.json': { bad: /data\.p_id is required.*data\.pay_time .*not a plausible Unix timestamp in seconds.*data\.pay_amount must be a non-negative integer/ },
});

const fixture = (file: string): string => {
  const found = loadFixtures('douyin_shop').find((f) => f.file === file);
  if (found === undefined) throw new Error(`missing fixture ${file}`);
  return found.text;
};

describe('douyin_shop adapter', () => {
  it('maps the pushed array body as a whole, in order', () => {
    const body = `[${fixture('trade-create.json')},${fixture('trade-paid.json')}]`;
    const outcome = douyinShopAdapter.toEvents(body);
    expect(outcome.ok && outcome.events.map((e) => e.eventId)).toEqual([`douyin_shop:${ORDER}:order`, `douyin_shop:${ORDER}:pay`]);
  });

  it('fails the whole array and names the element when one item is malformed', () => {
    const outcome = douyinShopAdapter.toEvents(`[${fixture('trade-create.json')},${fixture('malformed-trade-paid.json')}]`);
    expect(outcome).toMatchObject({ ok: false, code: 'platforms_bad_payload' });
    expect(!outcome.ok && outcome.reason).toMatch(/^\[1\]\.data\.p_id is required/);
  });

  it('keeps 19-digit ids exact from the raw text and refuses ids already rounded by JSON.parse', () => {
    const message = JSON.parse(fixture('trade-paid.json')) as Record<string, unknown>;
    expect(douyinShopAdapter.toEvents(message)).toMatchObject({ ok: true, events: [{ orderId: ORDER }] });
    const rounded = { ...message, data: JSON.parse(message.data as string) as unknown };
    const outcome = douyinShopAdapter.toEvents(rounded);
    expect(!outcome.ok && outcome.reason).toMatch(/data\.p_id \(6921870215936054000\) exceeds 2\^53 and lost precision/);
  });

  it('puts a plain receiver phone into phone, never a masked or encrypted one', () => {
    const plain = JSON.parse(fixture('trade-seller-ship.json')) as Record<string, unknown>;
    const data = JSON.parse(plain.data as string) as Record<string, Record<string, string>>;
    data.receiver_msg = { ...data.receiver_msg, tel: '13800138000' };
    const outcome = douyinShopAdapter.toEvents({ ...plain, data: JSON.stringify(data).replace('"p_id":6921870215936054000', `"p_id":"${ORDER}"`) });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.events[0]?.phone).toBe('13800138000');
    const [stored] = validateAll(outcome.events);
    expect(stored?.phoneHash).toBe('h_phone_11');
    expect(JSON.stringify(stored)).not.toContain('13800138000');
  });

  it('maps a single-line detail with productId, skuId and quantity at the top level', () => {
    const detail = JSON.parse(fixture('order-detail-completed.json')) as { data: { shop_order_detail: Record<string, unknown> } };
    const order = detail.data.shop_order_detail;
    const lines = order.sku_order_list as Record<string, unknown>[];
    const single = { ...order, sku_order_list: lines.slice(0, 1), pay_amount: 4990, pay_time: 0, ship_time: 0, finish_time: 0, order_status: 1 };
    const outcome = douyinShopAdapter.toEvents({ data: { shop_order_detail: single } });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.events.map((e) => e.name)).toEqual(['order']);
    expect(outcome.events[0]).toMatchObject({ productId: '3648823761238291234', skuId: '1752934018472967', quantity: 1, amount: 4990 });
    expect((outcome.events[0]?.properties as Record<string, unknown>).lineItems).toBeUndefined();
  });

  it('answers no events for documented tags that carry no order fact', () => {
    expect(douyinShopAdapter.toEvents({ tag: '105', msg_id: '1', data: '{"p_id":1}' })).toEqual({ ok: true, events: [] });
  });

  it('refuses shapes that are neither a message nor an order detail', () => {
    expect(douyinShopAdapter.toEvents({ hello: 'world' })).toMatchObject({ ok: false, reason: expect.stringMatching(/message-push item/) });
    expect(douyinShopAdapter.toEvents('not json')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(douyinShopAdapter.toEvents({ tag: '101', msg_id: '1', data: '{broken' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^data is not valid JSON/) });
  });
});

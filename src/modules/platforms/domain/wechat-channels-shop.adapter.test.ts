import { describe, expect, it } from 'vitest';
import { describeFixtures, loadFixtures, stripMeta } from '../fixtures/fixture-harness.js';
import { parseJsonPreservingBigIntegers } from './lossless-json.js';
import { wechatChannelsShopAdapter } from './wechat-channels-shop.adapter.js';

const ORDER = '3705115058471208928';
const OPENID = 'oZ2fA5b8Kx1Q9rTn4LmC7vYpW3sE';
const UNIONID = 'oUx7Y1dKq2Lm8PzR0aVb5NcT9eWs';
const common = { platform: 'wechat_channels', orderId: ORDER, anonymousId: `wechat_channels_shop:order:${ORDER}` } as const;
const detail = {
  ...common, openId: OPENID, unionId: UNIONID, phoneHash: 'h_phone_11',
  productId: '10000065246211', skuId: '1573386083', quantity: 2, creatorId: 'sphA8bC3dE5fG7h',
} as const;

describeFixtures(wechatChannelsShopAdapter, {
  'order-new.json': { events: [{ ...common, openId: OPENID, eventId: `wechat_channels_shop:${ORDER}:order`, name: 'order', ts: 1733058605000 }] },
  'order-pay.json': { events: [], followUp: { fetch: 'order_detail', id: ORDER } },
  'order-deliver.json': { events: [{ ...common, openId: OPENID, eventId: `wechat_channels_shop:${ORDER}:ship`, name: 'ship', ts: 1733132710000 }] },
  'order-confirm.json': { events: [{ ...common, openId: OPENID, eventId: `wechat_channels_shop:${ORDER}:deliver`, name: 'deliver', ts: 1733371407000 }] },
  'aftersale-update-refunded.json': { events: [], followUp: { fetch: 'aftersale_detail', id: '2003000123456789' } },
  'order-get-shipped.json': {
    events: [
      { ...detail, eventId: `wechat_channels_shop:${ORDER}:order`, name: 'order', ts: 1733058605000, amount: 13800, currency: 'CNY' },
      { ...detail, eventId: `wechat_channels_shop:${ORDER}:pay`, name: 'pay', ts: 1733058644000, amount: 13800, currency: 'CNY' },
      { ...detail, eventId: `wechat_channels_shop:${ORDER}:ship`, name: 'ship', ts: 1733132710000 },
    ],
  },
  'aftersale-order-refunded.json': {
    events: [{
      ...common, openId: OPENID, unionId: UNIONID, productId: '10000065246211', skuId: '1573386083', quantity: 1,
      eventId: `wechat_channels_shop:${ORDER}:refund:2003000123456789`, name: 'refund', ts: 1733653360000, amount: 6900, currency: 'CNY',
    }],
  },
  'malformed-order-new.json': { bad: /^CreateTime must be a Unix timestamp in seconds; order_info\.order_id is required$/ },
});

const fixtureValue = (file: string): Record<string, unknown> => {
  const found = loadFixtures('wechat_channels_shop').find((f) => f.file === file);
  if (found === undefined) throw new Error(`missing fixture ${file}`);
  const parsed = parseJsonPreservingBigIntegers(stripMeta(found.text));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value as Record<string, unknown>;
};

type OrderGet = { order: { order_detail: Record<string, unknown> & { delivery_info: { address_info: Record<string, unknown> } } } };

describe('wechat_channels_shop adapter', () => {
  it('refuses a callback whose 19-digit numeric order_id was already rounded by JSON.parse', () => {
    const found = loadFixtures('wechat_channels_shop').find((f) => f.file === 'order-new.json');
    const outcome = wechatChannelsShopAdapter.toEvents(JSON.parse(found?.text ?? '{}'));
    expect(!outcome.ok && outcome.reason).toMatch(/^order_info\.order_id \(3705115058471209000\) exceeds 2\^53/);
  });

  it('does not hash a virtual number or a masked one', () => {
    const order = fixtureValue('order-get-shipped.json') as OrderGet;
    const address = order.order.order_detail.delivery_info.address_info;
    for (const variant of [{ use_tel_number: 1 }, { tel_number: '138****8000' }]) {
      Object.assign(address, { tel_number: '13800138000', use_tel_number: 0 }, variant);
      const outcome = wechatChannelsShopAdapter.toEvents(order);
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(outcome.events[0]?.phone).toBeUndefined();
      expect((outcome.events[0]?.properties as Record<string, unknown>).phoneStatus).toBe(variant.use_tel_number === 1 ? 'virtual' : 'masked');
    }
  });

  it('takes live and feed ids from source_infos when they are present and agree', () => {
    const order = fixtureValue('order-get-shipped.json') as OrderGet;
    order.order.order_detail.source_infos = [{ sku_id: '1573386083', account_type: 1, account_id: 'sphA8bC3dE5fG7h', sale_channel: 0, live_id: 'L1', feed_id: 'F1' }];
    const outcome = wechatChannelsShopAdapter.toEvents(order);
    expect(outcome.ok && outcome.events[0]).toMatchObject({ liveId: 'L1', videoId: 'F1', creatorId: 'sphA8bC3dE5fG7h' });
  });

  it('emits no refund for an after-sale order that is not refunded yet', () => {
    const value = fixtureValue('aftersale-order-refunded.json') as { after_sale_order: Record<string, unknown> };
    value.after_sale_order.status = 'MERCHANT_PROCESSING';
    expect(wechatChannelsShopAdapter.toEvents(value)).toEqual({ ok: true, events: [] });
  });

  it('answers no events for callbacks without a canonical fact and no follow-up for unrefunded after-sales', () => {
    const cancel = { ...fixtureValue('order-new.json'), Event: 'channels_ec_order_cancel' };
    expect(wechatChannelsShopAdapter.toEvents(cancel)).toEqual({ ok: true, events: [] });
    const update = fixtureValue('aftersale-update-refunded.json') as { finder_shop_aftersale_status_update: Record<string, unknown> };
    update.finder_shop_aftersale_status_update.status = 'USER_WAIT_RETURN';
    expect(wechatChannelsShopAdapter.toEvents(update)).toEqual({ ok: true, events: [] });
  });
});

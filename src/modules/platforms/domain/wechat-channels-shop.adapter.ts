import { FieldReader, openMessage } from './field-reader.js';
import { orderEvent, refundEvent, type OrderFacts, type OrderLine } from './order-events.js';
import { classifyPhone, type PhoneClass } from './phone-classifier.js';
import { badPayload, mapped, type AdapterOutcome, type PlatformAdapter, type WireEvent } from './platform-adapter.js';

/*
 * WeChat Channels Shop (视频号小店 / 微信小店, developers.weixin.qq.com/doc/store). Three documented
 * shapes: the decrypted JSON callback {ToUserName, FromUserName, CreateTime, MsgType, Event, order_info |
 * finder_shop_aftersale_status_update}; the /channels/ec/order/get order object; and the
 * /channels/ec/aftersale/getaftersaleorder after_sale_order object. Money fen, times Unix seconds.
 */

const BASE = { adapterId: 'wechat_channels_shop', platform: 'wechat_channels', currency: 'CNY' } as const;

/** EcAftersaleInfoStatus values that mean money went back to the buyer. */
const REFUNDED: ReadonlySet<string> = new Set(['MERCHANT_REFUND_SUCCESS', 'MERCHANT_RETURN_SUCCESS']);
/** SourceInfo.account_type: 1 视频号 (Channels account), 5 带货达人 (creator). */
const CREATOR_ACCOUNT_TYPES: ReadonlySet<unknown> = new Set([1, 5]);

const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function mapCallback(r: FieldReader, event: string): AdapterOutcome {
  const ts = r.seconds('CreateTime');
  if (event === 'channels_ec_aftersale_update') {
    const info = r.child('finder_shop_aftersale_status_update');
    const status = info?.text('status');
    const afterSaleId = info?.id('after_sale_order_id');
    info?.id('order_id');
    if (!r.clean || afterSaleId === undefined) return badPayload(r.reason());
    // FromUserName is a fixed OpenID for after-sale callbacks, not the buyer; the amount needs the detail.
    return status !== undefined && REFUNDED.has(status)
      ? mapped([], { fetch: 'aftersale_detail', id: afterSaleId, reason: `after-sale ${status}: the callback carries no refund amount` })
      : mapped([]);
  }
  const info = r.child('order_info');
  const orderId = info?.id('order_id');
  const openId = r.optionalText('FromUserName');
  if (!r.clean || orderId === undefined || ts === undefined || info === undefined) return badPayload(r.reason());
  const order = (props: Record<string, unknown>): OrderFacts => ({ ...BASE, orderId, openId, properties: clean({ callbackEvent: event, ...props }) });
  switch (event) {
    case 'channels_ec_order_new':
      return mapped([orderEvent(order({}), 'order', ts)]);
    case 'channels_ec_order_pay':
      return mapped([], { fetch: 'order_detail', id: orderId, reason: 'channels_ec_order_pay carries no amount; map /channels/ec/order/get for the pay event' });
    case 'channels_ec_order_deliver':
      return mapped([orderEvent(order({ finishDelivery: info.raw('finish_delivery') }), 'ship', ts)]);
    case 'channels_ec_order_confirm':
      return mapped([orderEvent(order({ confirmType: info.raw('confirm_type') }), 'deliver', ts)]);
    default:
      // cancel, wait_shipping, settle, ext_info_update: no canonical fact.
      return mapped([]);
  }
}

function uniqueOf(values: readonly (string | undefined)[]): string | undefined {
  const set = new Set(values.filter((v): v is string => v !== undefined));
  return set.size === 1 ? [...set][0] : undefined;
}

function addressPhone(address: FieldReader | undefined): PhoneClass {
  if (address === undefined) return { kind: 'absent' };
  // use_tel_number = 1: the order uses a virtual number, which is not the buyer's.
  if (address.raw('use_tel_number') === 1) return { kind: 'virtual' };
  return classifyPhone(address.raw('tel_number'));
}

function mapOrder(o: FieldReader): AdapterOutcome {
  const orderId = o.id('order_id');
  const created = o.seconds('create_time');
  const detail = o.child('order_detail');
  const lines: OrderLine[] = (detail?.list('product_infos') ?? []).map((p) => ({
    productId: p.id('product_id'), skuId: p.optionalId('sku_id'), quantity: p.int('sku_cnt'), amount: p.optionalInt('real_price'),
  }));
  const paid = detail?.optionalChild('pay_info')?.optionalSeconds('pay_time');
  const price = detail?.child('price_info');
  const orderPrice = price?.int('order_price');
  const delivery = detail?.optionalChild('delivery_info');
  const shipTimes = (delivery?.list('delivery_product_info') ?? []).flatMap((d) => d.optionalSeconds('delivery_time') ?? []);
  const sources = (detail?.list('source_infos') ?? []).map((s) => ({
    accountType: s.raw('account_type'), accountId: s.optionalId('account_id'), saleChannel: s.raw('sale_channel'),
    liveId: s.optionalId('live_id'), feedId: s.optionalId('feed_id'),
  }));
  if (lines.length === 0 && o.clean) return badPayload('order_detail.product_infos must list at least one product');
  if (!o.clean || orderId === undefined || created === undefined) return badPayload(o.reason());
  const facts: OrderFacts = {
    ...BASE, orderId, lines,
    openId: o.optionalText('openid'), unionId: o.optionalText('unionid'),
    phone: addressPhone(delivery?.optionalChild('address_info')),
    creatorId: uniqueOf(sources.filter((s) => CREATOR_ACCOUNT_TYPES.has(s.accountType)).map((s) => s.accountId)),
    liveId: uniqueOf(sources.map((s) => s.liveId)),
    videoId: uniqueOf(sources.map((s) => s.feedId)),
    properties: clean({
      orderStatus: o.raw('status'), freight: price?.raw('freight'), productPrice: price?.raw('product_price'),
      discountedPrice: price?.raw('discounted_price'), sourceInfos: sources.length > 0 ? sources.map(clean) : undefined,
    }),
  };
  const events: WireEvent[] = [orderEvent(facts, 'order', created, orderPrice)];
  if (paid !== undefined) events.push(orderEvent(facts, 'pay', paid, orderPrice));
  if (shipTimes.length > 0) events.push(orderEvent(facts, 'ship', Math.min(...shipTimes)));
  return mapped(events);
}

function mapAfterSale(a: FieldReader): AdapterOutcome {
  const afterSaleId = a.id('after_sale_order_id');
  const orderId = a.id('order_id');
  const status = a.text('status');
  const updated = a.seconds('update_time');
  const product = a.optionalChild('product_info');
  const line: OrderLine = { productId: product?.optionalId('product_id'), skuId: product?.optionalId('sku_id'), quantity: product?.optionalInt('count') };
  const amount = status !== undefined && REFUNDED.has(status) ? a.child('refund_info')?.int('amount') : undefined;
  if (!a.clean || afterSaleId === undefined || orderId === undefined || updated === undefined) return badPayload(a.reason());
  if (amount === undefined) return mapped([]); // not (yet) refunded
  const facts: OrderFacts = {
    ...BASE, orderId, lines: [line], openId: a.optionalText('openid'), unionId: a.optionalText('unionid'),
    properties: clean({ afterSaleStatus: status, afterSaleType: a.optionalText('type'), reason: a.optionalText('reason') }),
  };
  return mapped([refundEvent(facts, afterSaleId, updated, amount)]);
}

/** WeChat Channels Shop (视频号小店): order/after-sale callbacks, order/get and getaftersaleorder objects → canonical events. */
export const wechatChannelsShopAdapter: PlatformAdapter = {
  id: 'wechat_channels_shop',
  platform: 'wechat_channels',
  toEvents(message: unknown): AdapterOutcome {
    const opened = openMessage(message);
    if ('reason' in opened) return badPayload(opened.reason);
    const r = opened.reader;
    const event = r.optionalText('Event');
    if (event !== undefined) return mapCallback(r, event);
    const order = r.has('order') ? r.child('order') : r.has('order_detail') ? r : undefined;
    if (order !== undefined) return mapOrder(order);
    const afterSale = r.has('after_sale_order') ? r.child('after_sale_order') : r.has('after_sale_order_id') ? r : undefined;
    if (afterSale !== undefined) return mapAfterSale(afterSale);
    return badPayload(r.clean
      ? 'expected a callback {Event, …}, an order/get object {order_id, order_detail, …} or an after_sale_order object'
      : r.reason());
  },
};

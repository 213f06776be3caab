import { FieldReader, openMessage } from './field-reader.js';
import { orderEvent, type OrderFacts } from './order-events.js';
import type { PhoneClass } from './phone-classifier.js';
import { badPayload, mapped, type AdapterOutcome, type FollowUp, type PlatformAdapter } from './platform-adapter.js';

/*
 * Kuaishou Shop (快手小店, open.kwaixiaodian.com). A decrypted message is an envelope
 * {eventId, msgId, bizId, userId, openId, appKey, event, info, status, createTime, updateTime, test}
 * whose `info` is a JSON string; envelope openId/userId are the *authorised seller's*, never the buyer's.
 * Order detail (open.order.detail / open.order.cursor.list rows): {orderBaseInfo, orderItemInfo,
 * orderCpsInfo, orderAddress, …}; money integer fen, times epoch ms. See ../FIELDS.md.
 */

const BASE = { adapterId: 'kuaishou_shop', platform: 'kuaishou', currency: 'CNY' } as const;

/** orderBaseInfo.status: 10 待付款, 30 已付款, 40 已发货, 50 已签收, 70 订单成功, 80 订单失败. */
const RECEIVED_STATUSES: ReadonlySet<number> = new Set([50, 70]);

function orderFacts(orderId: string, extra: Partial<OrderFacts> = {}): OrderFacts {
  return { ...BASE, orderId, ...extra };
}

function mapMessage(r: FieldReader, event: string): AdapterOutcome {
  if (r.raw('test') === true) return mapped([]); // heartbeat sent when the push URL is configured
  const info = r.embedded('info');
  if (info === undefined) return badPayload(r.reason());
  const props = { messageEvent: event, orderStatus: info.raw('status') };
  switch (event) {
    case 'kwaishop_order_addOrder': {
      const orderId = info.id('oid');
      const ts = info.millis('createTime');
      const openId = info.optionalText('buyerOpenId');
      if (!r.clean || orderId === undefined || ts === undefined) return badPayload(r.reason());
      return mapped([orderEvent(orderFacts(orderId, { openId, properties: { messageEvent: event } }), 'order', ts)]);
    }
    case 'kwaishop_order_delivering':
    case 'kwaishop_order_deliverySuccess': {
      const orderId = info.id('oid');
      const ts = info.millis('updateTime');
      if (!r.clean || orderId === undefined || ts === undefined) return badPayload(r.reason());
      const stage = event === 'kwaishop_order_delivering' ? 'ship' : 'deliver';
      return mapped([orderEvent(orderFacts(orderId, { properties: props }), stage, ts)]);
    }
    case 'kwaishop_order_paySuccess': {
      // The pay message has no amount; a canonical `pay` needs one, so it comes from the order detail.
      const orderId = info.id('oid');
      info.millis('updateTime');
      if (!r.clean || orderId === undefined) return badPayload(r.reason());
      return mapped([], { fetch: 'order_detail', id: orderId, reason: 'kwaishop_order_paySuccess carries no amount; map open.order.detail for the pay event' });
    }
    case 'kwaishop_aftersales_addRefund':
    case 'kwaishop_aftersales_updateRefund': {
      info.id('orderId');
      const refundId = info.id('refundId');
      if (!r.clean || refundId === undefined) return badPayload(r.reason());
      const followUp: FollowUp = { fetch: 'aftersale_detail', id: refundId, reason: 'after-sale messages carry no refund amount, and which status means "refunded" is not publicly documented' };
      return mapped([], followUp);
    }
    default:
      // orderSuccess, orderFail, totalFeeChange and non-order messages carry no canonical fact.
      return r.clean ? mapped([]) : badPayload(r.reason());
  }
}

function addressPhone(address: FieldReader | undefined): PhoneClass {
  if (address?.has('encryptedMobile') === true) return { kind: 'encrypted' };
  if (address?.has('desensitiseMobile') === true) return { kind: 'masked' };
  return { kind: 'absent' };
}

function mapDetail(root: FieldReader): AdapterOutcome {
  const base = root.child('orderBaseInfo');
  const item = root.child('orderItemInfo');
  const cps = root.optionalChild('orderCpsInfo');
  const orderId = base?.id('oid');
  const created = base?.millis('createTime');
  const paid = base?.optionalMillis('payTime');
  const sent = base?.optionalMillis('sendTime');
  const received = base?.optionalMillis('recvTime');
  const totalFee = base?.int('totalFee');
  const status = base?.int('status');
  // A Kuaishou order holds exactly one item (orderItemInfo is an object, not a list).
  const line = { productId: item?.id('itemId'), skuId: item?.optionalId('skuId'), quantity: item?.int('num'), amount: totalFee };
  const creatorId = cps?.optionalId('distributorId');
  if (!root.clean || base === undefined || orderId === undefined || created === undefined) return badPayload(root.reason());
  const order = orderFacts(orderId, {
    openId: base.optionalText('buyerOpenId'), phone: addressPhone(root.optionalChild('orderAddress')), lines: [line], creatorId,
    properties: Object.fromEntries(Object.entries({
      orderStatus: status, cpsType: base.raw('cpsType'), expressFee: base.raw('expressFee'), discountFee: base.raw('discountFee'),
      payType: base.raw('payType'), relItemId: item?.optionalId('relItemId'), relSkuId: item?.optionalId('relSkuId'),
      kwaiMoneyUserId: cps?.optionalId('kwaiMoneyUserId'),
    }).filter(([, v]) => v !== undefined)),
  });
  const events = [orderEvent(order, 'order', created, totalFee)];
  if (paid !== undefined) events.push(orderEvent(order, 'pay', paid, totalFee));
  if (sent !== undefined) events.push(orderEvent(order, 'ship', sent));
  if (received !== undefined && status !== undefined && RECEIVED_STATUSES.has(status)) events.push(orderEvent(order, 'deliver', received));
  return mapped(events);
}

/** Kuaishou Shop (快手小店): decrypted message envelopes and order-detail objects → canonical events. */
export const kuaishouShopAdapter: PlatformAdapter = {
  id: 'kuaishou_shop',
  platform: 'kuaishou',
  toEvents(message: unknown): AdapterOutcome {
    const opened = openMessage(message);
    if ('reason' in opened) return badPayload(opened.reason);
    const r = opened.reader;
    const event = r.optionalText('event');
    if (event !== undefined) return mapMessage(r, event);
    const detail = r.has('orderBaseInfo') ? r : r.optionalChild('data');
    if (detail?.has('orderBaseInfo') === true) return mapDetail(detail);
    return badPayload(r.clean
      ? 'expected a message envelope {event, info, …} or an order detail {orderBaseInfo, orderItemInfo, …}'
      : r.reason());
  },
};

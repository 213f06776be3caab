import { FieldReader, decodeMessage } from './field-reader.js';
import { orderEvent, refundEvent, type OrderFacts, type OrderLine } from './order-events.js';
import { classifyPhone, type PhoneClass } from './phone-classifier.js';
import { badPayload, mapped, type AdapterOutcome, type PlatformAdapter, type WireEvent } from './platform-adapter.js';

/*
 * Douyin Shop (抖店, op.jinritemai.com). Message push bodies are a JSON array of
 * {tag, msg_id, data}; `data` is a JSON string. One element is one message here. Tags per the message
 * docs (op.jinritemai.com/docs/message-docs/30/109 … 31/121). Order detail: /order/orderDetail →
 * data.shop_order_detail. Money is integer fen, times Unix seconds. See ../FIELDS.md.
 */

const BASE = { adapterId: 'douyin_shop', platform: 'douyin', currency: 'CNY' } as const;

type Kind = 'create' | 'paid' | 'ship' | 'success' | 'cancel' | 'refund_created' | 'refund_success';
const TAGS: Readonly<Record<string, Kind>> = {
  '100': 'create', // doudian_trade_TradeCreate
  '101': 'paid', // doudian_trade_TradePaid
  '102': 'ship', // doudian_trade_TradeSellerShip
  '103': 'success', // doudian_trade_TradeSuccess
  '106': 'cancel', // doudian_trade_TradeCanceled
  '200': 'refund_created', // doudian_refund_RefundCreated
  '206': 'refund_success', // doudian_refund_RefundSuccess
};

/** Order status 5 = 已完成（已收货） in order.orderDetail. */
const STATUS_COMPLETED = 5;

function orderProps(d: FieldReader): Record<string, unknown> {
  return { orderStatus: d.raw('order_status'), orderType: d.raw('order_type'), biz: d.raw('biz'), shopId: d.optionalId('shop_id') };
}

/** Reads one message's fields (recording problems) and returns how to build its events once clean. */
type Builder = (d: FieldReader) => (orderId: string) => WireEvent[];

const BUILDERS: Readonly<Record<Kind, Builder>> = {
  create: (d) => {
    const ts = d.seconds('create_time');
    const props = { ...orderProps(d), skuOrderIds: d.idList('s_ids') };
    return (orderId) => ts === undefined ? [] : [orderEvent(facts(orderId, props), 'order', ts)];
  },
  paid: (d) => {
    const ts = d.seconds('pay_time');
    const amount = d.int('pay_amount');
    const props = { ...orderProps(d), payType: d.raw('pay_type'), skuOrderIds: d.idList('s_ids') };
    return (orderId) => ts === undefined ? [] : [orderEvent(facts(orderId, props), 'pay', ts, amount)];
  },
  ship: (d) => {
    const ts = d.seconds('update_time');
    const receiver = d.optionalChild('receiver_msg');
    const logistics = d.optionalChild('logistics_msg');
    const phone = classifyPhone(receiver?.raw('tel'));
    const props = { ...orderProps(d), expressCompanyId: logistics?.optionalText('express_company_id'), logisticsCode: logistics?.optionalText('logistics_code') };
    return (orderId) => ts === undefined ? [] : [orderEvent({ ...facts(orderId, props), phone }, 'ship', ts)];
  },
  success: (d) => {
    const ts = d.seconds('complete_time');
    const props = orderProps(d);
    return (orderId) => ts === undefined ? [] : [orderEvent(facts(orderId, props), 'deliver', ts)];
  },
  cancel: (d) => {
    d.optionalSeconds('cancel_time');
    return () => [];
  },
  // An application is not a refund; the refund event comes with RefundSuccess (tag 206).
  refund_created: (d) => {
    d.id('aftersale_id');
    return () => [];
  },
  refund_success: (d) => {
    const refundId = d.id('aftersale_id');
    const ts = d.seconds('success_time');
    const amount = d.int('refund_amount');
    const props = {
      skuOrderId: d.optionalId('s_id'), shopId: d.optionalId('shop_id'), aftersaleType: d.raw('aftersale_type'),
      aftersaleStatus: d.raw('aftersale_status'), refundPostAmount: d.raw('refund_post_amount'), reasonCode: d.raw('reason_code'),
    };
    return (orderId) => refundId === undefined || ts === undefined || amount === undefined
      ? [] : [refundEvent(facts(orderId, props), refundId, ts, amount)];
  },
};

function mapMessage(r: FieldReader): AdapterOutcome {
  const tag = r.text('tag');
  const d = r.embedded('data');
  if (tag === undefined || d === undefined) return badPayload(r.reason());
  const kind = TAGS[tag];
  // Other tags (address change, remarks, product messages …) carry no canonical order fact.
  if (kind === undefined) return mapped([]);
  const orderId = d.id('p_id');
  const build = BUILDERS[kind](d);
  if (!r.clean || orderId === undefined) return badPayload(r.reason());
  return mapped(build(orderId));
}

function facts(orderId: string, properties: Record<string, unknown>): OrderFacts {
  return { ...BASE, orderId, properties: withoutUndefined(properties) };
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function readLine(line: FieldReader): OrderLine & { cBiz?: unknown } {
  return {
    // product_id_str / room_id_str exist because the numeric ids exceed 2^53 (19 digits).
    productId: line.optionalId('product_id_str') ?? line.optionalId('product_id'),
    skuId: line.optionalId('sku_id'),
    quantity: line.int('item_num'),
    amount: line.optionalInt('pay_amount'),
    creatorId: line.optionalId('author_id'),
    liveId: line.optionalId('room_id_str') ?? line.optionalId('room_id'),
    videoId: line.optionalId('video_id'),
    cBiz: line.raw('c_biz'),
  };
}

function detailPhone(d: FieldReader): PhoneClass {
  if (d.has('post_tel')) return classifyPhone(d.raw('post_tel'));
  if (d.has('encrypt_post_tel')) return { kind: 'encrypted' };
  if (d.has('mask_post_tel')) return { kind: 'masked' };
  return { kind: 'absent' };
}

function mapDetail(d: FieldReader): AdapterOutcome {
  const orderId = d.id('order_id');
  const created = d.seconds('create_time');
  const paid = d.optionalSeconds('pay_time');
  const shipped = d.optionalSeconds('ship_time');
  const finished = d.optionalSeconds('finish_time');
  const payAmount = d.int('pay_amount');
  const status = d.int('order_status');
  const lines = d.list('sku_order_list').map(readLine);
  if (lines.length === 0 && d.clean) return badPayload('sku_order_list must list at least one sku order');
  if (!d.clean || orderId === undefined || created === undefined) return badPayload(d.reason());
  const cBiz = lines.every((l) => l.cBiz === lines[0]?.cBiz) ? lines[0]?.cBiz : undefined;
  const order: OrderFacts = {
    ...BASE, orderId, phone: detailPhone(d),
    openId: d.optionalText('doudian_open_id') ?? d.optionalText('open_id'),
    lines: lines.map(({ cBiz: _drop, ...line }) => line),
    properties: withoutUndefined({
      orderStatus: status, orderStatusDesc: d.optionalText('order_status_desc'), mainStatus: d.raw('main_status'),
      shopId: d.optionalId('shop_id'), bType: d.raw('b_type'), bTypeDesc: d.optionalText('b_type_desc'),
      cBiz, orderAmount: d.raw('order_amount'), postAmount: d.raw('post_amount'), promotionAmount: d.raw('promotion_amount'),
    }),
  };
  const events = [orderEvent(order, 'order', created, payAmount)];
  if (paid !== undefined) events.push(orderEvent(order, 'pay', paid, payAmount));
  if (shipped !== undefined) events.push(orderEvent(order, 'ship', shipped));
  if (finished !== undefined && status === STATUS_COMPLETED) events.push(orderEvent(order, 'deliver', finished));
  return mapped(events);
}

function mapOne(value: unknown, path: string): AdapterOutcome {
  const problems: string[] = [];
  const r = FieldReader.of(value, path, problems);
  if (r === undefined) return badPayload(problems.join('; '));
  if (r.has('tag')) return mapMessage(r);
  const detail = r.optionalChild('data')?.optionalChild('shop_order_detail') ?? r.optionalChild('shop_order_detail') ?? r;
  if (detail.has('order_id')) return mapDetail(detail);
  return badPayload(r.clean
    ? 'expected a message-push item {tag, msg_id, data} or an order.orderDetail object (shop_order_detail with order_id)'
    : r.reason());
}

/**
 * Douyin Shop (抖店): message-push items — one, or the whole pushed array — and order.orderDetail
 * objects → canonical events. An array fails as a whole if any element is malformed.
 */
export const douyinShopAdapter: PlatformAdapter = {
  id: 'douyin_shop',
  platform: 'douyin',
  toEvents(message: unknown): AdapterOutcome {
    const decoded = decodeMessage(message);
    if ('reason' in decoded) return badPayload(decoded.reason);
    if (!Array.isArray(decoded.value)) return mapOne(decoded.value, '');
    const events: WireEvent[] = [];
    for (const [i, item] of decoded.value.entries()) {
      const outcome = mapOne(item, `[${i}]`);
      if (!outcome.ok) return outcome;
      events.push(...outcome.events);
    }
    return mapped(events);
  },
};

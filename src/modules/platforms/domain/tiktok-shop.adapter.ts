import { decimalToMinorUnits } from './decimal-amount.js';
import { FieldReader, openMessage } from './field-reader.js';
import { orderEvent, refundEvent, type OrderFacts, type OrderLine } from './order-events.js';
import { classifyPhone } from './phone-classifier.js';
import { badPayload, mapped, type AdapterOutcome, type PlatformAdapter, type WireEvent } from './platform-adapter.js';

/*
 * TikTok Shop (partner.tiktokshop.com, API version 202309). Webhooks {type, tts_notification_id, shop_id,
 * timestamp, data}: type 1 ORDER_STATUS_CHANGE, type 12 RETURN_STATUS_CHANGE. Get Order Detail order
 * objects (money as decimal strings with payment.currency, times Unix seconds, one line item per unit)
 * and Search Returns return_orders records. See ../FIELDS.md.
 */

const BASE = { adapterId: 'tiktok_shop', platform: 'tiktok' } as const;
const ORDER_STATUS_CHANGE = 1;
const RETURN_STATUS_CHANGE = 12;
const REFUND_COMPLETE = 'RETURN_OR_REFUND_REQUEST_COMPLETE';
/** Statuses reached only after payment; the webhook has no amount, so the pay event needs the detail. */
const PAID_STATUSES: ReadonlySet<string> = new Set(['ON_HOLD', 'AWAITING_SHIPMENT']);

const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Reads a decimal amount field and converts it to minor units, recording a problem when it does not fit. */
function minorUnits(r: FieldReader, key: string, currency: string | undefined, problems: string[]): number | undefined {
  const value = r.text(key);
  if (value === undefined || currency === undefined) return undefined;
  const converted = decimalToMinorUnits(value, currency);
  if (converted.ok) return converted.amount;
  problems.push(`${key}: ${converted.reason}`);
  return undefined;
}

function mapWebhook(r: FieldReader, type: number): AdapterOutcome {
  if (type !== ORDER_STATUS_CHANGE && type !== RETURN_STATUS_CHANGE) return mapped([]);
  const d = r.child('data');
  const orderId = d?.id('order_id');
  const ts = d?.seconds('update_time');
  if (type === RETURN_STATUS_CHANGE) {
    const returnId = d?.id('return_id');
    const status = d?.text('return_status');
    if (!r.clean || returnId === undefined) return badPayload(r.reason());
    return status === REFUND_COMPLETE
      ? mapped([], { fetch: 'aftersale_detail', id: returnId, reason: 'RETURN_STATUS_CHANGE carries no refund amount; map the return record from Search Returns' })
      : mapped([]);
  }
  const status = d?.text('order_status');
  if (!r.clean || orderId === undefined || ts === undefined || status === undefined) return badPayload(r.reason());
  const facts: OrderFacts = { ...BASE, orderId, properties: clean({ orderStatus: status, shopId: r.optionalId('shop_id'), notificationId: r.optionalId('tts_notification_id') }) };
  if (status === 'UNPAID') return mapped([orderEvent(facts, 'order', ts)]);
  if (status === 'IN_TRANSIT') return mapped([orderEvent(facts, 'ship', ts)]);
  if (status === 'DELIVERED') return mapped([orderEvent(facts, 'deliver', ts)]);
  if (PAID_STATUSES.has(status)) return mapped([], { fetch: 'order_detail', id: orderId, reason: `${status}: the webhook carries no amount; map Get Order Detail for the pay event` });
  return mapped([]);
}

/** Line items are one unit each; group them by product and SKU into canonical lines. */
function groupLines(items: readonly FieldReader[], currency: string | undefined, problems: string[]): OrderLine[] {
  const byKey = new Map<string, { productId?: string | undefined; skuId?: string | undefined; quantity: number; amount: number }>();
  for (const item of items) {
    const productId = item.id('product_id');
    const skuId = item.optionalId('sku_id');
    const price = minorUnits(item, 'sale_price', currency, problems) ?? 0;
    const key = `${productId ?? ''}\u0000${skuId ?? ''}`;
    const line = byKey.get(key) ?? { productId, skuId, quantity: 0, amount: 0 };
    line.quantity += 1;
    line.amount += price;
    byKey.set(key, line);
  }
  return [...byKey.values()];
}

function mapOrder(o: FieldReader): WireEvent[] | string {
  const problems: string[] = [];
  const orderId = o.id('id');
  const created = o.seconds('create_time');
  const payment = o.child('payment');
  const currency = payment?.text('currency');
  const total = payment === undefined ? undefined : minorUnits(payment, 'total_amount', currency, problems);
  const items = o.list('line_items');
  const lines = groupLines(items, currency, problems);
  if (items.length === 0 && o.clean) problems.push('line_items must list at least one item');
  const paid = o.optionalSeconds('paid_time');
  const collected = o.optionalSeconds('collection_time');
  const delivered = o.optionalSeconds('delivery_time');
  const phone = classifyPhone(o.optionalChild('recipient_address')?.raw('phone_number'));
  if (!o.clean || problems.length > 0 || orderId === undefined || created === undefined) return [...o.issues, ...problems].join('; ');
  const facts: OrderFacts = {
    ...BASE, orderId, currency, buyerId: o.optionalId('user_id'), phone, lines,
    properties: clean({
      orderStatus: o.optionalText('status'), orderType: o.optionalText('order_type'), shippingType: o.optionalText('shipping_type'),
      fulfillmentType: o.optionalText('fulfillment_type'), isSampleOrder: o.raw('is_sample_order'), isCod: o.raw('is_cod'),
    }),
  };
  const events = [orderEvent(facts, 'order', created, total)];
  if (paid !== undefined) events.push(orderEvent(facts, 'pay', paid, total));
  if (collected !== undefined) events.push(orderEvent(facts, 'ship', collected));
  if (delivered !== undefined) events.push(orderEvent(facts, 'deliver', delivered));
  return events;
}

function mapReturn(x: FieldReader): WireEvent[] | string {
  const problems: string[] = [];
  const returnId = x.id('return_id');
  const orderId = x.id('order_id');
  const status = x.text('return_status');
  const updated = x.seconds('update_time');
  const refund = status === REFUND_COMPLETE ? x.child('refund_amount') : undefined;
  const currency = refund?.text('currency');
  const amount = refund === undefined ? undefined : minorUnits(refund, 'refund_total', currency, problems);
  if (!x.clean || problems.length > 0 || returnId === undefined || orderId === undefined || updated === undefined) return [...x.issues, ...problems].join('; ');
  if (amount === undefined) return []; // not (yet) refunded
  const facts: OrderFacts = { ...BASE, orderId, currency, properties: clean({ returnStatus: status, returnType: x.optionalText('return_type') }) };
  return [refundEvent(facts, returnId, updated, amount)];
}

/** Maps every record of a list (or the single record) and concatenates; the first failure wins. */
function mapAll(records: readonly FieldReader[], map: (r: FieldReader) => WireEvent[] | string): AdapterOutcome {
  const events: WireEvent[] = [];
  for (const record of records) {
    const result = map(record);
    if (typeof result === 'string') return badPayload(result);
    events.push(...result);
  }
  return mapped(events);
}

/** TikTok Shop: webhooks, Get Order Detail orders and Search Returns records → canonical events. */
export const tiktokShopAdapter: PlatformAdapter = {
  id: 'tiktok_shop',
  platform: 'tiktok',
  toEvents(message: unknown): AdapterOutcome {
    const opened = openMessage(message);
    if ('reason' in opened) return badPayload(opened.reason);
    const r = opened.reader;
    if (r.has('type') && r.has('data')) {
      const type = r.int('type');
      return type === undefined ? badPayload(r.reason()) : mapWebhook(r, type);
    }
    const body = r.optionalChild('data') ?? r;
    if (body.has('orders')) return mapAll(body.list('orders'), mapOrder);
    if (body.has('return_orders')) return mapAll(body.list('return_orders'), mapReturn);
    if (r.has('line_items')) return mapAll([r], mapOrder);
    if (r.has('return_id')) return mapAll([r], mapReturn);
    return badPayload(r.clean
      ? 'expected a webhook {type, data}, a Get Order Detail order {id, line_items, payment, …} or a return record {return_id, …}'
      : r.reason());
  },
};

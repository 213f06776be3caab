import type { Platform } from '../../events/index.js';
import type { AdapterId, WireEvent } from './platform-adapter.js';
import type { PhoneClass } from './phone-classifier.js';

/** One line item of an order, in canonical units (integer minor units, count of pieces). */
export interface OrderLine {
  readonly productId?: string | undefined;
  readonly skuId?: string | undefined;
  readonly quantity?: number | undefined;
  /** What the buyer paid for this line, integer minor units. */
  readonly amount?: number | undefined;
  readonly creatorId?: string | undefined;
  readonly liveId?: string | undefined;
  readonly videoId?: string | undefined;
}

/** Everything an adapter learned about one order from one message, already in canonical units. */
export interface OrderFacts {
  readonly adapterId: AdapterId;
  readonly platform: Platform;
  readonly orderId: string;
  readonly currency?: string | undefined;
  readonly openId?: string | undefined;
  readonly unionId?: string | undefined;
  readonly buyerId?: string | undefined;
  readonly phone?: PhoneClass | undefined;
  readonly lines?: readonly OrderLine[] | undefined;
  /** Order-level attribution; when absent it is taken from the lines if they all agree. */
  readonly creatorId?: string | undefined;
  readonly liveId?: string | undefined;
  readonly videoId?: string | undefined;
  /** Platform extras (status, traffic source, shop id …) copied into `properties`. */
  readonly properties?: Readonly<Record<string, unknown>> | undefined;
}

/** Order lifecycle events an adapter emits; refunds go through `refundEvent`. */
export type OrderStage = 'order' | 'pay' | 'ship' | 'deliver';

/**
 * The order-scoped pseudo-identity every event carries as `anonymousId`. Platform messages often name
 * no buyer (Douyin TradePaid, TikTok webhooks); the same value on the order-detail events, which do
 * name the buyer, lets identity resolution link them.
 */
export function orderScopedId(adapterId: AdapterId, orderId: string): string {
  return `${adapterId}:order:${orderId}`;
}

function sameValue<K extends 'productId' | 'skuId' | 'creatorId' | 'liveId' | 'videoId'>(lines: readonly OrderLine[], key: K): string | undefined {
  const first = lines[0]?.[key];
  return first !== undefined && lines.every((l) => l[key] === first) ? first : undefined;
}

function compact(line: OrderLine): Record<string, unknown> {
  return Object.fromEntries(Object.entries(line).filter(([, v]) => v !== undefined));
}

function put(target: WireEvent, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function baseEvent(facts: OrderFacts, eventId: string, name: string, ts: number): WireEvent {
  const lines = facts.lines ?? [];
  const properties: Record<string, unknown> = { ...facts.properties };
  const event: WireEvent = {
    eventId, name, platform: facts.platform, ts, orderId: facts.orderId,
    anonymousId: orderScopedId(facts.adapterId, facts.orderId),
  };
  put(event, 'openId', facts.openId);
  put(event, 'unionId', facts.unionId);
  put(event, 'buyerId', facts.buyerId);
  // The raw phone goes to `phone`, which the edge replaces by a keyed hash; anything else is only noted.
  if (facts.phone?.kind === 'plain') event.phone = facts.phone.value;
  else if (facts.phone !== undefined && facts.phone.kind !== 'absent') properties.phoneStatus = facts.phone.kind;
  if (lines.length > 0) {
    put(event, 'productId', sameValue(lines, 'productId'));
    put(event, 'skuId', sameValue(lines, 'skuId'));
    if (lines.every((l) => l.quantity !== undefined)) event.quantity = lines.reduce((n, l) => n + (l.quantity ?? 0), 0);
    if (lines.length > 1) properties.lineItems = lines.map(compact);
  }
  put(event, 'creatorId', facts.creatorId ?? sameValue(lines, 'creatorId'));
  put(event, 'liveId', facts.liveId ?? sameValue(lines, 'liveId'));
  put(event, 'videoId', facts.videoId ?? sameValue(lines, 'videoId'));
  event.properties = properties;
  return event;
}

/**
 * One lifecycle event of an order. The eventId is `<adapter>:<orderId>:<stage>`, so a replayed message,
 * and the same stage seen in a webhook and later in the order detail, dedupe to one event.
 * `amount` (integer minor units) is set with the facts' currency when given.
 */
export function orderEvent(facts: OrderFacts, stage: OrderStage, ts: number, amount?: number): WireEvent {
  const event = baseEvent(facts, `${facts.adapterId}:${facts.orderId}:${stage}`, stage, ts);
  if (amount !== undefined) {
    event.amount = amount;
    put(event, 'currency', facts.currency);
  }
  return event;
}

/** A completed refund; eventId `<adapter>:<orderId>:refund:<refundId>` (an order may refund several times). */
export function refundEvent(facts: OrderFacts, refundId: string, ts: number, amount: number): WireEvent {
  const event = baseEvent(facts, `${facts.adapterId}:${facts.orderId}:refund:${refundId}`, 'refund', ts);
  event.amount = amount;
  put(event, 'currency', facts.currency);
  (event.properties as Record<string, unknown>).refundId = refundId;
  return event;
}

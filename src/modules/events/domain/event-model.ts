/**
 * The canonical event model (schema version 1). See DESIGN.md: the eight funnel nodes, interaction and
 * commerce events, and control events for identity and consent.
 */

/** The eight key funnel nodes, in funnel order. */
export const FUNNEL_NODES = ['impression', 'play', 'complete', 'product_click', 'detail_view', 'add_to_cart', 'order', 'pay'] as const;

/** Chinese names of the funnel nodes and the commerce events people name in reports. */
export const EVENT_NAMES_ZH: Readonly<Record<string, string>> = {
  impression: '曝光', play: '播放', complete: '完播', product_click: '商品点击', detail_view: '详情页', add_to_cart: '加购', order: '下单', pay: '支付',
  refund: '退款', complaint: '投诉', live_enter: '进入直播间', coupon_claim: '领券', follow: '关注', favorite: '收藏', share: '分享', comment: '评论', like: '点赞',
};

/** Interaction and commerce events beyond the funnel nodes. */
export const OTHER_EVENTS = [
  'like', 'comment', 'share', 'follow', 'live_enter', 'live_exit', 'search', 'coupon_claim',
  'refund', 'review', 'ship', 'deliver', 'favorite', 'inventory_update', 'complaint', 'exposure',
] as const;

/** Control events: explicit identity links and consent changes, also accepted in batches. */
export const CONTROL_EVENTS = ['identify', 'alias', 'consent'] as const;

export const EVENT_NAMES = [...FUNNEL_NODES, ...OTHER_EVENTS, ...CONTROL_EVENTS] as const;
export type EventName = (typeof EVENT_NAMES)[number];
export type FunnelNode = (typeof FUNNEL_NODES)[number];

/** Channels Reelpath collects from. Shops share their platform's code (Douyin Shop → douyin). */
export const PLATFORMS = ['douyin', 'kuaishou', 'wechat_channels', 'tiktok', 'xiaohongshu', 'miniprogram', 'web', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Consent purposes. */
export const CONSENT_PURPOSES = ['analytics', 'personalization', 'marketing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const SCHEMA_VERSION = 1;

/** Identity fields an event may carry (at least one is required). */
export const IDENTITY_FIELDS = ['userId', 'unionId', 'buyerId', 'phoneHash', 'openId', 'anonymousId'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Optional string fields of the canonical event. */
export const STRING_FIELDS = [
  'sessionId', 'videoId', 'creatorId', 'liveId', 'productId', 'skuId', 'orderId', 'categoryId',
  'priceBand', 'experimentId', 'variantId', 'addressHash', 'previousId',
] as const;

/** Optional non-negative integer fields of the canonical event. */
export const INTEGER_FIELDS = ['amount', 'quantity', 'watchMs', 'durationMs', 'stock'] as const;

/**
 * A canonical event after validation, as it is stored. Money in integer minor units (`amount`, with
 * `currency`), time in UTC epoch ms. Fields outside the model are kept in `properties`.
 */
export interface CanonicalEvent {
  eventId: string;
  tenant: string;
  name: EventName;
  platform: Platform;
  ts: number;
  receivedAt: number;
  schemaVersion: number;
  userId?: string;
  unionId?: string;
  buyerId?: string;
  phoneHash?: string;
  openId?: string;
  anonymousId?: string;
  previousId?: string;
  sessionId?: string;
  videoId?: string;
  creatorId?: string;
  liveId?: string;
  productId?: string;
  skuId?: string;
  orderId?: string;
  categoryId?: string;
  priceBand?: string;
  experimentId?: string;
  variantId?: string;
  addressHash?: string;
  amount?: number;
  currency?: string;
  quantity?: number;
  watchMs?: number;
  durationMs?: number;
  stock?: number;
  /** Consent changes carried by a `consent` event: purpose → granted. */
  consent?: Partial<Record<ConsentPurpose, boolean>>;
  /** Everything the sender sent that the model does not name, kept as sent (personal data hashed). */
  properties: Record<string, unknown>;
}

/** Per-event-name required fields beyond the always-required ones. */
export const REQUIRED_BY_NAME: Partial<Record<EventName, readonly (keyof CanonicalEvent)[]>> = {
  product_click: ['productId'],
  detail_view: ['productId'],
  add_to_cart: ['productId'],
  order: ['orderId'],
  pay: ['orderId', 'amount', 'currency'],
  refund: ['orderId', 'amount', 'currency'],
  ship: ['orderId'],
  deliver: ['orderId'],
  consent: ['consent'],
  alias: ['previousId'],
  inventory_update: ['productId', 'stock'],
  exposure: ['experimentId', 'variantId'],
};

/**
 * Raw personal fields that must never be stored: the edge replaces each by a keyed hash field.
 * `phone` → `phoneHash`; `address` → `addressHash`; names and id cards → `properties.nameHash` / `idCardHash`. (`name` is the event name, so personal names use receiverName, buyerName or realName.)
 */
export const PERSONAL_FIELDS = ['phone', 'mobile', 'receiverName', 'buyerName', 'realName', 'address', 'receiverAddress', 'idCard'] as const;

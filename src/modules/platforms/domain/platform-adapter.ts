import type { Platform } from '../../events/index.js';

/** Identifiers of the shop-platform adapters; also the prefix of every eventId they produce. */
export const ADAPTER_IDS = ['douyin_shop', 'kuaishou_shop', 'wechat_channels_shop', 'tiktok_shop'] as const;
export type AdapterId = (typeof ADAPTER_IDS)[number];

/** A canonical event in wire form, as `validateEvent` accepts it (tenant and receivedAt are added there). */
export type WireEvent = Record<string, unknown>;

/**
 * A hint that the message was a thin notification: the documented next step is to fetch the detail
 * object (order detail or after-sale/return detail) and map that, because the message alone lacks a
 * field the canonical event requires (usually the amount).
 */
export interface FollowUp {
  readonly fetch: 'order_detail' | 'aftersale_detail';
  /** Platform id of the order or after-sale/return record to fetch, as a string. */
  readonly id: string;
  readonly reason: string;
}

/**
 * What an adapter answers for one message. `events` may be empty for documented messages that carry no
 * canonical fact (cancellations, refund applications, heartbeats). Never thrown: a shape that does not
 * match the documentation is `platforms_bad_payload` with a reason naming the field.
 */
export type AdapterOutcome =
  | { readonly ok: true; readonly events: WireEvent[]; readonly followUp?: FollowUp }
  | { readonly ok: false; readonly code: 'platforms_bad_payload'; readonly reason: string };

/** Maps one platform's documented order/payment/refund messages onto wire-form canonical events. */
export interface PlatformAdapter {
  readonly id: AdapterId;
  readonly platform: Platform;
  /**
   * Maps one documented message (webhook body or order-detail object) to wire-form canonical events.
   * Accepts the parsed JSON value or the raw body text; pass the text when ids may exceed 2^53 (Douyin,
   * WeChat and TikTok order ids are 19 digits), because `JSON.parse` silently rounds such numbers.
   * Pure and deterministic: the same message always yields the same events and eventIds.
   */
  toEvents(message: unknown): AdapterOutcome;
}

/** Builds the bad-payload outcome. */
export function badPayload(reason: string): AdapterOutcome {
  return { ok: false, code: 'platforms_bad_payload', reason };
}

/** Builds a successful outcome, with a follow-up hint when one is given. */
export function mapped(events: WireEvent[], followUp?: FollowUp): AdapterOutcome {
  return followUp === undefined ? { ok: true, events } : { ok: true, events, followUp };
}

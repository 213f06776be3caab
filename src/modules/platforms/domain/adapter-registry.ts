import { douyinShopAdapter } from './douyin-shop.adapter.js';
import { kuaishouShopAdapter } from './kuaishou-shop.adapter.js';
import { ADAPTER_IDS, type AdapterId, type PlatformAdapter } from './platform-adapter.js';
import { tiktokShopAdapter } from './tiktok-shop.adapter.js';
import { wechatChannelsShopAdapter } from './wechat-channels-shop.adapter.js';

/** Every shop-platform adapter, by id. */
export const PLATFORM_ADAPTERS: Readonly<Record<AdapterId, PlatformAdapter>> = Object.freeze({
  douyin_shop: douyinShopAdapter,
  kuaishou_shop: kuaishouShopAdapter,
  wechat_channels_shop: wechatChannelsShopAdapter,
  tiktok_shop: tiktokShopAdapter,
});

/** True when `id` names an adapter. */
export function isAdapterId(id: string): id is AdapterId {
  return (ADAPTER_IDS as readonly string[]).includes(id);
}

/**
 * The adapter for an id such as `douyin_shop`, or undefined (callers answer `platforms_unknown`).
 * @example findAdapter('tiktok_shop')?.toEvents(webhookBodyText)
 */
export function findAdapter(id: string): PlatformAdapter | undefined {
  return isAdapterId(id) ? PLATFORM_ADAPTERS[id] : undefined;
}

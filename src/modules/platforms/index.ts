/**
 * platforms: maps the documented order / payment / refund messages of Douyin Shop, Kuaishou Shop,
 * WeChat Channels Shop and TikTok Shop onto wire-form canonical events (see README.md, FIELDS.md).
 */
export { PLATFORM_ADAPTERS, findAdapter, isAdapterId } from './domain/adapter-registry.js';
export {
  ADAPTER_IDS, type AdapterId, type AdapterOutcome, type FollowUp, type PlatformAdapter, type WireEvent,
} from './domain/platform-adapter.js';
export { parseJsonPreservingBigIntegers } from './domain/lossless-json.js';
export { douyinShopAdapter } from './domain/douyin-shop.adapter.js';
export { kuaishouShopAdapter } from './domain/kuaishou-shop.adapter.js';
export { wechatChannelsShopAdapter } from './domain/wechat-channels-shop.adapter.js';
export { tiktokShopAdapter } from './domain/tiktok-shop.adapter.js';

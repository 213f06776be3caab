/**
 * platforms: maps the documented order / payment / refund messages of Douyin Shop, Kuaishou Shop,
 * WeChat Channels Shop and TikTok Shop onto wire-form canonical events (see README.md, FIELDS.md).
 */
export {
  findAdapter,
} from './domain/adapter-registry.js';
export {
  ADAPTER_IDS, type AdapterId, type AdapterOutcome, type FollowUp, type PlatformAdapter, type WireEvent,
} from './domain/platform-adapter.js';

/**
 * The channels the simulator generates traffic on (codes as in the event model's `PLATFORMS`), their
 * traffic shares and short codes used inside generated ids.
 */
export const SIM_PLATFORMS = ['douyin', 'kuaishou', 'wechat_channels', 'tiktok', 'xiaohongshu', 'miniprogram'] as const;

/** One of {@link SIM_PLATFORMS}. */
export type SimPlatform = (typeof SIM_PLATFORMS)[number];

/** Share of sessions per platform, aligned with {@link SIM_PLATFORMS}; sums to 1. */
export const PLATFORM_SHARES: readonly number[] = [0.42, 0.22, 0.14, 0.08, 0.08, 0.06];

/** Short codes used in generated identity ids, aligned with {@link SIM_PLATFORMS}. */
export const PLATFORM_CODES: readonly string[] = ['dy', 'ks', 'wx', 'tt', 'xhs', 'mp'];

/** Platforms that issue a cross-app `unionId` (WeChat open platform, Douyin open platform). */
export const UNION_ID_PLATFORMS: ReadonlySet<SimPlatform> = new Set<SimPlatform>(['wechat_channels', 'miniprogram', 'douyin']);

/** Platform code at an index of {@link SIM_PLATFORMS}. */
export function platformAt(index: number): SimPlatform {
  const p = SIM_PLATFORMS[index];
  if (p === undefined) throw new RangeError(`no platform at index ${index}`);
  return p;
}

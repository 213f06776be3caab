import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../events/index.js';
import { ADAPTER_IDS } from './platform-adapter.js';
import { PLATFORM_ADAPTERS, findAdapter } from './adapter-registry.js';

describe('adapter registry', () => {
  it('registers one adapter per id, under its own id, on a canonical platform', () => {
    expect(Object.keys(PLATFORM_ADAPTERS).sort()).toEqual([...ADAPTER_IDS].sort());
    for (const id of ADAPTER_IDS) {
      expect(PLATFORM_ADAPTERS[id].id).toBe(id);
      expect(PLATFORMS).toContain(PLATFORM_ADAPTERS[id].platform);
    }
    expect(Object.values(PLATFORM_ADAPTERS).map((a) => a.platform)).toEqual(['douyin', 'kuaishou', 'wechat_channels', 'tiktok']);
  });

  it('finds adapters by id and nothing else', () => {
    expect(findAdapter('tiktok_shop')?.platform).toBe('tiktok');
    expect(findAdapter('shopee')).toBeUndefined();
    expect(findAdapter('toString')).toBeUndefined();
  });
});

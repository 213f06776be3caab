import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { simulateFeed, type SimItem } from './feed-simulation.js';

const BANDS = ['<50', '50-200', '200-500', '500+'];
const items: SimItem[] = Array.from({ length: 160 }, (_, i) => ({ itemId: `p${i}`, categoryId: `c${i % 8}`, priceBand: BANDS[(i >> 3) % 4] as string, merchantId: `m${i % 20}` }));

describe('simulateFeed', () => {
  const result = simulateFeed(items, { users: 400, sessions: 6, n: 10, loggedRequests: 20, now: Date.UTC(2026, 10, 1) }, seededRng(3));

  it('converts more than popularity and far more than random slates for users with hidden tastes', () => {
    expect(result.conversion.reelpath).toBeGreaterThan(result.conversion.popularity);
    expect(result.upliftVsPopularity).toBeGreaterThan(0.1);
    expect(result.conversion.popularity).toBeGreaterThan(result.conversion.random);
  });

  it('estimates the popularity pick\'s value from the logged propensities within three standard errors of the truth', () => {
    const { trueValue, ips, snips } = result.offPolicy;
    expect(ips.decisions).toBe(400 * 20);
    for (const est of [ips, snips]) {
      expect(Math.abs(est.estimate - trueValue)).toBeLessThan(3 * est.standardError);
      expect(est.effectiveSampleSize).toBeGreaterThan(20);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy.js';
import { EVIDENCE_NOW, itemEvidence } from '../../../../test/builders/item-evidence.builder.js';
import { buildScoringTable, percentiles, SMOOTHING } from './scoring-table.js';

const NOW = EVIDENCE_NOW;
const DAY = 86_400_000;
const evidence = itemEvidence;

describe('scoring table', () => {
  it('percentiles are mid-ranks with ties shared', () => {
    expect(Array.from(percentiles(new Float64Array([3, 1, 2, 2])))).toEqual([0.875, 0.125, 0.5, 0.5]);
    expect(Array.from(percentiles(new Float64Array([7])))).toEqual([0.5]);
  });

  it('smooths small samples toward the shop-wide rate, so three impressions and one click do not beat proven items', () => {
    const items = [evidence('proven', { impressions: 10_000, clicks: 800 }), evidence('lucky', { impressions: 3, clicks: 1 }), evidence('weak', { impressions: 10_000, clicks: 300 })];
    const t = buildScoringTable(items, NOW, DEFAULT_POLICY.parameters);
    const mu = (800 + 1 + 300) / 20_003;
    expect(t.rates.ctr[1]).toBeCloseTo((1 + SMOOTHING.impressions * mu) / (3 + SMOOTHING.impressions), 12);
    expect(t.clickThrough[0]).toBeGreaterThan(t.clickThrough[1] as number);
    expect(t.clickThrough[1]).toBeGreaterThan(t.clickThrough[2] as number);
  });

  it('freshness halves every half-life; the credit multiplier follows the merchant refund rate', () => {
    const items = [
      evidence('new', { firstSeen: NOW, merchantId: 'good', pays: 5000, refunds: 100 }),
      evidence('week', { firstSeen: NOW - 7 * DAY, merchantId: 'good' }),
      evidence('bad', { merchantId: 'returns', pays: 1000, refunds: 600 }),
    ];
    const t = buildScoringTable(items, NOW, DEFAULT_POLICY.parameters);
    expect(t.freshness[0]).toBeCloseTo(1, 6);
    expect(t.freshness[1]).toBeCloseTo(0.5, 6);
    expect(t.credit[0]).toBe(1);
    expect(t.credit[2]).toBe(DEFAULT_POLICY.parameters.creditFloor);
  });

  it('puts items with few impressions and the items of new small merchants in the cold-start pool', () => {
    const items = [
      evidence('established'),
      evidence('unseen', { impressions: 10 }),
      evidence('newshop', { merchantId: 'newshop', firstSeen: NOW - 3 * DAY, pays: 2 }),
    ];
    const t = buildScoringTable(items, NOW, DEFAULT_POLICY.parameters);
    expect(Array.from(t.cold)).toEqual([0, 1, 1]);
    expect(t.index.get('newshop')).toBe(2);
  });
});

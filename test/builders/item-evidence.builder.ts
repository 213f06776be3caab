import type { ItemEvidence } from '../../src/modules/allocation/index.js';

/** A reference time for item-evidence cases. */
export const EVIDENCE_NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** An item with ordinary evidence, first seen 60 days before `EVIDENCE_NOW`; override what the case needs. */
export function itemEvidence(itemId: string, over: Partial<ItemEvidence> = {}): ItemEvidence {
  return {
    itemId, categoryId: 'food', priceBand: '<50', merchantId: 'm1', firstSeen: EVIDENCE_NOW - 60 * DAY, impressions: 1000, clicks: 50, plays: 500,
    completes: 100, interactions: 20, pays: 20, gmv: 20_000, refunds: 1, stock: null, ...over,
  };
}

import type { Rng } from '../../../shared/random.js';
import type { PolicyParameters } from './policy.js';
import type { ScoringTable } from './scoring-table.js';
import type { ExplorationPool } from './slate.js';
import { thompsonShares } from './thompson.js';

/** Most items the cold-start pool explores at once (fewest impressions first); bounds the Thompson refresh. */
export const POOL_LIMIT = 500;

/**
 * Joint posterior draws per Thompson refresh. The shares only need to be roughly Thompson's: the logged
 * propensity is the exact probability of the categorical draw from them, whatever their precision.
 */
export const THOMPSON_DRAWS = 100;

/**
 * The cold-start pool of a scoring table and its Thompson shares: items in the table's cold order,
 * skipping those shown `coldStartImpressions` times or more — counting `served(itemId)` as impressions
 * when it is higher — unless their merchant is new and small; at most `POOL_LIMIT`. O(pool).
 */
export function explorationPool(t: ScoringTable, p: PolicyParameters, rng: Rng, served: (itemId: string) => number = () => 0): ExplorationPool & { readonly indices: number[]; readonly shares: Float64Array } {
  const indices: number[] = [];
  const clicks: number[] = [];
  const exposure: number[] = [];
  for (const i of t.coldOrder) {
    if (indices.length >= POOL_LIMIT) break;
    const it = t.items[i];
    if (!it) continue;
    const shown = Math.max(it.impressions, served(it.itemId));
    if (shown < p.coldStartImpressions || t.newMerchant[i] === 1) {
      indices.push(i);
      clicks.push(it.clicks);
      exposure.push(shown);
    }
  }
  return { indices, shares: thompsonShares(clicks, exposure, rng, THOMPSON_DRAWS) };
}

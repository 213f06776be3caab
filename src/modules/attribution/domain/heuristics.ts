import { AppError } from '../../../shared/errors/index.js';
import { addCredit, type ChannelCredit, type Journey } from './journey.js';

/**
 * Rule-based models, as ChannelAttribution's `heuristic_models` defines the first three: weights are
 * per touch over the path as observed (consecutive repeats are kept), and a channel that appears
 * several times adds up its weights. Each journey's weights sum to 1; journeys without touches
 * credit nobody (the caller counts them as unattributed).
 */
export type HeuristicModel = 'first_touch' | 'last_touch' | 'linear' | 'time_decay' | 'position_based';

/** Options of the heuristics; `halfLifeMs` is used by time decay only. */
export interface HeuristicOptions { readonly halfLifeMs: number }

/**
 * Weights of the touches of one journey under `model` (same length as `journey.touches`).
 * - first_touch / last_touch: 1 on the first / last touch;
 * - linear: 1/n on each of the n touches;
 * - time_decay: ∝ 2^(−(convertedAt − ts)/halfLife), normalised; needs timestamps
 *   (`attribution_no_timestamps` otherwise, e.g. for a path file);
 * - position_based (U-shaped): 40 % first, 40 % last, 20 % shared equally by the touches between;
 *   one touch takes 100 %, two touches 50 % each.
 */
export function touchWeights(model: HeuristicModel, journey: Journey, options: HeuristicOptions): number[] {
  const n = journey.touches.length;
  if (n === 0) return [];
  const w = new Array<number>(n).fill(0);
  switch (model) {
    case 'first_touch': w[0] = 1; return w;
    case 'last_touch': w[n - 1] = 1; return w;
    case 'linear': return w.fill(1 / n);
    case 'position_based':
      if (n === 1) return [1];
      if (n === 2) return [0.5, 0.5];
      w.fill(0.2 / (n - 2));
      w[0] = 0.4;
      w[n - 1] = 0.4;
      return w;
    case 'time_decay': {
      const at = journey.convertedAt;
      const raw = journey.touches.map((t) => {
        if (t.ts === undefined || at === undefined) {
          throw new AppError('attribution_no_timestamps', 'time_decay needs touch and conversion times; a path file has none — use linear or position_based');
        }
        return 2 ** (-(at - t.ts) / options.halfLifeMs);
      });
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((x) => x / sum);
    }
  }
}

/** Credits every converting journey's conversions and value to channels under a heuristic model. */
export function attributeHeuristic(model: HeuristicModel, journeys: readonly Journey[], options: HeuristicOptions): Map<string, ChannelCredit> {
  const credits = new Map<string, ChannelCredit>();
  for (const j of journeys) {
    if (j.conversions === 0 && j.value === 0) continue;
    const weights = touchWeights(model, j, options);
    j.touches.forEach((t, i) => addCredit(credits, t.channel, weights[i] as number, j));
  }
  return credits;
}

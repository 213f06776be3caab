/**
 * The published allocation formula. An item's score is the merchant credit multiplier times a weighted
 * sum of named components, each normalised to [0, 1]:
 *
 *   score = credit × Σ_c weight_c × component_c,   Σ_c weight_c = 1
 *
 * Every change of weights or parameters is a new, immutable policy version; the version that ranked a
 * slate is logged with it. See the module README and docs/adr/0012.
 */

/** The named, normalised components of the score, in the order they are published. */
export const COMPONENTS = ['conversion', 'relevance', 'clickThrough', 'completion', 'interaction', 'freshness'] as const;
export type Component = (typeof COMPONENTS)[number];

/** What each component means, for the policy document, the explain view and the dashboard. */
export const COMPONENT_DEFINITIONS: Record<Component, { en: string; zh: string }> = {
  conversion: { en: 'Predicted conversion efficiency: GMV per impression (smoothed), as a percentile among the shop\'s items', zh: '预测转化效率：每次曝光成交额（平滑后），在店铺商品中的百分位' },
  relevance: { en: 'Personal relevance from the person\'s own history; in non-personalised mode, trending in the request\'s context', zh: '个人相关度（来自本人行为）；非个性化模式下为当前场景的热度' },
  clickThrough: { en: 'Predicted click-through: product clicks per impression (smoothed), as a percentile', zh: '预测点击率：每次曝光的商品点击（平滑后），百分位' },
  completion: { en: 'Watch completion: completed plays per play of the item\'s videos (smoothed), as a percentile', zh: '完播率：商品视频的完播次数/播放次数（平滑后），百分位' },
  interaction: { en: 'Interaction rate: likes, comments, shares, follows and favourites per play (smoothed), as a percentile', zh: '互动率：每次播放的点赞、评论、分享、关注、收藏（平滑后），百分位' },
  freshness: { en: 'Freshness: 2^(−age / half-life) since the item was first seen', zh: '新鲜度：自首次出现起按半衰期衰减' },
};

/** Parameters of a policy beyond the weights. Ranges are checked by `validatePolicy`. */
export interface PolicyParameters {
  /** Freshness half-life in days. */
  readonly freshnessHalfLifeDays: number;
  /** Credit multiplier floor: a merchant whose refund rate is at or beyond `creditRefundCeiling` gets this. */
  readonly creditFloor: number;
  /** Refund rate (refunds / pays, smoothed) at or below which a merchant keeps the full multiplier 1. */
  readonly creditRefundFree: number;
  /** Refund rate at and above which the multiplier is `creditFloor` (linear in between). */
  readonly creditRefundCeiling: number;
  /** Share of a slate given to exploration slots (new items, new small merchants), 0..0.5. */
  readonly exploreShare: number;
  /** An item is in the cold-start pool until it has had this many impressions. */
  readonly coldStartImpressions: number;
  /** A merchant counts as new and small while it has fewer paid orders than this and is younger than `newMerchantDays`. */
  readonly smallMerchantPays: number;
  readonly newMerchantDays: number;
  /** Most a single category may take of a slate, 0..1 (ceil(share × n) items). */
  readonly maxCategoryShare: number;
  /** MMR trade-off λ: 1 = score only, 0 = diversity only. */
  readonly mmrLambda: number;
  /** Plackett–Luce temperature over MMR scores; 0 ranks greedily (every propensity 1). */
  readonly temperature: number;
}

/** A policy as published: weights summing to 1 and parameters. */
export interface PolicyBody {
  readonly weights: Readonly<Record<Component, number>>;
  readonly parameters: PolicyParameters;
}

/** A stored, immutable policy version. Version 0 is the built-in default, before any is published. */
export interface PolicyVersion extends PolicyBody {
  readonly tenant: string;
  readonly version: number;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly note: string;
}

/** The built-in policy (version 0). Conversion efficiency weighs 30 %, as the industry reports propose. */
export const DEFAULT_POLICY: PolicyBody = Object.freeze({
  weights: Object.freeze({ conversion: 0.3, relevance: 0.25, clickThrough: 0.15, completion: 0.1, interaction: 0.1, freshness: 0.1 }),
  parameters: Object.freeze({
    freshnessHalfLifeDays: 7, creditFloor: 0.5, creditRefundFree: 0.1, creditRefundCeiling: 0.4,
    exploreShare: 0.1, coldStartImpressions: 200, smallMerchantPays: 10, newMerchantDays: 30,
    maxCategoryShare: 0.4, mmrLambda: 0.8, temperature: 0.005,
  }),
});

const PARAMETER_RANGES: Record<keyof PolicyParameters, readonly [number, number]> = {
  freshnessHalfLifeDays: [0.1, 365], creditFloor: [0, 1], creditRefundFree: [0, 1], creditRefundCeiling: [0, 1],
  exploreShare: [0, 0.5], coldStartImpressions: [0, 1_000_000], smallMerchantPays: [0, 1_000_000], newMerchantDays: [0, 3650],
  maxCategoryShare: [0.05, 1], mmrLambda: [0, 1], temperature: [0, 1],
};

const WEIGHT_SUM_TOLERANCE = 1e-6;

/**
 * Checks a policy submitted by a merchant: every weight a number in [0, 1], the weights summing to 1,
 * parameters within their ranges (missing ones take the current policy's value). Returns the complete
 * body or the list of problems (all of them at once).
 */
export function validatePolicy(input: unknown, base: PolicyBody): { ok: true; body: PolicyBody } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: ['the policy must be an object {weights, parameters}'] };
  const { weights: w, parameters: p, ...rest } = input as Record<string, unknown>;
  for (const key of Object.keys(rest)) if (key !== 'note') problems.push(`unknown field ${key}`);
  const weights = { ...base.weights } as Record<Component, number>;
  if (w !== undefined) {
    if (typeof w !== 'object' || w === null) problems.push('weights must be an object of component → number');
    else {
      for (const [name, value] of Object.entries(w)) {
        if (!(COMPONENTS as readonly string[]).includes(name)) problems.push(`unknown component ${name} (components: ${COMPONENTS.join(', ')})`);
        else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) problems.push(`weight ${name} must be a number in [0, 1]`);
        else weights[name as Component] = value;
      }
    }
  }
  const sum = COMPONENTS.reduce((s, c) => s + weights[c], 0);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) problems.push(`weights must sum to 1 (they sum to ${sum.toFixed(4)})`);
  const parameters = { ...base.parameters } as Record<keyof PolicyParameters, number>;
  if (p !== undefined) {
    if (typeof p !== 'object' || p === null) problems.push('parameters must be an object');
    else {
      for (const [name, value] of Object.entries(p)) {
        const range = PARAMETER_RANGES[name as keyof PolicyParameters] as readonly [number, number] | undefined;
        if (!range) problems.push(`unknown parameter ${name}`);
        else if (typeof value !== 'number' || !Number.isFinite(value) || value < range[0] || value > range[1]) problems.push(`parameter ${name} must be a number in [${range[0]}, ${range[1]}]`);
        else parameters[name as keyof PolicyParameters] = value;
      }
    }
  }
  if (parameters.creditRefundCeiling <= parameters.creditRefundFree) problems.push('creditRefundCeiling must be above creditRefundFree');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body: { weights, parameters } };
}

/** The weighted sum of the components (before the credit multiplier). */
export function weightedSum(weights: Readonly<Record<Component, number>>, values: Readonly<Record<Component, number>>): number {
  let s = 0;
  for (const c of COMPONENTS) s += weights[c] * values[c];
  return s;
}

/**
 * The merchant credit multiplier from a smoothed refund rate: 1 up to `creditRefundFree`, falling
 * linearly to `creditFloor` at `creditRefundCeiling` and beyond.
 */
export function creditMultiplier(refundRate: number, p: PolicyParameters): number {
  if (refundRate <= p.creditRefundFree) return 1;
  if (refundRate >= p.creditRefundCeiling) return p.creditFloor;
  const t = (refundRate - p.creditRefundFree) / (p.creditRefundCeiling - p.creditRefundFree);
  return 1 - t * (1 - p.creditFloor);
}

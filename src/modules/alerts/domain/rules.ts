import { FUNNEL_NODES, type FunnelNode } from '../../events/index.js';
import type { CountBaseline, RateBaseline } from './baseline.js';
import { binomialLowerTail, binomialUpperTail, poissonLowerTail, poissonUpperTail } from './significance.js';

/**
 * Alert rules: one per funnel node's count per minute and one per conversion rate between adjacent
 * nodes. A rule's condition is true (a breach) when the observed value is beyond its baseline by more
 * than a share (default 20 % below), the deviation is significant for the volume (one-sided p < alpha,
 * default 0.01: Poisson for counts, exact binomial against the baseline rate for rates) and it is at
 * least `madK` robust σ (default 3) from the median, so history that varies more than Poisson does
 * (campaigns, weather) needs a larger deviation.
 */

export { FUNNEL_NODES, type FunnelNode } from '../../events/index.js';
/** Event counts per node in one bucket. */
export type FunnelCounts = Readonly<Record<FunnelNode, number>>;

/** A conversion step between adjacent nodes. */
export interface FunnelStep { readonly from: FunnelNode; readonly to: FunnelNode }
/** The seven adjacent steps, impression → play … order → pay. */
export const FUNNEL_STEPS: readonly FunnelStep[] = FUNNEL_NODES.slice(1).map((to, i) => ({ from: FUNNEL_NODES[i] as FunnelNode, to }));

/** What a rule watches: a node's count per minute, or the rate from one node to the next. */
export type AlertMetric = { readonly kind: 'count'; readonly node: FunnelNode } | ({ readonly kind: 'rate' } & FunnelStep);
/** Which deviations breach: only drops are required by the product; rises (spikes) are optional. */
export type AlertDirection = 'drop' | 'rise' | 'both';

/** A rule's thresholds and its state-machine durations. */
export interface RuleSettings {
  readonly direction: AlertDirection;
  /** A drop must take the value below baseline × (1 − dropShare). */
  readonly dropShare: number;
  /** A rise must take the value above baseline × (1 + riseShare). */
  readonly riseShare: number;
  /** One-sided significance level. */
  readonly alpha: number;
  /** Minimum distance from the median in robust σ (MAD × 1.4826); 0 turns the check off. */
  readonly madK: number;
  /** How long the condition must hold before pending becomes firing (Prometheus `for`), ms. */
  readonly forMs: number;
  /** How long a firing alert stays firing after the condition clears (Prometheus `keep_firing_for`), ms. */
  readonly keepFiringForMs: number;
}

/** A rule: the metric it watches and its settings; `id` keys its alert state. */
export interface AlertRule extends RuleSettings { readonly id: string; readonly metric: AlertMetric }

/** Defaults: drops of more than 20 % at p < 0.01 and ≥ 3 robust σ, for 2 minutes, kept firing 2 minutes. */
export const DEFAULT_RULE_SETTINGS: RuleSettings = Object.freeze({
  direction: 'drop', dropShare: 0.2, riseShare: 0.2, alpha: 0.01, madK: 3, forMs: 120_000, keepFiringForMs: 120_000,
});

/** The rule id of a metric: `count.<node>` or `rate.<from>.<to>`. */
export const ruleIdOf = (m: AlertMetric): string => (m.kind === 'count' ? `count.${m.node}` : `rate.${m.from}.${m.to}`);

/** The 15 default rules (8 counts, 7 rates) with the given settings over the defaults. */
export function defaultRules(overrides: Partial<RuleSettings> = {}): AlertRule[] {
  const metrics: AlertMetric[] = [
    ...FUNNEL_NODES.map((node): AlertMetric => ({ kind: 'count', node })),
    ...FUNNEL_STEPS.map((s): AlertMetric => ({ kind: 'rate', from: s.from, to: s.to })),
  ];
  return metrics.map((metric) => ({ ...DEFAULT_RULE_SETTINGS, ...overrides, id: ruleIdOf(metric), metric }));
}

/** `breach` is the rule's condition; `insufficient_history` and `no_volume` (an empty rate denominator) never breach. */
export type RuleStatus = 'ok' | 'breach' | 'insufficient_history' | 'no_volume';

/** One rule evaluated on one bucket. Counts: per-bucket values (expected scaled to the elapsed share). Rates: ratios. */
export interface RuleEvaluation {
  readonly ruleId: string;
  readonly metric: AlertMetric;
  readonly status: RuleStatus;
  /** Which way the breach went; null unless status is `breach`. */
  readonly breach: 'drop' | 'rise' | null;
  readonly observed: number | null;
  readonly expected: number | null;
  /** observed ÷ expected − 1 (−0.5 is a 50 % drop); null when expected is 0 or unknown. */
  readonly relativeChange: number | null;
  /** The one-sided p-value in the direction of the deviation. */
  readonly pValue: number | null;
  /** (observed − expected) ÷ robust σ; null when σ is 0 or unknown. */
  readonly robustZ: number | null;
  /** Seasonal samples behind the baseline. */
  readonly samples: number;
}

interface Deviation { observed: number; expected: number; sigma: number; pLow: number; pHigh: number }

function judge(rule: AlertRule, base: Omit<RuleEvaluation, 'status' | 'breach' | 'observed' | 'expected' | 'relativeChange' | 'pValue' | 'robustZ'>, d: Deviation): RuleEvaluation {
  const { observed, expected, sigma } = d;
  const robustZ = sigma > 0 ? (observed - expected) / sigma : null;
  const farEnough = (gap: number): boolean => rule.madK <= 0 || sigma === 0 || gap >= rule.madK * sigma;
  const drop = rule.direction !== 'rise' && observed < expected * (1 - rule.dropShare) && d.pLow < rule.alpha && farEnough(expected - observed);
  const rise = rule.direction !== 'drop' && observed > expected * (1 + rule.riseShare) && d.pHigh < rule.alpha && farEnough(observed - expected);
  const breach = drop ? 'drop' : rise ? 'rise' : null;
  return {
    ...base, status: breach ? 'breach' : 'ok', breach, observed, expected,
    relativeChange: expected > 0 ? observed / expected - 1 : null,
    pValue: observed < expected ? d.pLow : d.pHigh, robustZ,
  };
}

const quiet = (rule: AlertRule, status: 'insufficient_history' | 'no_volume', samples: number, observed: number | null, expected: number | null): RuleEvaluation =>
  ({ ruleId: rule.id, metric: rule.metric, status, breach: null, observed, expected, relativeChange: null, pValue: null, robustZ: null, samples });

/**
 * Evaluates a count rule on `observed` events in a bucket of which `fraction` (0–1] has elapsed: the
 * baseline median and σ are scaled by `fraction`, the observed count is not (a partial minute is tested
 * as what it is — a Poisson count over a shorter window — so no significance is invented by scaling up).
 * p-values: P(X ≤ observed) for drops, P(X ≥ observed) for rises, X ~ Poisson(median × fraction).
 */
export function evaluateCountRule(rule: AlertRule, observed: number, baseline: CountBaseline, fraction = 1): RuleEvaluation {
  if (baseline.state !== 'ok') return quiet(rule, 'insufficient_history', baseline.n, observed, null);
  const expected = baseline.median * fraction;
  return judge(rule, { ruleId: rule.id, metric: rule.metric, samples: baseline.n }, {
    observed, expected, sigma: baseline.sigma * fraction,
    pLow: poissonLowerTail(observed, expected), pHigh: poissonUpperTail(observed, expected),
  });
}

/**
 * Evaluates a rate rule on `num` of `den` (a numerator above the denominator — later-step events of
 * earlier-bucket entries — is capped at it). p-values: exact one-sample binomial, P(X ≤ num) for drops and
 * P(X ≥ num) for rises, X ~ Binomial(den, baseline rate); the baseline rate is pooled over at least
 * `minSamples` buckets and treated as known.
 */
export function evaluateRateRule(rule: AlertRule, num: number, den: number, baseline: RateBaseline): RuleEvaluation {
  if (baseline.state !== 'ok') return quiet(rule, 'insufficient_history', baseline.n, den > 0 ? Math.min(num, den) / den : null, null);
  if (den <= 0) return quiet(rule, 'no_volume', baseline.n, null, baseline.rate);
  const x = Math.min(num, den);
  return judge(rule, { ruleId: rule.id, metric: rule.metric, samples: baseline.n }, {
    observed: x / den, expected: baseline.rate, sigma: baseline.sigma,
    pLow: binomialLowerTail(x, den, baseline.rate), pHigh: binomialUpperTail(x, den, baseline.rate),
  });
}

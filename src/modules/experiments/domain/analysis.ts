import type { Moments } from './accumulate.js';
import type { AnalysisSettings, GuardrailDef, MetricDef, Variation } from './experiment.js';
import { compareArms, correctPValues, testSampleRatio } from './engine.js';
import { isBinaryMetric } from './unit-metrics.js';
import { describeComparison, nameMetric, type Bilingual, type Outcome } from './verdict.js';

/**
 * An experiment's analysis (issue 6): every metric × treatment compared with the control by the
 * configured engine, corrected across the family of primary and secondary metrics, guardrails checked
 * against their thresholds, SRM, and a decision with a verdict in Chinese and English. Pure.
 */

/** What the analysis needs of an experiment (an Experiment satisfies it; so does a CSV table). */
export interface AnalysisInput {
  readonly variations: readonly Variation[];
  readonly metrics: readonly MetricDef[];
  readonly guardrails: readonly GuardrailDef[];
  readonly analysis: AnalysisSettings;
}

export interface ArmSummary { readonly variation: string; readonly units: number; readonly mean: number | null }

/** One treatment vs the control on one metric. Interval ends are null where unbounded (one-sided tests). */
export interface Comparison extends ArmSummary {
  readonly expected: number;
  readonly ci: readonly [number | null, number | null];
  readonly pValue: number | null;
  readonly adjustedPValue: number | null;
  readonly chanceToWin: number | null;
  /** Expected loss of choosing [control, treatment] (Bayesian). */
  readonly risk: readonly [number, number] | null;
  readonly outcome: Outcome;
  readonly guardrail?: 'ok' | 'warning' | 'failing';
  readonly errorMessage?: string;
  readonly verdict: Bilingual;
}

export interface MetricResult {
  readonly key: string;
  readonly kind: MetricDef['kind'];
  readonly role: 'primary' | 'secondary' | 'guardrail';
  readonly name: Bilingual;
  readonly inverse: boolean;
  readonly cuped: boolean;
  readonly threshold?: number;
  readonly control: ArmSummary;
  readonly comparisons: readonly Comparison[];
}

export type Decision = 'ship' | 'stop' | 'keep_running' | 'check_setup';

export interface ExperimentAnalysis {
  readonly engine: AnalysisSettings['engine'];
  readonly difference: AnalysisSettings['difference'];
  readonly alpha: number;
  readonly correction: AnalysisSettings['correction'];
  readonly srm: { readonly pValue: number | null; readonly mismatch: boolean; readonly counts: readonly number[]; readonly expectedShares: readonly number[] };
  readonly sequential: { readonly enabled: boolean; readonly tuning: number; readonly mayStopEarly: boolean; readonly note: Bilingual };
  readonly metrics: readonly MetricResult[];
  readonly decision: Decision;
  /** The variation to ship when the decision is `ship`. */
  readonly winner: string | null;
  readonly verdict: Bilingual;
}

/** SRM threshold: a chi-squared p below it means the split is broken (GrowthBook's default). */
export const SRM_THRESHOLD = 0.001;

const meanOf = (m: Moments): number | null => {
  if (m.kind === 'ratio') return m.d.sum === 0 ? null : m.m.sum / m.d.sum;
  return m.n === 0 ? null : m.sum / m.n;
};

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function outcomeOf(c: { expected: number; pValue: number | null; chanceToWin: number | null; errorMessage?: string | undefined }, alpha: number, inverse: boolean): Outcome {
  if (c.errorMessage !== undefined) return 'no_data';
  const better = inverse ? c.expected < 0 : c.expected > 0;
  if (c.pValue !== null) return c.pValue < alpha ? (better ? 'win' : 'lose') : 'inconclusive';
  const ctw = c.chanceToWin ?? 0.5;
  return ctw > 1 - alpha ? 'win' : ctw < alpha ? 'lose' : 'inconclusive';
}

function guardrailOf(g: GuardrailDef, c: Pick<Comparison, 'outcome' | 'expected' | 'pValue' | 'adjustedPValue' | 'chanceToWin'>, controlMean: number | null, relative: boolean, alpha: number): 'ok' | 'warning' | 'failing' {
  if (c.outcome === 'no_data') return 'ok';
  const rel = relative ? c.expected : controlMean ? c.expected / controlMean : 0;
  const worse = g.inverse ? rel > 0 : rel < 0;
  const beyond = worse && Math.abs(rel) > g.threshold;
  const significant = worse && (c.pValue !== null ? (c.adjustedPValue ?? c.pValue) < alpha : (c.chanceToWin ?? 0.5) < alpha);
  if (beyond && significant) return 'failing';
  return beyond || significant ? 'warning' : 'ok';
}

/**
 * Analyses moments `[metric][variation]` (metrics then guardrails, control first) and randomisation
 * unit counts per variation.
 */
export function analyseExperiment(input: AnalysisInput, moments: readonly (readonly Moments[])[], counts: readonly number[]): ExperimentAnalysis {
  const s = input.analysis;
  const relative = s.difference === 'relative';
  const weights = input.variations.map((v) => v.weight);
  const total = counts.reduce((a, b) => a + b, 0);
  const srmP = total > 0 ? testSampleRatio(counts, weights) : null;
  const defs: { def: MetricDef; role: MetricResult['role']; threshold?: number }[] = [
    ...input.metrics.map((def, i) => ({ def, role: i === 0 ? 'primary' as const : 'secondary' as const })),
    ...input.guardrails.map((def) => ({ def, role: 'guardrail' as const, threshold: def.threshold })),
  ];
  const raw = defs.map(({ def }, i) => {
    const row = moments[i] ?? [];
    const control = row[0] as Moments;
    return row.slice(1).map((t) => compareArms(control, t, { ...s, inverse: def.inverse === true, binary: isBinaryMetric(def) }));
  });
  // Corrections over the family of primary and secondary comparisons (guardrails stay uncorrected: stricter).
  const family: { i: number; j: number; p: number }[] = [];
  raw.forEach((row, i) => { if (defs[i]?.role !== 'guardrail') row.forEach((c, j) => { if (c.pValue !== null && c.errorMessage === undefined) family.push({ i, j, p: c.pValue }); }); });
  const adjusted = correctPValues(family.map((f) => f.p), s.correction);
  const adjustedOf = new Map(family.map((f, k) => [`${f.i}:${f.j}`, adjusted[k] as number]));
  const metrics: MetricResult[] = defs.map(({ def, role, threshold }, i) => {
    const row = moments[i] ?? [];
    const control = row[0] as Moments;
    const controlMean = meanOf(control);
    const comparisons = (raw[i] ?? []).map((c, j): Comparison => {
      const t = row[j + 1] as Moments;
      const adjustedPValue = adjustedOf.get(`${i}:${j}`) ?? null;
      const p = adjustedPValue ?? c.pValue;
      const outcome = outcomeOf({ ...c, pValue: p }, s.alpha, def.inverse === true);
      const base = {
        variation: input.variations[j + 1]?.key ?? String(j + 1), units: t.n, mean: meanOf(t), expected: c.expected,
        ci: [finiteOrNull(c.ci[0]), finiteOrNull(c.ci[1])] as const, pValue: c.pValue, adjustedPValue: s.correction === 'none' ? null : adjustedPValue,
        chanceToWin: c.chanceToWin, risk: c.risk, outcome, ...(c.errorMessage !== undefined ? { errorMessage: c.errorMessage } : {}),
      };
      const guardrail = role === 'guardrail' ? guardrailOf(def as GuardrailDef, base, controlMean, relative, s.alpha) : undefined;
      const verdict = describeComparison({ variation: base.variation, metric: def, relative, outcome, expected: c.expected, ci: c.ci, pValue: p, chanceToWin: c.chanceToWin, confidence: 1 - s.alpha, guardrail, errorMessage: c.errorMessage });
      return { ...base, ...(guardrail ? { guardrail } : {}), verdict };
    });
    return {
      key: def.key, kind: def.kind, role, name: nameMetric(def), inverse: def.inverse === true, cuped: comparisons.length > 0 && raw[i]?.[0]?.cuped === true,
      ...(threshold !== undefined ? { threshold } : {}), control: { variation: input.variations[0]?.key ?? 'control', units: control.n, mean: controlMean }, comparisons,
    };
  });
  return { engine: s.engine, difference: s.difference, alpha: s.alpha, correction: s.correction, srm: { pValue: srmP, mismatch: srmP !== null && srmP < SRM_THRESHOLD, counts, expectedShares: weights }, metrics, ...decide(metrics, s, srmP) };
}

function decide(metrics: readonly MetricResult[], s: AnalysisSettings, srmP: number | null): Pick<ExperimentAnalysis, 'sequential' | 'decision' | 'winner' | 'verdict'> {
  const primary = metrics.find((m) => m.role === 'primary');
  const failing = new Set(metrics.filter((m) => m.role === 'guardrail').flatMap((m) => m.comparisons.filter((c) => c.guardrail === 'failing').map((c) => c.variation)));
  const decided = primary?.comparisons.filter((c) => c.outcome === 'win' || c.outcome === 'lose') ?? [];
  const sequentialOn = s.sequential && s.engine === 'frequentist';
  const note: Bilingual = sequentialOn
    ? decided.length > 0
      ? { zh: '序贯检验：置信序列已排除零，可以提前结束。', en: 'Sequential test: the confidence sequence excludes zero, so the test may stop early.' }
      : { zh: '序贯检验：可随时查看结果，置信序列排除零时即可提前结束。', en: 'Sequential test: results may be checked any time; stop once the confidence sequence excludes zero.' }
    : { zh: '固定样本检验：请在达到计划样本量后再下结论，中途多次查看会提高误判率。', en: 'Fixed-horizon test: conclude at the planned sample size; peeking repeatedly inflates false positives.' };
  const sequential = { enabled: sequentialOn, tuning: s.sequentialTuning, mayStopEarly: sequentialOn && decided.length > 0, note };
  if (srmP !== null && srmP < SRM_THRESHOLD) {
    return { sequential, decision: 'check_setup', winner: null, verdict: { zh: `样本比例失衡（SRM，p = ${srmP.toExponential(2)}）：分流或曝光记录有问题，结果不可信，请先排查。`, en: `Sample ratio mismatch (SRM, p = ${srmP.toExponential(2)}): the split or the exposure logging is broken; do not trust the results until it is fixed.` } };
  }
  const wins = (primary?.comparisons ?? []).filter((c) => c.outcome === 'win' && !failing.has(c.variation)).sort((a, b) => (primary?.inverse ? a.expected - b.expected : b.expected - a.expected));
  const best = wins[0];
  if (best && primary) return { sequential, decision: 'ship', winner: best.variation, verdict: { zh: `建议上线 ${best.variation}：主要指标「${primary.name.zh}」显著更好，护栏指标未超阈值。`, en: `Ship ${best.variation}: ${primary.name.en} is significantly better and no guardrail fails.` } };
  const all = primary?.comparisons ?? [];
  if (all.length > 0 && all.every((c) => c.outcome === 'lose' || failing.has(c.variation))) {
    return { sequential, decision: 'stop', winner: null, verdict: { zh: '建议停止：所有实验组均显著更差或护栏指标失败，保留对照组。', en: 'Stop: every treatment is significantly worse or fails a guardrail; keep the control.' } };
  }
  return { sequential, decision: 'keep_running', winner: null, verdict: { zh: '继续运行：主要指标尚无显著差异。', en: 'Keep running: no significant difference on the primary metric yet.' } };
}

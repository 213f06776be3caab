/**
 * An experiment's definition and lifecycle (issue 6, ADR 0013). Pure: validation lists every problem at
 * once, like allocation policies. Assignment itself follows GrowthBook (`assignment/`).
 */

/** Who is randomised: persons (default), whole clusters (every viewer of a creator or live room gets
 * the same variation), or time slots of a live room (switchback). */
export type Design =
  | { readonly kind: 'person' }
  | { readonly kind: 'cluster'; readonly by: 'creatorId' | 'liveId' }
  | { readonly kind: 'switchback'; readonly slotMinutes: number; readonly burnInMinutes: number };

/** How a metric is measured per unit after exposure. */
export type MetricKind = 'conversion' | 'gmv' | 'orders' | 'decision_time' | 'retention' | 'refund_rate' | 'complaint_rate' | 'count' | 'ratio';

/** One side of a ratio metric: a per-unit quantity summed over units (e.g. net GMV / orders = average order value). */
export interface RatioPart {
  readonly kind: 'conversion' | 'count' | 'gmv' | 'orders';
  readonly event?: string | undefined;
}

export const RATIO_PART_KINDS: readonly RatioPart['kind'][] = ['conversion', 'count', 'gmv', 'orders'];

/** One metric of an experiment. `event` applies to conversion and count, `day` to retention. */
export interface MetricDef {
  readonly key: string;
  readonly kind: MetricKind;
  /** The event that counts: for conversion (reached it) and count (how many). */
  readonly event?: string | undefined;
  /** Retention: active on day `day` after exposure ([day, day+1) × 24 h). */
  readonly day?: number | undefined;
  /** Hours after exposure that count (default: the experiment's conversion window). */
  readonly windowHours?: number | undefined;
  /** Lower is better (refund rate, decision time): a decrease is a win. */
  readonly inverse?: boolean | undefined;
  /** A display name used as is in both languages (CSV columns); default: named from the kind. */
  readonly label?: string | undefined;
  /** Ratio metrics: Σ numerator / Σ denominator over units (delta method). */
  readonly numerator?: RatioPart | undefined;
  readonly denominator?: RatioPart | undefined;
}

/** A guardrail: a metric that must not get worse by more than `threshold` (relative, e.g. 0.05 = 5 %). */
export interface GuardrailDef extends MetricDef { readonly threshold: number }

/** One arm. `value` is what assignment hands the client (any JSON); the first variation is the control. */
export interface Variation { readonly key: string; readonly name: string; readonly weight: number; readonly value?: unknown }

/** Who may enter: platforms, RFM segments, consent purposes the person granted, and a GrowthBook condition. */
export interface Targeting {
  readonly platforms?: readonly string[] | undefined;
  readonly segments?: readonly string[] | undefined;
  readonly consent?: readonly string[] | undefined;
  readonly condition?: Record<string, unknown> | undefined;
}

/** How results are analysed. */
export interface AnalysisSettings {
  readonly engine: 'frequentist' | 'bayesian';
  readonly alternative: 'two-sided' | 'greater' | 'less';
  readonly alpha: number;
  readonly sequential: boolean;
  /** Confidence sequences' tuning parameter: the sample size where they are narrowest (GrowthBook default 5000). */
  readonly sequentialTuning: number;
  readonly cuped: boolean;
  /** Pre-exposure days of the CUPED covariate. */
  readonly cupedLookbackDays: number;
  readonly correction: 'holm' | 'bh' | 'none';
  readonly difference: 'relative' | 'absolute';
  /** Default metric window after exposure, hours. */
  readonly conversionWindowHours: number;
}

export type ExperimentStatus = 'draft' | 'running' | 'stopped' | 'shipped';

/** What a caller sends to create or edit an experiment. */
export interface ExperimentInput {
  readonly key: string;
  readonly name?: string | undefined;
  readonly hypothesis?: string | undefined;
  readonly variations: readonly Variation[];
  readonly coverage?: number | undefined;
  /** GrowthBook namespace [id, start, end): experiments sharing a namespace never overlap. */
  readonly namespace?: readonly [string, number, number] | undefined;
  readonly hashVersion?: 1 | 2 | undefined;
  readonly seed?: string | undefined;
  readonly design?: Design | undefined;
  readonly targeting?: Targeting | undefined;
  readonly metrics: readonly MetricDef[];
  readonly guardrails?: readonly GuardrailDef[] | undefined;
  readonly analysis?: Partial<AnalysisSettings> | undefined;
}

/** A stored experiment. */
export interface Experiment {
  readonly id: string;
  readonly tenant: string;
  readonly key: string;
  readonly name: string;
  readonly hypothesis: string;
  readonly variations: readonly Variation[];
  readonly coverage: number;
  readonly hashVersion: 1 | 2;
  readonly seed: string;
  readonly design: Design;
  readonly targeting: Targeting;
  readonly metrics: readonly MetricDef[];
  readonly namespace: readonly [string, number, number] | null;
  readonly guardrails: readonly GuardrailDef[];
  readonly analysis: AnalysisSettings;
  readonly status: ExperimentStatus;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly stoppedAt: number | null;
  /** The variation shipped to everyone when concluded (index), else null. */
  readonly shippedVariation: number | null;
}

export const METRIC_KINDS: readonly MetricKind[] = ['conversion', 'gmv', 'orders', 'decision_time', 'retention', 'refund_rate', 'complaint_rate', 'count', 'ratio'];

export const DEFAULT_ANALYSIS: AnalysisSettings = {
  engine: 'frequentist', alternative: 'two-sided', alpha: 0.05, sequential: false, sequentialTuning: 5000,
  cuped: true, cupedLookbackDays: 14, correction: 'holm', difference: 'relative', conversionWindowHours: 72,
};

/** Default guardrails of commerce experiments: refunds and complaints must not rise by more than 5 %. */
export const DEFAULT_GUARDRAILS: readonly GuardrailDef[] = [
  { key: 'refund_rate', kind: 'refund_rate', inverse: true, threshold: 0.05 },
  { key: 'complaint_rate', kind: 'complaint_rate', inverse: true, threshold: 0.05 },
];

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

function checkMetric(m: MetricDef, where: string, problems: string[]): void {
  if (!KEY.test(m.key)) problems.push(`${where}.key must be 1–80 letters, digits, _ . - (got ${JSON.stringify(m.key)})`);
  if (!METRIC_KINDS.includes(m.kind)) problems.push(`${where}.kind must be one of ${METRIC_KINDS.join(', ')}`);
  if ((m.kind === 'conversion' || m.kind === 'count') && (typeof m.event !== 'string' || m.event === '')) problems.push(`${where}.event is required for ${m.kind} metrics`);
  if (m.kind === 'retention' && !(Number.isInteger(m.day) && (m.day as number) >= 1 && (m.day as number) <= 90)) problems.push(`${where}.day must be an integer 1–90 for retention`);
  if (m.kind === 'ratio') {
    for (const side of ['numerator', 'denominator'] as const) {
      const part = m[side];
      if (!part || !RATIO_PART_KINDS.includes(part.kind)) problems.push(`${where}.${side}.kind must be one of ${RATIO_PART_KINDS.join(', ')}`);
      else if ((part.kind === 'conversion' || part.kind === 'count') && (typeof part.event !== 'string' || part.event === '')) problems.push(`${where}.${side}.event is required for ${part.kind}`);
    }
  }
  if (m.windowHours !== undefined && !(m.windowHours > 0 && m.windowHours <= 24 * 90)) problems.push(`${where}.windowHours must be in (0, 2160]`);
}

function checkDesign(d: Design, problems: string[]): void {
  if (d.kind === 'cluster' && d.by !== 'creatorId' && d.by !== 'liveId') problems.push('design.by must be creatorId or liveId');
  if (d.kind === 'switchback') {
    if (!(Number.isInteger(d.slotMinutes) && d.slotMinutes >= 5 && d.slotMinutes <= 24 * 60)) problems.push('design.slotMinutes must be an integer 5–1440');
    if (!(Number.isInteger(d.burnInMinutes) && d.burnInMinutes >= 0 && d.burnInMinutes < d.slotMinutes)) problems.push('design.burnInMinutes must be an integer ≥ 0 and below slotMinutes');
  }
  if (!['person', 'cluster', 'switchback'].includes(d.kind)) problems.push('design.kind must be person, cluster or switchback');
}

function checkAnalysis(a: AnalysisSettings, problems: string[]): void {
  if (!['frequentist', 'bayesian'].includes(a.engine)) problems.push('analysis.engine must be frequentist or bayesian');
  if (!['two-sided', 'greater', 'less'].includes(a.alternative)) problems.push('analysis.alternative must be two-sided, greater or less');
  if (!(a.alpha > 0 && a.alpha < 0.5)) problems.push('analysis.alpha must be in (0, 0.5)');
  if (!(a.sequentialTuning >= 1)) problems.push('analysis.sequentialTuning must be ≥ 1');
  if (!['holm', 'bh', 'none'].includes(a.correction)) problems.push('analysis.correction must be holm, bh or none');
  if (!['relative', 'absolute'].includes(a.difference)) problems.push('analysis.difference must be relative or absolute');
  if (!(a.conversionWindowHours > 0 && a.conversionWindowHours <= 24 * 90)) problems.push('analysis.conversionWindowHours must be in (0, 2160]');
  if (!(Number.isInteger(a.cupedLookbackDays) && a.cupedLookbackDays >= 1 && a.cupedLookbackDays <= 90)) problems.push('analysis.cupedLookbackDays must be an integer 1–90');
  if (a.sequential && a.engine === 'bayesian') problems.push('analysis.sequential applies to the frequentist engine only');
  if (a.sequential && a.alternative !== 'two-sided') problems.push('analysis.sequential tests are two-sided');
}

/**
 * Every problem of a definition, at once (empty when valid).
 * @example validateExperiment({ key: 'cover_v2', variations: [...], metrics: [{ key: 'pay', kind: 'conversion', event: 'pay' }] })
 */
export function validateExperiment(input: ExperimentInput): string[] {
  const problems: string[] = [];
  if (typeof input.key !== 'string' || !KEY.test(input.key)) problems.push('key must be 1–80 letters, digits, _ . - starting with a letter or digit');
  const vs = Array.isArray(input.variations) ? input.variations : [];
  if (vs.length < 2 || vs.length > 10) problems.push('variations must list 2–10 arms (the first is the control)');
  const weights = vs.map((v) => v.weight);
  if (weights.some((w) => !(typeof w === 'number' && w >= 0 && w <= 1))) problems.push('variations[].weight must be numbers in [0, 1]');
  else if (vs.length >= 2 && Math.abs(weights.reduce((s, w) => s + w, 0) - 1) > 1e-6) problems.push('variations[].weight must sum to 1');
  const keys = new Set(vs.map((v) => v.key));
  if (keys.size !== vs.length || vs.some((v) => typeof v.key !== 'string' || !KEY.test(v.key))) problems.push('variations[].key must be distinct short names');
  if (input.coverage !== undefined && !(input.coverage > 0 && input.coverage <= 1)) problems.push('coverage must be in (0, 1]');
  const ns = input.namespace;
  if (ns !== undefined && !(Array.isArray(ns) && ns.length === 3 && typeof ns[0] === 'string' && ns[1] >= 0 && ns[2] <= 1 && ns[1] < ns[2])) problems.push('namespace must be [id, start, end] with 0 ≤ start < end ≤ 1');
  if (input.hashVersion !== undefined && input.hashVersion !== 1 && input.hashVersion !== 2) problems.push('hashVersion must be 1 or 2');
  if (input.design !== undefined) checkDesign(input.design, problems);
  const metrics = Array.isArray(input.metrics) ? input.metrics : [];
  if (metrics.length === 0 || metrics.length > 20) problems.push('metrics must list 1–20 metrics (the first is the primary one)');
  metrics.forEach((m, i) => checkMetric(m, `metrics[${i}]`, problems));
  (input.guardrails ?? []).forEach((g, i) => {
    checkMetric(g, `guardrails[${i}]`, problems);
    if (!(g.threshold >= 0 && g.threshold <= 10)) problems.push(`guardrails[${i}].threshold must be a relative change in [0, 10]`);
  });
  const all = [...metrics, ...(input.guardrails ?? [])].map((m) => m.key);
  if (new Set(all).size !== all.length) problems.push('metric and guardrail keys must be distinct');
  checkAnalysis({ ...DEFAULT_ANALYSIS, ...input.analysis }, problems);
  return problems;
}

/** Builds the stored form of a valid input (defaults filled in). */
export function buildExperiment(input: ExperimentInput, meta: { id: string; tenant: string; createdAt: number }): Experiment {
  return {
    id: meta.id, tenant: meta.tenant, key: input.key, name: input.name ?? input.key, hypothesis: input.hypothesis ?? '',
    variations: input.variations.map((v) => ({ key: v.key, name: v.name ?? v.key, weight: v.weight, ...(v.value !== undefined ? { value: v.value } : {}) })),
    coverage: input.coverage ?? 1, namespace: input.namespace ?? null, hashVersion: input.hashVersion ?? 2, seed: input.seed ?? input.key,
    design: input.design ?? { kind: 'person' }, targeting: input.targeting ?? {}, metrics: input.metrics,
    guardrails: input.guardrails ?? DEFAULT_GUARDRAILS, analysis: { ...DEFAULT_ANALYSIS, ...input.analysis },
    status: 'draft', createdAt: meta.createdAt, startedAt: null, stoppedAt: null, shippedVariation: null,
  };
}

const TRANSITIONS: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  draft: ['running'], running: ['stopped', 'shipped'], stopped: ['running', 'shipped'], shipped: [],
};

/** Whether a lifecycle move is allowed: draft → running → stopped ⇄ running, running|stopped → shipped. */
export function canMove(from: ExperimentStatus, to: ExperimentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

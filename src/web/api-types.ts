/**
 * The HTTP API's answers as the dashboard reads them (only the fields it uses). The server's own types live
 * in src/modules/; the dashboard sees the API from the outside, like any client, so it states the wire
 * shapes here instead of importing server code.
 */

/** `{error: …}` of every failed request (the catalogue in docs/errors.md). */
export interface ApiErrorBody {
  code: string; message: string; messageZh: string; action?: string;
  /** Structured context; `problems` lists every problem of a refused definition (`experiments_invalid_definition`). */
  details?: { problems?: string[] } & Record<string, unknown>;
}

export type KpiStatus = 'good' | 'watch' | 'poor' | 'no_data';

/** `GET /v1/kpi/radar`. Score 1 = on target, capped at 1.5. */
export interface KpiRadar {
  indicators: { key: string; zh: string; en: string; unit: string; direction: 'higher' | 'lower'; value: number | null; target: number | null; score: number | null; status: KpiStatus }[];
}

export interface StepTiming { meanMs: number; p50Ms: number; p90Ms: number }

export interface FunnelStepReport {
  name: string; count: number; converted: number; dropped: number;
  conversionFromPrevious: number; conversionFromFirst: number;
  timeFromPrevious: StepTiming | null;
  dropOffNext: { event: string; count: number }[];
}

/** Integer fen. */
export interface FunnelValue { gross: number; refunds: number; net: number; perConversion: number }

export interface FunnelGroup { group: string; values: Record<string, string>; steps: FunnelStepReport[]; value?: FunnelValue }

/** `GET /v1/funnel`. */
export interface FunnelReport { steps: string[]; count: string; by: string[]; persons: number; overall: FunnelGroup; groups: FunnelGroup[] }

/** `GET /v1/paths`. */
export interface PathReport {
  persons: number;
  paths: { steps: string[]; persons: number; share: number }[];
  other: { paths: number; persons: number };
  sankey: { nodes: { id: string; step: number; name: string; value: number }[]; links: { source: string; target: string; value: number }[] };
}

/** `GET /v1/decision-time` (overall only: the dashboard asks for no breakdown). */
export interface DecisionTimeReport {
  start: string; end: string;
  overall: {
    started: number; converted: number; conversionRate: number; p50Ms: number | null; p90Ms: number | null;
    histogram: { label: string; fromMs: number; toMs: number | null; persons: number }[];
  };
}

export interface PathLengthRange { buyers: number; medianSteps: number | null; meanSteps: number | null; distribution: { steps: number; persons: number }[] }

/** `GET /v1/path-length` with a baseline range. */
export interface PathLengthReport { current: PathLengthRange; baseline?: PathLengthRange; difference?: { medianSteps: number | null } }

/** `GET /v1/retention`: `rates[k]` is period k's share of the cohort (null: not yet observable). */
export interface RetentionReport {
  cohort: string; period: string; mode: string; persons: number;
  cohorts: { cohort: string; start: number; size: number; returned: (number | null)[]; rates: (number | null)[] }[];
}

/** `GET /v1/repurchase`: buyers with ≥ 2 orders and the time between orders (ms). */
export interface RepurchaseReport {
  buyers: number; repeatBuyers: number; repurchaseRate: number | null;
  timeBetweenOrders: { gaps: number; p50Ms: number | null; p90Ms: number | null };
}

/** `GET /v1/ltv`: lifetime value net of refunds, integer fen, in total and per cohort of first order. */
export interface LtvReport {
  buyers: number; net: number;
  netPerBuyer: { mean: number | null; p50: number | null; p90: number | null };
  cohorts: { cohort: string; buyers: number; net: number; netPerBuyer: number }[];
}

/** `GET /v1/segments/rfm`. */
export interface RfmReport {
  buyers: number;
  /** k−1 ascending cut points per dimension for scores 1…k; `source` says how each was chosen. */
  thresholds: { scores: number; recencyDays: number[]; frequency: number[]; monetary: number[]; source: Record<string, string> };
  layers: {
    layer: string; size: number; share: number; rule: string | null;
    nameZh: string; nameEn: string; headlineZh: string; headlineEn: string; strategyZh: string; strategyEn: string;
  }[];
}

/** `GET /v1/attribution`: credited conversions and net GMV (fen) per channel. */
export interface AttributionReport {
  model: string;
  channels: { channel: string; conversions: number; valueFen: number | null; removalEffect?: number | null }[];
  totals: { journeys: number; conversions: number; value: number };
}

export const FUNNEL_NODES = ['impression', 'play', 'complete', 'product_click', 'detail_view', 'add_to_cart', 'order', 'pay'] as const;
export type FunnelNode = (typeof FUNNEL_NODES)[number];

/** One minute of the live funnel (`GET /v1/monitor/series`, the live stream). `rates` keys: `<from>_to_<to>`. */
export interface SeriesPoint { minute: number; counts: Record<FunnelNode, number>; rates: Record<string, number | null> }

export type AlertStatus = 'pending' | 'firing' | 'acknowledged' | 'resolved';
export type DiagnosisKind = 'traffic_drop' | 'conversion_drop' | 'stock_out' | 'checkout_failure' | 'mixed' | 'normal';
export interface Bilingual { zh: string; en: string }

/** An alert as `GET /v1/alerts` and the live stream send it. */
export interface AlertView {
  id: string; scope: string; ruleId: string;
  metric: { kind: 'count'; node: string } | { kind: 'rate'; from: string; to: string };
  status: AlertStatus;
  activeSince: number; firingSince: number | null; resolvedAt: number | null; acknowledgedAt: number | null; acknowledgedBy?: string | null;
  value: number | null; baseline: number | null;
  diagnosis: null | { kind: DiagnosisKind; step: null | { from: string; to: string; observed?: number; expected?: number }; summary: Bilingual; actions: Bilingual[] };
  updatedAt: number;
}

/** The live stream's events (`GET /v1/live/stream`). */
export interface LiveSnapshot { scope: string; now: number; scopes: string[]; points: SeriesPoint[]; alerts: AlertView[] }
export interface LiveMinute { scope: string; now: number; points: SeriesPoint[] }

/** The named components of an item's score, each in [0, 1] (the allocation policy's formula). */
export type ScoreComponent = 'conversion' | 'relevance' | 'clickThrough' | 'completion' | 'interaction' | 'freshness';

/** Why a recommendation was served without personal data (null: it was personalised). */
export type NonPersonalReason = 'requested' | 'no_consent' | 'consent_withdrawn' | 'no_person' | 'unknown_person';

/** `GET /v1/allocation/policy` (and each of `…/versions`): `score = credit × Σ weight_c × component_c`. */
export interface PublishedPolicy {
  version: number; createdAt: number; createdBy: string; note: string;
  formula: string;
  weights: Record<ScoreComponent, number>;
  parameters: Record<string, number>;
  /** Each component's weight and its definition in both languages, in published order. */
  components: { name: ScoreComponent; weight: number; en: string; zh: string }[];
  /** How relevance blends its sources (shares summing to 1). */
  relevanceBlend: { sar: number; learned: number; trending: number };
}

/** `GET /v1/allocation/policy/versions`: newest first; version 0 is the built-in default. */
export interface PolicyVersions { versions: PublishedPolicy[] }

/** Where an item's relevance came from, each part in [0, 1] (absent when that source had nothing). */
export interface RelevanceSources { sar?: number; learned?: number; trending: number }

/** One explained item: its score is `credit × Σ weight_c × components[c]`. */
export interface ExplainedItem {
  itemId: string; position: number; score: number; propensity: number; explored: boolean;
  categoryId: string | null; priceBand: string | null; merchantId: string;
  /** The merchant credit multiplier, 0..1. */
  credit: number;
  components: Record<ScoreComponent, number>;
  relevanceSources: RelevanceSources | null;
}

/** `GET /v1/recommendations/explain`: a preview (nothing is logged) with the policy that ranked it. */
export interface RecommendationExplain {
  requestId: string; slot: string;
  mode: 'personalised' | 'non_personalised';
  reason: NonPersonalReason | null;
  personId: string | null;
  policyVersion: number;
  /** Filters that need personal data and were not applied in the non-personalised mode. */
  ignoredFilters: string[];
  items: ExplainedItem[];
  policy: Omit<PublishedPolicy, 'createdAt' | 'createdBy' | 'note'>;
}

/** `GET /v1/recommendations/model`: the shop's trained models. `builtAt` epoch ms. */
export interface RecommendModelSummary { builtAt: number; items: number; persons: number; interactions: number; learned: boolean; bytesPerItem: number; buildMs: number }

export type ExperimentStatus = 'draft' | 'running' | 'stopped' | 'shipped';
export type MetricKind = 'conversion' | 'gmv' | 'orders' | 'decision_time' | 'retention' | 'refund_rate' | 'complaint_rate' | 'count' | 'ratio';

/** Who is randomised: persons, clusters (every viewer of a creator or live room), or time slots (switchback). */
export type ExperimentDesign =
  | { kind: 'person' }
  | { kind: 'cluster'; by: 'creatorId' | 'liveId' }
  | { kind: 'switchback'; slotMinutes: number; burnInMinutes: number };

/** One metric: `event` for conversion and count, `day` for retention; `inverse` when lower is better; `label` a display name for both languages. */
export interface MetricDef { key: string; kind: MetricKind; event?: string; day?: number; windowHours?: number; inverse?: boolean; label?: string }

/** A guardrail: must not get worse by more than `threshold` (relative, 0.05 = 5 %). */
export interface GuardrailDef extends MetricDef { threshold: number }

/** One arm; the first is the control. */
export interface ExperimentVariation { key: string; name: string; weight: number }

export interface AnalysisSettings {
  engine: 'frequentist' | 'bayesian'; alternative: 'two-sided' | 'greater' | 'less'; alpha: number;
  sequential: boolean; sequentialTuning: number; cuped: boolean; cupedLookbackDays: number;
  correction: 'holm' | 'bh' | 'none'; difference: 'relative' | 'absolute'; conversionWindowHours: number;
}

/** `GET /v1/experiments/:id` (and each of `GET /v1/experiments`). Times epoch ms. */
export interface Experiment {
  id: string; key: string; name: string; hypothesis: string;
  variations: ExperimentVariation[]; coverage: number; design: ExperimentDesign;
  metrics: MetricDef[]; guardrails: GuardrailDef[]; analysis: AnalysisSettings;
  status: ExperimentStatus; createdAt: number; startedAt: number | null; stoppedAt: number | null;
  /** Index of the shipped variation, else null. */
  shippedVariation: number | null;
}

/** What the create form sends (`POST /v1/experiments`); the server fills in the rest. */
export interface ExperimentInput {
  key: string; name?: string; hypothesis?: string;
  variations: ExperimentVariation[]; coverage?: number; design?: ExperimentDesign;
  metrics: MetricDef[]; analysis?: Partial<AnalysisSettings>;
}

export type Outcome = 'win' | 'lose' | 'inconclusive' | 'no_data';
export type Decision = 'ship' | 'stop' | 'keep_running' | 'check_setup';

/** An arm's unit count and metric mean (null: nothing to average). */
export interface ArmSummary { variation: string; units: number; mean: number | null }

/** One treatment vs the control: `expected` and `ci` in the report's difference (relative or absolute); a null end is unbounded. */
export interface Comparison extends ArmSummary {
  expected: number; ci: [number | null, number | null];
  pValue: number | null; adjustedPValue: number | null; chanceToWin: number | null;
  outcome: Outcome; guardrail?: 'ok' | 'warning' | 'failing'; errorMessage?: string;
  verdict: Bilingual;
}

export interface MetricResult {
  key: string; kind: MetricKind; role: 'primary' | 'secondary' | 'guardrail'; name: Bilingual;
  inverse: boolean; cuped: boolean; threshold?: number;
  control: ArmSummary; comparisons: Comparison[];
}

/** `GET /v1/experiments/:id/report`. `computedAt`, `observedUntil` ISO-8601. */
export interface ExperimentReport {
  experiment: Experiment; computedAt: string; observedUntil: string;
  exclusions: { multipleVariations: number; burnIn: number };
  engine: AnalysisSettings['engine']; difference: AnalysisSettings['difference']; alpha: number; correction: AnalysisSettings['correction'];
  srm: { pValue: number | null; mismatch: boolean; counts: number[]; expectedShares: number[] };
  sequential: { enabled: boolean; mayStopEarly: boolean; note: Bilingual };
  metrics: MetricResult[];
  decision: Decision; winner: string | null; verdict: Bilingual;
}

/** The platforms a flag rule (or an experiment) can target, in the order forms list them. */
export const PLATFORMS = ['douyin', 'kuaishou', 'wechat_channels', 'tiktok', 'xiaohongshu', 'miniprogram', 'web', 'other'] as const;
/** The consent purposes targeting can require. */
export const CONSENT_PURPOSES = ['personalization', 'marketing', 'analytics'] as const;

/** Who a flag rule applies to (the same targeting as experiments; the dashboard edits platforms and consent). */
export interface FlagTargeting { platforms?: string[]; consent?: string[]; segments?: string[]; condition?: Record<string, unknown> }
/** One flag rule: the first whose targeting matches (and whose coverage admits the person) decides the value. */
export interface FlagRule { targeting: FlagTargeting; value: unknown; coverage?: number }
/** The body of `PUT /v1/flags/{key}`. */
export interface FlagInput { description: string; enabled: boolean; defaultValue: unknown; rules: FlagRule[] }
/** A feature flag (`GET /v1/flags`): a default value and ordered targeting rules. */
export interface FeatureFlag { key: string; description: string; enabled: boolean; defaultValue: unknown; rules: FlagRule[]; updatedAt: number }

export type OrderState = 'reserved' | 'paid' | 'picked' | 'shipped' | 'in_transit' | 'delivered' | 'cancelled' | 'expired' | 'refunded';

/** How a missed ship-by promise was made good (recorded once, by the order sweeper). */
export interface OrderCompensation { kind: 'coupon' | 'credit'; amountFen: number; reason: 'ship_by_breach'; promiseDue: number; at: number }

/** An order as `GET /v1/orders` and the overdue board send it. Money integer fen, times epoch ms. */
export interface Order {
  id: string; buyer: string; saleId: string | null; state: OrderState; amountFen: number; currency: string;
  allocations: { sku: string; warehouse: string; quantity: number }[];
  createdAt: number; paidAt: number | null;
  /** Ship-by time, set when paid. */
  promiseDue: number | null; shippedAt: number | null; compensation: OrderCompensation | null;
}

/** `GET /v1/orders/overdue`: paid orders past their ship-by time and those due within `withinHours`, by promiseDue; `now` is the server's clock. */
export interface OverdueBoard { now: number; withinHours: number; overdue: Order[]; atRisk: Order[]; compensatedFen: number }

/** A live sale (`GET /v1/sales`, newest first). */
export interface Sale {
  id: string; name: string; skus: string[]; perBuyerLimit: number | null; paymentTimeoutMs: number; shipWithinHours: number;
  compensation: { kind: 'coupon' | 'credit'; percent: number; minFen: number; maxFen: number };
  opensAt: number; closesAt: number | null; createdAt: number;
}

/** `GET /v1/sales/:id`: the sale and the stock of its SKUs (bundles as their parts), one row per SKU and warehouse. */
export interface SaleStock { sale: Sale; stock: { sku: string; warehouse: string; available: number; reserved: number; sold: number }[] }

export {
  evaluate, seasonalHistory, seriesKeyOf, detectorConfig, DEFAULT_DETECTOR_CONFIG,
  type DetectorConfig, type DetectorScope, type EvaluateInput, type Evaluation, type FunnelBucket, type SeriesTransition,
} from './domain/detector.js';
export {
  FUNNEL_NODES, FUNNEL_STEPS, DEFAULT_RULE_SETTINGS, defaultRules, ruleIdOf, evaluateCountRule, evaluateRateRule,
  type AlertRule, type AlertMetric, type AlertDirection, type RuleSettings, type RuleEvaluation, type RuleStatus,
  type FunnelNode, type FunnelStep, type FunnelCounts,
} from './domain/rules.js';
export {
  countBaseline, rateBaseline, hourOfWeekKey, liveMinuteKey, minutesSinceStart, medianAbsoluteDeviation,
  MAD_TO_SIGMA, DEFAULT_TZ_OFFSET_MINUTES, type CountBaseline, type RateBaseline, type RateSample, type InsufficientHistory,
} from './domain/baseline.js';
export {
  step, acknowledge, isActiveAlert, INACTIVE,
  type AlertState, type AlertStatus, type AlertTiming, type AlertReading, type AlertTransition, type StepResult,
} from './domain/alert-state.js';
export {
  diagnose, CONVERSION_KINDS, type Diagnosis, type DiagnosisKind, type StepDrop, type InventorySignal, type Bilingual,
} from './domain/diagnosis.js';
export {
  poissonLowerTail, poissonUpperTail, binomialLowerTail, binomialUpperTail, EXACT_VARIANCE_LIMIT,
} from './domain/significance.js';
export {
  replay, syntheticSeries, sampleFunnelCounts, withStepFactor, LIVE_PROFILE, FEED_PROFILE,
  type FunnelProfile, type ReplayOptions, type ReplayStep,
} from './domain/synthetic-series.js';
export { AlertsService, type ScopeInput, type AlertView, type AlertChange, type AlertChangeKind } from './alerts.service.js';
export type { AlertsStore, AlertRecord } from './alerts.store.js';

/**
 * The experiments module (issue 6): experiments and feature flags, GrowthBook-compatible assignment,
 * the exposure log, metrics from the event store, the statistics engine and reports. See README.md.
 */
export { ExperimentsService, type ExperimentsOptions, type AssignRequest, type AssignResult, type ExposureSink } from './experiments.service.js';
export { ExperimentReports, type ExperimentReport, type PersonResolver } from './report.service.js';
export type { ExperimentsStore } from './experiments.store.js';
export {
  DEFAULT_ANALYSIS, DEFAULT_GUARDRAILS, METRIC_KINDS, validateExperiment, buildExperiment,
  type Experiment, type ExperimentInput, type RatioPart, type ExperimentStatus, type MetricDef, type GuardrailDef, type Variation, type Design, type Targeting, type AnalysisSettings, type MetricKind,
} from './domain/experiment.js';
export type { Flag, FlagInput, FlagRule } from './domain/flag.js';
export { assignExperiment, evaluateFlag, type AssignAttributes, type Assignment } from './domain/assign.js';
export { analyseExperiment, SRM_THRESHOLD, type ExperimentAnalysis, type MetricResult, type Comparison, type Decision, type AnalysisInput } from './domain/analysis.js';
export type { Bilingual, Outcome } from './domain/verdict.js';
export { TableCollector, type TableSpec, type TableMoments } from './domain/table-analysis.js';
export { hashFor, chooseVariation, getBucketRanges, runExperiment } from './domain/assignment/index.js';
export { readSnippetSource } from './snippet/snippet-source.js';

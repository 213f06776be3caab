/**
 * GrowthBook-compatible experiment assignment: hashing, bucket ranges, namespaces, the targeting
 * condition language and full experiment runs. Pure (no I/O, no clock, no randomness); validated
 * against GrowthBook's published SDK cases (assignment.cases.test.ts).
 */
export { hashFnv32a, hashFor } from './hash.js';
export { chooseVariation, chooseWeightedVariation, getBucketRanges, getEqualWeights, inNamespace, inRange, type Namespace, type VariationRange } from './buckets.js';
export { evalCondition, type Attributes, type Condition, type SavedGroups } from './condition.js';
export { encodeVersion } from './version-string.js';
export { getQueryStringOverride } from './query-override.js';
export { resolveHashIdentity, type HashIdentity } from './hash-identity.js';
export { isFilteredOut, type ExperimentFilter } from './filters.js';
export { evaluateFeatureValue, type FeatureDefinition, type FeatureRule } from './parent-feature.js';
export {
  runExperiment,
  type AssignableExperiment,
  type AssignmentContext,
  type AssignmentResult,
  type ParentCondition,
} from './run.js';

/**
 * Runs one experiment for one unit, GrowthBook-compatible: the same inputs give the same variation as
 * GrowthBook's SDKs (checked against its published `run` cases).
 *
 * Order of checks (the first that applies decides):
 * 1. fewer than 2 variations, or `context.enabled === false` → not in the experiment;
 * 2. `?key=N` in `context.url` → forced N (hash not used);
 * 3. `context.forcedVariations[key]` → forced (hash not used);
 * 4. `status: 'draft'` or `active: false` → not in;
 * 5. no hash attribute value (missing, null, '') → not in;
 * 6. `filters` (namespace is then ignored) or `namespace` excludes the unit → not in;
 * 7. `condition` fails (with `context.savedGroups`) → not in;
 * 8. a `parentConditions` prerequisite fails (see parent-feature.ts for what is evaluated) → not in;
 * 9. hash (`seed` default key, `hashVersion` default 1) outside every range → not in. Ranges are
 *    `ranges` when given (coverage and weights ignored), else from `coverage` and `weights`;
 * 10. `force` set → that variation (coverage above still applies), hash not used;
 * 11. `context.qaMode` → not in; `status: 'stopped'` → not in;
 * 12. otherwise the hashed variation: in the experiment, hash used.
 * A unit not in the experiment gets variation 0 (the control's value). Not supported (GrowthBook
 * client-side features): sticky bucketing, URL targeting, `include` callbacks, tracking.
 */
import { chooseVariation, chooseWeightedVariation, inNamespace, type Namespace, type VariationRange } from './buckets.js';
import { evalCondition, type Attributes, type Condition, type SavedGroups } from './condition.js';
import { hashFor } from './hash.js';
import { resolveHashIdentity, type HashIdentity } from './hash-identity.js';
import { isFilteredOut, type ExperimentFilter } from './filters.js';
import { evaluateFeatureValue, type FeatureDefinition } from './parent-feature.js';
import { getQueryStringOverride } from './query-override.js';

/** A prerequisite: feature `id`'s value, as `{ value }`, must satisfy `condition`. */
export interface ParentCondition {
  readonly id: string;
  readonly condition: Condition;
  /** Accepted for GrowthBook compatibility; an experiment's failing prerequisite always excludes the unit. */
  readonly gate?: boolean | undefined;
}

/** An experiment as GrowthBook's SDKs receive it. `variations` holds each arm's value (the first is the control). */
export interface AssignableExperiment<T = unknown> {
  readonly key: string;
  readonly variations: readonly T[];
  /** One per variation, summing to 1 (± 0.01), else equal weights. */
  readonly weights?: readonly number[] | undefined;
  /** Share of units included, [0, 1] (default 1). */
  readonly coverage?: number | undefined;
  readonly active?: boolean | undefined;
  readonly status?: 'draft' | 'running' | 'stopped' | undefined;
  /** Forces a variation index for everyone within coverage (no hashing); invalid indices mean "not in". */
  readonly force?: number | undefined;
  readonly condition?: Condition | undefined;
  readonly parentConditions?: readonly ParentCondition[] | undefined;
  readonly namespace?: Namespace | undefined;
  readonly filters?: readonly ExperimentFilter[] | undefined;
  /** Explicit variation ranges; when set, `coverage` and `weights` are ignored. */
  readonly ranges?: readonly VariationRange[] | undefined;
  /** Attribute hashed (default 'id'); `fallbackAttribute` is used when it is empty. */
  readonly hashAttribute?: string | undefined;
  readonly fallbackAttribute?: string | undefined;
  /** Hash seed (default: the key). */
  readonly seed?: string | undefined;
  /** 1 (default) or 2; an unknown version puts nobody in the experiment. */
  readonly hashVersion?: number | undefined;
}

/** Who is being assigned and under which switches. */
export interface AssignmentContext {
  readonly attributes?: Attributes | undefined;
  /** false turns every experiment off. */
  readonly enabled?: boolean | undefined;
  /** The page URL, when query-string forcing (`?key=N`) is wanted; omit it on the server. */
  readonly url?: string | undefined;
  /** Experiment key → forced variation index. */
  readonly forcedVariations?: Readonly<Record<string, number>> | undefined;
  /** QA mode: only forced variations apply. */
  readonly qaMode?: boolean | undefined;
  /** Features for `parentConditions` prerequisites. */
  readonly features?: Readonly<Record<string, FeatureDefinition>> | undefined;
  readonly savedGroups?: SavedGroups | undefined;
}

/** The outcome of one assignment. */
export interface AssignmentResult<T = unknown> {
  /** The variation's value (undefined only when the experiment has no variations). */
  readonly value: T | undefined;
  /** Variation index; 0 when not in the experiment. */
  readonly variationId: number;
  readonly inExperiment: boolean;
  /** True when the variation came from hashing (false when forced or not in the experiment). */
  readonly hashUsed: boolean;
  readonly hashAttribute: string;
  readonly hashValue: string;
  /** The unit's hash in [0, 1), present when hashing decided the variation. */
  readonly bucket?: number;
}

/**
 * Assigns a unit to a variation of an experiment. Pure and deterministic. See the module comment for
 * the order of checks.
 * @example runExperiment({ attributes: { id: '1' } }, { key: 'my-test', variations: ['a', 'b'] })
 *   // { value: 'b', variationId: 1, inExperiment: true, hashUsed: true, hashAttribute: 'id', hashValue: '1', bucket: 0.969 }
 */
export function runExperiment<T>(context: AssignmentContext, experiment: AssignableExperiment<T>): AssignmentResult<T> {
  const identity = resolveHashIdentity(context.attributes, experiment.hashAttribute, experiment.fallbackAttribute);
  const numVariations = experiment.variations.length;
  const notIn = (): AssignmentResult<T> => buildResult(experiment, identity, -1, false);
  if (numVariations < 2 || context.enabled === false) return notIn();

  if (context.url !== undefined) {
    const forced = getQueryStringOverride(experiment.key, context.url, numVariations);
    if (forced !== null) return buildResult(experiment, identity, forced, false);
  }
  const forcedVariations = context.forcedVariations;
  if (forcedVariations !== undefined && Object.hasOwn(forcedVariations, experiment.key)) {
    return buildResult(experiment, identity, forcedVariations[experiment.key] ?? -1, false);
  }
  if (experiment.status === 'draft' || experiment.active === false) return notIn();
  if (identity.hashValue === '') return notIn();
  if (!passesTargeting(context, experiment, identity)) return notIn();

  const seed = experiment.seed !== undefined && experiment.seed !== '' ? experiment.seed : experiment.key;
  const n = hashFor(seed, identity.hashValue, experiment.hashVersion || 1);
  if (n === null) return notIn();
  const assigned = experiment.ranges !== undefined
    ? chooseVariation(n, experiment.ranges)
    : chooseWeightedVariation(n, numVariations, experiment.coverage ?? 1, experiment.weights);
  if (assigned < 0) return notIn();

  if (experiment.force !== undefined) return buildResult(experiment, identity, experiment.force, false);
  if (context.qaMode === true || experiment.status === 'stopped') return notIn();
  return buildResult(experiment, identity, assigned, true, n);
}

/** Filters or namespace, then the condition, then prerequisites. */
function passesTargeting(context: AssignmentContext, experiment: AssignableExperiment<unknown>, identity: HashIdentity): boolean {
  if (experiment.filters !== undefined) {
    if (isFilteredOut(context.attributes, experiment.filters)) return false;
  } else if (experiment.namespace !== undefined && !inNamespace(identity.hashValue, experiment.namespace)) {
    return false;
  }
  const attributes = context.attributes ?? {};
  if (experiment.condition !== undefined && !evalCondition(attributes, experiment.condition, context.savedGroups)) return false;
  for (const parent of experiment.parentConditions ?? []) {
    const value = evaluateFeatureValue(parent.id, context.features, context.attributes, context.savedGroups);
    if (!evalCondition({ value }, parent.condition, context.savedGroups)) return false;
  }
  return true;
}

/** Builds a result; an index outside the variations means "not in the experiment" with variation 0. */
function buildResult<T>(
  experiment: AssignableExperiment<T>,
  identity: HashIdentity,
  variationId: number,
  hashUsed: boolean,
  bucket?: number,
): AssignmentResult<T> {
  const valid = Number.isInteger(variationId) && variationId >= 0 && variationId < experiment.variations.length;
  const index = valid ? variationId : 0;
  const value = experiment.variations[index];
  const { hashAttribute, hashValue } = identity;
  // Two literal shapes rather than a spread: this runs once per assignment.
  return bucket === undefined
    ? { value, variationId: index, inExperiment: valid, hashUsed: valid && hashUsed, hashAttribute, hashValue }
    : { value, variationId: index, inExperiment: valid, hashUsed: valid && hashUsed, hashAttribute, hashValue, bucket };
}

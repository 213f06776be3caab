/**
 * Just enough of GrowthBook's feature evaluation to check an experiment's prerequisites
 * (`parentConditions`): a feature's value from its default and its force rules.
 *
 * Supported: `defaultValue`; rules with `force`, an optional `condition` (with saved groups) and an
 * optional rollout (`coverage`, or `range`, hashed with `seed` (default: the feature id),
 * `hashAttribute`/`fallbackAttribute` and `hashVersion` (default 1), as GrowthBook rolls out) and
 * optional hash-range `filters`. Not supported, and skipped as if they did not match: experiment rules
 * (`variations`) and rules with their own `parentConditions` (so prerequisites never nest and cannot
 * cycle). An unknown feature's value is null.
 */
import { inRange, type VariationRange } from './buckets.js';
import { evalCondition, type Attributes, type Condition, type SavedGroups } from './condition.js';
import { isFilteredOut, type ExperimentFilter } from './filters.js';
import { hashFor } from './hash.js';
import { resolveHashIdentity } from './hash-identity.js';

/** One rule of a feature; only force rules are evaluated (see the module comment). */
export interface FeatureRule {
  readonly condition?: Condition | undefined;
  readonly force?: unknown;
  readonly coverage?: number | undefined;
  readonly range?: VariationRange | undefined;
  readonly seed?: string | undefined;
  readonly hashAttribute?: string | undefined;
  readonly fallbackAttribute?: string | undefined;
  readonly hashVersion?: number | undefined;
  /** Present on experiment rules, which are skipped. */
  readonly variations?: readonly unknown[] | undefined;
  /** Present on rules with prerequisites, which are skipped. */
  readonly parentConditions?: readonly unknown[] | undefined;
  /** Hash-range filters the unit must pass. */
  readonly filters?: readonly ExperimentFilter[] | undefined;
}

/** A feature flag definition, GrowthBook-shaped. */
export interface FeatureDefinition {
  readonly defaultValue?: unknown;
  readonly rules?: readonly FeatureRule[] | undefined;
}

/**
 * The value of feature `id` for these attributes: the first applicable force rule's `force`, else the
 * feature's `defaultValue`, else null (also for an unknown feature).
 */
export function evaluateFeatureValue(
  id: string,
  features: Readonly<Record<string, FeatureDefinition>> | undefined,
  attributes: Attributes | undefined,
  savedGroups: SavedGroups | undefined,
): unknown {
  const feature = features !== undefined && Object.hasOwn(features, id) ? features[id] : undefined;
  if (feature === undefined) return null;
  for (const rule of feature.rules ?? []) {
    if (!isSupportedForceRule(rule)) continue;
    if (rule.filters !== undefined && isFilteredOut(attributes, rule.filters)) continue;
    if (rule.condition !== undefined && !evalCondition(attributes ?? {}, rule.condition, savedGroups)) continue;
    if (!isIncludedInRollout(id, rule, attributes)) continue;
    return rule.force;
  }
  return feature.defaultValue === undefined ? null : feature.defaultValue;
}

function isSupportedForceRule(rule: FeatureRule): boolean {
  return 'force' in rule && rule.variations === undefined && rule.parentConditions === undefined;
}

/** GrowthBook's rollout check: a range wins over coverage; coverage includes hashes up to and including it. */
function isIncludedInRollout(featureId: string, rule: FeatureRule, attributes: Attributes | undefined): boolean {
  if (rule.range === undefined && rule.coverage === undefined) return true;
  if (rule.range === undefined && rule.coverage === 0) return false;
  const { hashValue } = resolveHashIdentity(attributes, rule.hashAttribute, rule.fallbackAttribute);
  if (hashValue === '') return false;
  const seed = rule.seed !== undefined && rule.seed !== '' ? rule.seed : featureId;
  const n = hashFor(seed, hashValue, rule.hashVersion || 1);
  if (n === null) return false;
  if (rule.range !== undefined) return inRange(n, rule.range);
  return rule.coverage === undefined || n <= rule.coverage;
}

/**
 * GrowthBook's language-neutral SDK cases (shared dataset `growthbook-sdk-cases`, see its SOURCE.md),
 * run against our implementation. Each section collects every mismatch, so a failure names the cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '../../../../../test/harness/data-dir.js';
import {
  chooseVariation,
  evalCondition,
  evaluateFeatureValue,
  getBucketRanges,
  getEqualWeights,
  getQueryStringOverride,
  hashFor,
  inNamespace,
  runExperiment,
  type AssignableExperiment,
  type AssignmentContext,
  type Condition,
  type FeatureDefinition,
  type Namespace,
  type SavedGroups,
  type VariationRange,
} from './index.js';

interface GrowthBookCases {
  hash: [seed: string, value: string, version: number, expected: number | null][];
  getBucketRange: [name: string, args: [number, number, number[] | null], expected: VariationRange[]][];
  chooseVariation: [name: string, n: number, ranges: VariationRange[], expected: number][];
  inNamespace: [name: string, id: string, namespace: Namespace, expected: boolean][];
  getEqualWeights: [n: number, expected: number[]][];
  evalCondition: [name: string, condition: Condition, attributes: unknown, expected: boolean, savedGroups?: SavedGroups][];
  run: [name: string, context: AssignmentContext, experiment: AssignableExperiment, value: unknown, inExperiment: boolean, hashUsed: boolean][];
  getQueryStringOverride: [name: string, key: string, url: string, numVariations: number, expected: number | null][];
  feature: [name: string, context: AssignmentContext, key: string, expected: { value: unknown; source: string }][];
}

const dir = dataset('growthbook-sdk-cases');
const cases = dir === undefined ? undefined : (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as GrowthBookCases);
/** The sections, once the dataset is known to be present (each `it` is skipped otherwise). */
const all = (): GrowthBookCases => cases as GrowthBookCases;

/** GrowthBook's own suite compares floats after flooring to 8 decimals; so do we. */
const floor8 = (n: number): number => Math.floor(n * 1e8) / 1e8;
const floorRanges = (ranges: readonly VariationRange[]): number[][] => ranges.map((r) => [floor8(r[0]), floor8(r[1])]);

/**
 * Feature cases that parent-feature.ts evaluates in full: force rules only (with condition, rollout,
 * filters), plus defaults and unknown features. Experiment rules and prerequisites are out of scope.
 */
const FEATURE_RULE_KEYS = new Set(['id', 'force', 'condition', 'coverage', 'range', 'seed', 'hashVersion', 'hashAttribute', 'filters']);

describe('GrowthBook SDK cases', () => {
  it.skipIf(dir === undefined)('hash: every case, exactly', () => {
    const bad = all().hash
      .map(([seed, value, version, expected]) => ({ seed, value, version, expected, got: hashFor(seed, value, version) }))
      .filter((c) => c.got !== c.expected);
    expect(bad).toEqual([]);
    expect(all().hash).toHaveLength(15);
  });

  it.skipIf(dir === undefined)('getBucketRange: every case (floored to 8 decimals, as GrowthBook compares)', () => {
    const bad = all().getBucketRange
      .map(([name, [n, coverage, weights], expected]) => ({ name, expected: floorRanges(expected), got: floorRanges(getBucketRanges(n, coverage, weights)) }))
      .filter((c) => JSON.stringify(c.got) !== JSON.stringify(c.expected));
    expect(bad).toEqual([]);
    expect(all().getBucketRange).toHaveLength(13);
  });

  it.skipIf(dir === undefined)('chooseVariation: every case', () => {
    const bad = all().chooseVariation
      .map(([name, n, ranges, expected]) => ({ name, expected, got: chooseVariation(n, ranges) }))
      .filter((c) => c.got !== c.expected);
    expect(bad).toEqual([]);
    expect(all().chooseVariation).toHaveLength(13);
  });

  it.skipIf(dir === undefined)('inNamespace: every case', () => {
    const bad = all().inNamespace
      .map(([name, id, namespace, expected]) => ({ name, expected, got: inNamespace(id, namespace) }))
      .filter((c) => c.got !== c.expected);
    expect(bad).toEqual([]);
    expect(all().inNamespace).toHaveLength(16);
  });

  it.skipIf(dir === undefined)('getEqualWeights: every case (floored to 8 decimals)', () => {
    const bad = all().getEqualWeights
      .map(([n, expected]) => ({ n, expected: expected.map(floor8), got: getEqualWeights(n).map(floor8) }))
      .filter((c) => JSON.stringify(c.got) !== JSON.stringify(c.expected));
    expect(bad).toEqual([]);
    expect(all().getEqualWeights).toHaveLength(6);
  });

  it.skipIf(dir === undefined)('evalCondition: every case, no exclusions', () => {
    const bad = all().evalCondition
      .map(([name, condition, attributes, expected, savedGroups], index) => ({ index, name, expected, got: evalCondition(attributes, condition, savedGroups) }))
      .filter((c) => c.got !== c.expected);
    expect(bad).toEqual([]);
    expect(all().evalCondition).toHaveLength(248);
  });

  it.skipIf(dir === undefined)('run: every case (value, inExperiment, hashUsed), no exclusions', () => {
    const bad = all().run
      .map(([name, context, experiment, value, inExperiment, hashUsed]) => {
        const r = runExperiment(context, experiment);
        return { name, expected: { value, inExperiment, hashUsed }, got: { value: r.value, inExperiment: r.inExperiment, hashUsed: r.hashUsed } };
      })
      .filter((c) => JSON.stringify(c.got) !== JSON.stringify(c.expected));
    expect(bad).toEqual([]);
    expect(all().run).toHaveLength(73);
  });

  it.skipIf(dir === undefined)('getQueryStringOverride: every case', () => {
    const bad = all().getQueryStringOverride
      .map(([name, key, url, numVariations, expected]) => ({ name, expected, got: getQueryStringOverride(key, url, numVariations) }))
      .filter((c) => c.got !== c.expected);
    expect(bad).toEqual([]);
    expect(all().getQueryStringOverride).toHaveLength(16);
  });

  it.skipIf(dir === undefined)('feature: the force-rule cases give the value prerequisites see', () => {
    const inScope = all().feature.filter(([, context, key, expected]) => {
      const rules = context.features?.[key]?.rules ?? [];
      return ['force', 'defaultValue', 'unknownFeature'].includes(expected.source)
        && rules.every((rule) => Object.keys(rule).every((k) => FEATURE_RULE_KEYS.has(k)));
    });
    const bad = inScope
      .map(([name, context, key, expected]) => ({
        name,
        expected: expected.value,
        got: evaluateFeatureValue(key, context.features as Record<string, FeatureDefinition> | undefined, context.attributes, context.savedGroups),
      }))
      .filter((c) => JSON.stringify(c.got) !== JSON.stringify(c.expected));
    expect(bad).toEqual([]);
    expect(inScope.length).toBeGreaterThanOrEqual(25);
  });
});

import type { Targeting } from './experiment.js';

/**
 * Feature flags (issue 6): a default value and ordered rules; the first rule whose targeting matches
 * (and whose coverage bucket admits the person) decides the value. Same targeting as experiments.
 */

/** One rule: who (targeting), what value, and the share of matching persons it applies to. */
export interface FlagRule {
  readonly targeting: Targeting;
  readonly value: unknown;
  /** Share of matching persons (GrowthBook hash of the flag key and person, version 2); default 1. */
  readonly coverage?: number | undefined;
}

export interface FlagInput {
  readonly key: string;
  readonly description?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly defaultValue: unknown;
  readonly rules?: readonly FlagRule[] | undefined;
}

export interface Flag {
  readonly tenant: string;
  readonly key: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly defaultValue: unknown;
  readonly rules: readonly FlagRule[];
  readonly updatedAt: number;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

/** Every problem of a flag definition (empty when valid). */
export function validateFlag(input: FlagInput): string[] {
  const problems: string[] = [];
  if (typeof input.key !== 'string' || !KEY.test(input.key)) problems.push('key must be 1–80 letters, digits, _ . - starting with a letter or digit');
  if (!('defaultValue' in input) || input.defaultValue === undefined) problems.push('defaultValue is required (any JSON value)');
  const rules = input.rules ?? [];
  if (!Array.isArray(rules) || rules.length > 50) problems.push('rules must be a list of at most 50 rules');
  else rules.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || r.value === undefined) problems.push(`rules[${i}].value is required`);
    if (r?.coverage !== undefined && !(r.coverage >= 0 && r.coverage <= 1)) problems.push(`rules[${i}].coverage must be in [0, 1]`);
  });
  return problems;
}

/** The stored form of a valid input. */
export function buildFlag(input: FlagInput, tenant: string, updatedAt: number): Flag {
  return {
    tenant, key: input.key, description: input.description ?? '', enabled: input.enabled ?? true, defaultValue: input.defaultValue,
    rules: (input.rules ?? []).map((r) => ({ targeting: r.targeting ?? {}, value: r.value, ...(r.coverage !== undefined ? { coverage: r.coverage } : {}) })),
    updatedAt,
  };
}

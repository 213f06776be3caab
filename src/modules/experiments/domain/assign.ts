import { evalCondition, runExperiment } from './assignment/index.js';
import type { Experiment, Targeting } from './experiment.js';
import type { Flag } from './flag.js';
import { hashFor } from './assignment/index.js';

/**
 * Who gets which variation (issue 6): Reelpath's experiment definitions mapped onto GrowthBook's
 * assignment (FNV-1a, 10,000 buckets, namespaces), so an SDK that hashes the same attribute agrees.
 * Pure: the caller resolves the person and gives the time.
 */

/** What is known about the person at assignment: their id and the attributes targeting reads. */
export interface AssignAttributes {
  /** GrowthBook's `id`: the identity key the visitor came with (stable per device), the hash attribute of person-randomised experiments. */
  readonly id: string;
  readonly platform?: string | undefined;
  /** RFM layer of the person, when known. */
  readonly segment?: string | undefined;
  /** Consent purposes the person has granted. */
  readonly consent?: readonly string[] | undefined;
  readonly creatorId?: string | undefined;
  readonly liveId?: string | undefined;
  /** Anything else the caller sends, for GrowthBook conditions. */
  readonly [attribute: string]: unknown;
}

/** One experiment's answer for one person. */
export interface Assignment {
  readonly experimentId: string;
  readonly key: string;
  /** Variation key, or null when the person is not in the experiment (they get the control's value). */
  readonly variation: string | null;
  readonly variationIndex: number;
  readonly value: unknown;
  readonly inExperiment: boolean;
  /** The unit of a switchback slot (`<liveId>#<slot>`) or a cluster id; '' for persons. */
  readonly unit: string;
  readonly cluster: string;
}

/** Whether the attributes pass the targeting (platform, segment, consent, GrowthBook condition). */
export function matchesTargeting(t: Targeting, a: AssignAttributes): boolean {
  if (t.platforms && t.platforms.length > 0 && !(a.platform !== undefined && t.platforms.includes(a.platform))) return false;
  if (t.segments && t.segments.length > 0 && !(a.segment !== undefined && t.segments.includes(a.segment))) return false;
  if (t.consent && t.consent.some((purpose) => !(a.consent ?? []).includes(purpose))) return false;
  if (t.condition && !evalCondition(a as Record<string, unknown>, t.condition)) return false;
  return true;
}

const notIn = (e: Experiment, unit = '', cluster = ''): Assignment => ({
  experimentId: e.id, key: e.key, variation: null, variationIndex: 0, value: e.variations[0]?.value ?? null, inExperiment: false, unit, cluster,
});

/** The hash attribute and unit of an experiment's design for these attributes at `now`. */
function unitOf(e: Experiment, a: AssignAttributes, now: number): { attribute: string; value: string; unit: string; cluster: string } | undefined {
  const d = e.design;
  if (d.kind === 'person') return { attribute: 'id', value: a.id, unit: '', cluster: '' };
  if (d.kind === 'cluster') {
    const id = a[d.by];
    return typeof id === 'string' && id !== '' ? { attribute: d.by, value: id, unit: '', cluster: id } : undefined;
  }
  if (typeof a.liveId !== 'string' || a.liveId === '') return undefined;
  const slot = `${a.liveId}#${Math.floor(now / (d.slotMinutes * 60_000))}`;
  return { attribute: 'slot', value: slot, unit: slot, cluster: slot };
}

/**
 * Assigns one person. Running experiments hash; a shipped one gives everyone the shipped value (not an
 * exposure); drafts and stopped ones give the control's value.
 */
export function assignExperiment(e: Experiment, a: AssignAttributes, now: number): Assignment {
  if (e.status === 'shipped' && e.shippedVariation !== null) {
    const v = e.variations[e.shippedVariation];
    return { ...notIn(e), variation: v?.key ?? null, variationIndex: e.shippedVariation, value: v?.value ?? null };
  }
  if (e.status !== 'running') return notIn(e);
  const u = unitOf(e, a, now);
  if (!u) return notIn(e);
  if (!matchesTargeting({ ...e.targeting, condition: undefined }, a)) return notIn(e, u.unit, u.cluster);
  const attributes: Record<string, unknown> = { ...a, [u.attribute]: u.value };
  const result = runExperiment({ attributes }, {
    key: e.key, variations: e.variations.map((_, i) => i), weights: e.variations.map((v) => v.weight), coverage: e.coverage,
    hashAttribute: u.attribute, hashVersion: e.hashVersion, seed: e.seed,
    ...(e.namespace ? { namespace: [...e.namespace] as [string, number, number] } : {}),
    ...(e.targeting.condition ? { condition: e.targeting.condition } : {}),
  });
  if (!result.inExperiment) return notIn(e, u.unit, u.cluster);
  const index = result.variationId;
  const v = e.variations[index];
  return { experimentId: e.id, key: e.key, variation: v?.key ?? null, variationIndex: index, value: v?.value ?? null, inExperiment: true, unit: u.unit, cluster: u.cluster };
}

/** A flag's value for a person: the first matching rule whose coverage admits them, else the default. */
export function evaluateFlag(f: Flag, a: AssignAttributes): unknown {
  if (!f.enabled) return f.defaultValue;
  for (const rule of f.rules) {
    if (!matchesTargeting(rule.targeting, a)) continue;
    if (rule.coverage !== undefined && rule.coverage < 1 && (hashFor(f.key, a.id, 2) ?? 1) >= rule.coverage) continue;
    return rule.value;
  }
  return f.defaultValue;
}

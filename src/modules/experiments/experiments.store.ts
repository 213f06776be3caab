import type { Experiment } from './domain/experiment.js';
import type { Flag } from './domain/flag.js';

/** One exposure: a person saw a variation, first at `ts`. Recorded once per (experiment, person, unit). */
export interface Exposure {
  readonly tenant: string;
  readonly experimentId: string;
  readonly personId: string;
  /** The identity key the person was assigned under (`user:42`, `anon:…`): analysis maps it to the person it belongs to now, so a later merge keeps the exposure. */
  readonly key: string;
  /** '' for person and cluster designs; the time slot (`<liveId>#<slot>`) in switchback designs. */
  readonly unit: string;
  /** The cluster the person was exposed in (creator or live room; switchback: the slot), or ''. */
  readonly cluster: string;
  readonly variation: number;
  readonly ts: number;
}

/** The experiments port: definitions, flags and the exposure log. Contract: `store/experiments.store.contract.test.ts`. */
export interface ExperimentsStore {
  init(): Promise<void>;
  /** Stores a new experiment; false when the tenant already has one with that key. */
  insert(experiment: Experiment): Promise<boolean>;
  /** Replaces a stored experiment (same tenant and id). */
  update(experiment: Experiment): Promise<void>;
  get(tenant: string, id: string): Promise<Experiment | undefined>;
  /** A tenant's experiments, newest first. */
  list(tenant: string): Promise<Experiment[]>;
  upsertFlag(flag: Flag): Promise<void>;
  flags(tenant: string): Promise<Flag[]>;
  deleteFlag(tenant: string, key: string): Promise<boolean>;
  /** Stores exposures; an exposure already recorded for (experiment, person, unit) is kept as first seen. Returns how many were new. */
  appendExposures(exposures: readonly Exposure[]): Promise<number>;
  /** One page of an experiment's exposures ordered by (personId, unit), after `after` (exclusive). */
  exposures(tenant: string, experimentId: string, page: { readonly after?: readonly [string, string] | undefined; readonly limit: number }): Promise<Exposure[]>;
  /** Exposed units per variation index. */
  exposureCounts(tenant: string, experimentId: string): Promise<Map<number, number>>;
  /** Erasure: deletes the exposures whose person id or identity key is one of `ids`, in every experiment; returns how many. */
  deleteExposuresOf(tenant: string, ids: readonly string[]): Promise<number>;
}

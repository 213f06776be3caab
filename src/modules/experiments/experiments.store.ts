import type { Experiment } from './domain/experiment.js';
import type { Flag } from './domain/flag.js';

/** The experiments port: definitions and flags (exposures are `exposure` events in the event store). Contract: `store/experiments.store.contract.test.ts`. */
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
}

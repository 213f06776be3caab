import type { PolicyVersion } from './domain/policy.js';

/** One item of a served slate, as logged. */
export interface ServedItem {
  readonly itemId: string;
  readonly position: number;
  /** Probability of this item at this position given the request and the items before it. */
  readonly propensity: number;
  readonly explored: boolean;
  readonly score: number;
}

/** A served recommendation request: who (or nobody, when non-personalised), where, under which policy, what. */
export interface ServedSlate {
  /** `rec_…`: clients echo it as `properties.recommendationId` on the events that follow. */
  readonly requestId: string;
  readonly tenant: string;
  readonly ts: number;
  readonly slot: string;
  /** Null in non-personalised mode: nothing personal is logged with the slate either. */
  readonly personId: string | null;
  readonly mode: 'personalised' | 'non_personalised';
  readonly policyVersion: number;
  readonly items: readonly ServedItem[];
}

/** The allocation port: immutable policy versions and the served-slate log. Contract: `store/allocation.store.contract.ts`. */
export interface AllocationStore {
  init(): Promise<void>;
  /** Stores a new version; false when that (tenant, version) exists already (a concurrent publish won). */
  insertPolicy(policy: PolicyVersion): Promise<boolean>;
  /** The newest version of a tenant, if any was published. */
  latestPolicy(tenant: string): Promise<PolicyVersion | undefined>;
  policy(tenant: string, version: number): Promise<PolicyVersion | undefined>;
  /** Versions newest first. */
  policies(tenant: string, limit: number): Promise<PolicyVersion[]>;
  appendServed(slates: readonly ServedSlate[]): Promise<void>;
  /** Served slates of a tenant in [from, to), oldest first. */
  served(tenant: string, range: { readonly from: number; readonly to: number; readonly limit: number }): Promise<ServedSlate[]>;
  /** Deletes the served slates of a person (erasure); returns how many. */
  deleteServedFor(tenant: string, personId: string): Promise<number>;
}

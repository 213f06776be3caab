import type { GraphView, LinkPlan } from './domain/link-planner.js';

/** A recorded merge or refusal, with its evidence. */
export interface MergeRecord {
  readonly id: string;
  readonly status: 'merged' | 'refused';
  readonly fromPerson: string | null;
  readonly intoPerson: string | null;
  readonly keyA: string;
  readonly keyB: string;
  readonly eventId: string;
  readonly source: string;
  readonly ts: number;
  readonly detail: string;
}

/** What erasing a person removed from the identity graph. */
export interface IdentityErasure { readonly keys: string[]; readonly edges: number; readonly merges: number }

/** The identity-graph port; `identity.store.contract.ts` runs it on every engine. */
export interface IdentityStore {
  init(): Promise<void>;
  /** Reads the graph around `keys`: their persons, neighbour counts and known pairs. */
  loadView(tenant: string, keys: readonly string[]): Promise<GraphView>;
  /** Applies a plan atomically; `newRecordId` names merge records. */
  applyPlan(tenant: string, plan: LinkPlan, now: number, newRecordId: () => string): Promise<void>;
  personOf(tenant: string, key: string): Promise<string | undefined>;
  keysOf(tenant: string, personId: string): Promise<string[]>;
  /** Every key → person of a tenant, for resolving events to persons in analysis. */
  allAssignments(tenant: string): Promise<Map<string, string>>;
  mergesOf(tenant: string, personId: string): Promise<MergeRecord[]>;
  /** Deletes a person's nodes, the edges touching them and the merge records naming them. */
  erasePerson(tenant: string, personId: string): Promise<IdentityErasure>;
}

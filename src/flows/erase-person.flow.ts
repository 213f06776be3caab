import type { EventsService } from '../modules/events/index.js';
import type { IdentityService } from '../modules/identity/index.js';
import type { ConsentService } from '../modules/privacy/index.js';
import type { AllocationService } from '../modules/allocation/index.js';
import type { RecommendService } from '../modules/recommend/index.js';

/** What an erasure removed, per store. */
export interface ErasureReport {
  readonly personId: string;
  readonly events: number;
  readonly identityKeys: string[];
  readonly identityEdges: number;
  readonly mergeRecords: number;
  readonly consentRecords: number;
  /** Served recommendation slates logged for the person. */
  readonly servedSlates: number;
}

export interface ErasureDeps {
  readonly events: EventsService;
  readonly identity: IdentityService;
  readonly consent: ConsentService;
  readonly recommend: RecommendService;
  readonly allocation: AllocationService;
}

/**
 * Erases a person everywhere they are stored: their events (by identity key and phone hash), their
 * consent records, their recommendation histories and served slates (experiment exposures are events), then their identity graph nodes,
 * edges and merge records. The trained models forget them at the next rebuild. Throws
 * `identity_person_not_found` (404) when the person is not this tenant's.
 */
export async function erasePerson(deps: ErasureDeps, tenant: string, personId: string): Promise<ErasureReport> {
  const person = await deps.identity.getPerson(tenant, personId);
  const phoneHashes = person.keys.filter((k) => k.startsWith('phone:')).map((k) => k.slice('phone:'.length));
  const events = await deps.events.deleteByIdentity(tenant, person.keys, phoneHashes);
  const consentRecords = await deps.consent.erase(tenant, person.keys);
  await deps.recommend.erase(tenant, person.keys);
  const servedSlates = await deps.allocation.erase(tenant, personId);
  const graph = await deps.identity.erase(tenant, personId);
  return { personId, events, identityKeys: graph.keys, identityEdges: graph.edges, mergeRecords: graph.merges, consentRecords, servedSlates };
}

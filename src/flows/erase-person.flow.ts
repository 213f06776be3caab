import type { EventsService } from '../modules/events/index.js';
import type { IdentityService } from '../modules/identity/index.js';
import type { ConsentService } from '../modules/privacy/index.js';

/** What an erasure removed, per store. */
export interface ErasureReport {
  readonly personId: string;
  readonly events: number;
  readonly identityKeys: string[];
  readonly identityEdges: number;
  readonly mergeRecords: number;
  readonly consentRecords: number;
}

/**
 * Erases a person everywhere they are stored: their events (by identity key and phone hash), their
 * consent records, then their identity graph nodes, edges and merge records. Throws
 * `identity_person_not_found` (404) when the person is not this tenant's.
 */
export async function erasePerson(deps: { events: EventsService; identity: IdentityService; consent: ConsentService }, tenant: string, personId: string): Promise<ErasureReport> {
  const person = await deps.identity.getPerson(tenant, personId);
  const phoneHashes = person.keys.filter((k) => k.startsWith('phone:')).map((k) => k.slice('phone:'.length));
  const events = await deps.events.deleteByIdentity(tenant, person.keys, phoneHashes);
  const consentRecords = await deps.consent.erase(tenant, person.keys);
  const graph = await deps.identity.erase(tenant, personId);
  return { personId, events, identityKeys: graph.keys, identityEdges: graph.edges, mergeRecords: graph.merges, consentRecords };
}

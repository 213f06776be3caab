import { AppError } from '../shared/errors/index.js';
import type { EventsService, Rejection } from '../modules/events/index.js';
import type { IdentityService } from '../modules/identity/index.js';
import type { ConsentService } from '../modules/privacy/index.js';
import type { MonitorService } from '../modules/monitor/index.js';
import type { RecommendService } from '../modules/recommend/index.js';
import { TenantsService, type Tenant } from '../modules/tenants/index.js';

/** The answer to one ingestion request. */
export interface IngestResponse {
  /** Items that are valid and now stored (including retries of events already stored). */
  readonly accepted: number;
  /** Of the accepted, how many were already stored before this request (idempotent replays). */
  readonly duplicates: number;
  readonly rejected: Rejection[];
}

export interface IngestDeps {
  readonly events: EventsService;
  readonly identity: IdentityService;
  readonly consent: ConsentService;
  readonly monitor: MonitorService;
  /** New events reach the recommender's live state at once (the feedback loop). */
  readonly recommend: RecommendService;
}

/**
 * Ingests one batch for a tenant: validate every item (bad items become rejections, good ones go on),
 * link identities, record consent, then store idempotently, and count the new ones in the live per-minute
 * monitor and the recommender's live state. Resolves once the accepted events are durable.
 */
export async function ingestBatch(deps: IngestDeps, tenant: Tenant, items: readonly unknown[]): Promise<IngestResponse> {
  if (items.length > deps.events.maxBatchSize) {
    throw new AppError('events_batch_too_large', `batch has ${items.length} events; the limit is ${deps.events.maxBatchSize}`, {
      details: { size: items.length, limit: deps.events.maxBatchSize },
    });
  }
  const checked = deps.events.check(tenant.id, items, TenantsService.pseudonymiser(tenant));
  // Identity and consent (transactional store) and the events (event store) are independent writes:
  // run them side by side. If one fails the request fails and the client retries; replays are idempotent.
  const [{ duplicates, fresh }] = await Promise.all([
    deps.events.store(checked.events),
    checked.events.length > 0 ? deps.identity.observe(tenant.id, checked.events) : undefined,
    checked.events.length > 0 ? deps.consent.recordFromEvents(tenant.id, checked.events) : undefined,
  ]);
  // The live per-minute counts see each event once: replays of stored events are left out.
  if (fresh.length > 0) {
    deps.monitor.observe(tenant.id, fresh);
    deps.recommend.observe(tenant.id, fresh);
  }
  return { accepted: checked.events.length, duplicates, rejected: checked.rejected };
}


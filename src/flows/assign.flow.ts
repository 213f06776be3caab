import { AppError } from '../shared/errors/index.js';
import type { Clock } from '../shared/time.js';
import { parseIdentityKey } from '../modules/events/index.js';
import type { AssignResult, ExperimentsService } from '../modules/experiments/index.js';
import type { IdentityService } from '../modules/identity/index.js';
import type { ConsentService } from '../modules/privacy/index.js';
import type { SegmentsService } from '../modules/segments/index.js';

export interface AssignDeps {
  readonly identity: IdentityService;
  readonly consent: ConsentService;
  readonly segments: SegmentsService;
  readonly experiments: ExperimentsService;
  readonly clock: Clock;
}

/** An assignment request as it arrives (query string or CLI flags). */
export interface RawAssignRequest {
  /** An identity key (`user:42`, `anon:…`, `openid:douyin:…`) or a person id (`per_…`). */
  readonly key?: string | undefined;
  readonly platform?: string | undefined;
  readonly creatorId?: string | undefined;
  readonly liveId?: string | undefined;
  readonly experiments?: string | undefined;
  readonly expose?: boolean | undefined;
  /** Extra attributes for GrowthBook conditions (`attr.city=hz` in the query string). */
  readonly attributes?: Readonly<Record<string, string>> | undefined;
}

const SHORT = /^[^\u0000-\u001f]{1,200}$/;
const LAYERS_TTL_MS = 10 * 60_000;
const layerCache = new WeakMap<SegmentsService, Map<string, { at: number; map: Promise<Map<string, string>> }>>();

function fail(message: string): never {
  throw new AppError('experiments_invalid_request', message);
}

/** RFM layers of a tenant, cached 10 minutes (a layer moves with weeks of orders, not seconds). */
function layersOf(deps: AssignDeps, tenant: string): Promise<Map<string, string>> {
  let byTenant = layerCache.get(deps.segments);
  if (!byTenant) { byTenant = new Map(); layerCache.set(deps.segments, byTenant); }
  const hit = byTenant.get(tenant);
  const now = deps.clock.now();
  if (hit && now - hit.at < LAYERS_TTL_MS) return hit.map;
  const map = deps.segments.layerMap(tenant) as Promise<Map<string, string>>;
  byTenant.set(tenant, { at: now, map });
  map.catch(() => byTenant.delete(tenant));
  return map;
}

/**
 * Assigns a visitor: the identity key is the hash attribute (stable per device, as GrowthBook SDKs
 * hash their id), the person it belongs to keys the exposure; consent and RFM layer are looked up only
 * when some live targeting reads them.
 */
export async function assignVisitor(deps: AssignDeps, tenant: string, raw: RawAssignRequest): Promise<AssignResult & { key: string }> {
  const key = raw.key ?? fail('key is required: an identity key such as user:42 or anon:abc, or a person id per_…');
  const isKey = parseIdentityKey(key) !== undefined;
  if (!isKey && !key.startsWith('per_')) fail(`key must be an identity key such as user:42 or a person id per_…, got ${key}`);
  for (const [name, value] of Object.entries({ platform: raw.platform, creatorId: raw.creatorId, liveId: raw.liveId, ...raw.attributes })) {
    if (value !== undefined && !SHORT.test(value)) fail(`${name} must be 1–200 printable characters`);
  }
  const experiments = raw.experiments === undefined || raw.experiments === '' ? undefined : raw.experiments.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const personId = isKey ? (await deps.identity.personOf(tenant, key)) ?? key : key;
  // A person id is hashed as given; its exposures are recorded under the person's strongest key.
  const exposureKey = isKey ? key : (await deps.identity.keysOf(tenant, key))[0];
  if (exposureKey === undefined) fail(`person ${key} is not known: assign by an identity key (anon:…, user:…) instead`);
  const needs = await deps.experiments.targetingNeeds(tenant);
  let consent: string[] | undefined;
  if (needs.consent) {
    const keys = personId.startsWith('per_') ? await deps.identity.keysOf(tenant, personId) : [key];
    const state = await deps.consent.stateOf(tenant, keys.length > 0 ? keys : [key]);
    consent = Object.entries(state).filter(([, s]) => s.state === 'granted').map(([purpose]) => purpose);
  }
  const segment = needs.segment ? (await layersOf(deps, tenant)).get(personId) : undefined;
  const attributes = {
    ...raw.attributes, id: key, personId,
    ...(raw.platform !== undefined ? { platform: raw.platform } : {}), ...(raw.creatorId !== undefined ? { creatorId: raw.creatorId } : {}),
    ...(raw.liveId !== undefined ? { liveId: raw.liveId } : {}), ...(consent ? { consent } : {}), ...(segment !== undefined ? { segment } : {}),
  };
  const result = await deps.experiments.assign({ tenant, key, personId, exposureKey, attributes, experiments, expose: raw.expose });
  return { ...result, key };
}

import { AppError } from '../shared/errors/index.js';
import { newId } from '../shared/ids.js';
import type { Clock } from '../shared/time.js';
import { type AllocationService, type Component, type PolicyVersion } from '../modules/allocation/index.js';
import { parseIdentityKey } from '../modules/events/index.js';
import type { IdentityService } from '../modules/identity/index.js';
import type { ConsentService } from '../modules/privacy/index.js';
import type { CandidateFilters, CandidateSet, RecommendService, RelevanceSources } from '../modules/recommend/index.js';

export interface RecommendDeps {
  readonly identity: IdentityService;
  readonly consent: ConsentService;
  readonly recommend: RecommendService;
  readonly allocation: AllocationService;
  readonly clock: Clock;
}

/** One recommendation request. `person` is a person id (`per_…`) or an identity key (`user:42`). */
export interface RecommendationRequest {
  readonly tenant: string;
  readonly person?: string | undefined;
  readonly slot: string;
  readonly n: number;
  readonly filters: CandidateFilters;
  /** false asks for the non-personalised mode whatever the consent. */
  readonly personalised: boolean;
}

/** Why a request was served without personal data. */
export type NonPersonalReason = 'requested' | 'no_consent' | 'consent_withdrawn' | 'no_person' | 'unknown_person';

/** One recommended item with everything needed to explain it. */
export interface RecommendedItem {
  readonly itemId: string;
  readonly position: number;
  readonly score: number;
  readonly propensity: number;
  readonly explored: boolean;
  readonly categoryId: string | null;
  readonly priceBand: string | null;
  readonly merchantId: string;
  readonly credit: number;
  readonly components: Readonly<Record<Component, number>>;
  /** What the relevance component was made of (empty for exploration picks outside the candidates). */
  readonly relevanceSources: RelevanceSources | null;
}

export interface Recommendation {
  readonly requestId: string;
  readonly slot: string;
  readonly mode: 'personalised' | 'non_personalised';
  readonly reason: NonPersonalReason | null;
  readonly personId: string | null;
  readonly policyVersion: number;
  /** Filters that need personal data and were not applied in the non-personalised mode. */
  readonly ignoredFilters: readonly string[];
  readonly items: readonly RecommendedItem[];
}

/** The request as it arrives (query string or CLI flags), before checking. */
export interface RawRecommendationRequest {
  readonly person?: string | undefined;
  readonly slot?: string | undefined;
  readonly n?: string | number | undefined;
  readonly category?: string | undefined;
  readonly priceBand?: string | undefined;
  readonly inStock?: boolean | undefined;
  readonly excludeBought?: boolean | undefined;
  readonly excludeSeen?: boolean | undefined;
  readonly personalised?: boolean | undefined;
}

/** The price bands items carry (yuan). */
export const PRICE_BANDS = ['<50', '50-200', '200-500', '500+'] as const;
const SLOT_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks a raw request: n 1–100 (default 20), slot a short name (default home_feed), a known price band; `recommend_invalid_request` otherwise. */
export function checkRecommendationRequest(tenant: string, raw: RawRecommendationRequest): RecommendationRequest {
  const fail = (message: string): never => { throw new AppError('recommend_invalid_request', message); };
  const n = raw.n === undefined || raw.n === '' ? 20 : Number(raw.n);
  if (!Number.isInteger(n) || n < 1 || n > 100) fail(`n must be an integer from 1 to 100, got ${raw.n}`);
  const slot = raw.slot ?? 'home_feed';
  if (!SLOT_RE.test(slot)) fail(`slot must be 1–64 letters, digits, _ or -, got ${slot}`);
  if (raw.priceBand !== undefined && !(PRICE_BANDS as readonly string[]).includes(raw.priceBand)) fail(`priceBand must be one of ${PRICE_BANDS.join(', ')}, got ${raw.priceBand}`);
  if (raw.person !== undefined && (raw.person.length === 0 || raw.person.length > 300)) fail('person must be a person id (per_…) or an identity key such as user:42');
  return {
    tenant, person: raw.person, slot, n, personalised: raw.personalised ?? true,
    filters: { categoryId: raw.category, priceBand: raw.priceBand, inStockOnly: raw.inStock ?? false, excludeBought: raw.excludeBought ?? false, excludeSeen: raw.excludeSeen ?? false },
  };
}

interface Who { personId: string | null; keys: readonly string[]; reason: NonPersonalReason | null }

/** Resolves the person and decides the mode: personal only with granted `personalization` consent. */
async function resolveWho(deps: RecommendDeps, req: RecommendationRequest): Promise<Who> {
  if (!req.person) return { personId: null, keys: [], reason: 'no_person' };
  const isKey = parseIdentityKey(req.person) !== undefined;
  if (!isKey && !req.person.startsWith('per_')) throw new AppError('recommend_invalid_request', `person must be a person id (per_…) or an identity key such as user:42, got ${req.person}`);
  // Asked not to personalise: the person is not even looked up.
  if (!req.personalised) return { personId: null, keys: [], reason: 'requested' };
  const personId = isKey ? await deps.identity.personOf(req.tenant, req.person) : req.person;
  if (!personId) return { personId: null, keys: [], reason: 'unknown_person' };
  const keys = await deps.identity.keysOf(req.tenant, personId);
  if (keys.length === 0) throw new AppError('identity_person_not_found', `person ${personId} not found`);
  const state = (await deps.consent.stateOf(req.tenant, keys)).personalization.state;
  if (state === 'granted') return { personId, keys, reason: null };
  return { personId, keys, reason: state === 'denied' ? 'consent_withdrawn' : 'no_consent' };
}

/**
 * Composes a recommendation: resolve the person, choose the mode by consent, take candidates
 * (personal, or from context only), rank them by the published policy with exploration, and — unless
 * it is a preview — log the served slate with its propensities. In the non-personalised mode no
 * personal data is read: the candidates come from `RecommendService.inContext`, which takes no person.
 */
export async function recommend(deps: RecommendDeps, req: RecommendationRequest, options: { readonly preview: boolean }): Promise<{ recommendation: Recommendation; policy: PolicyVersion }> {
  const who = await resolveWho(deps, req);
  const personal = who.reason === null;
  const set: CandidateSet = personal
    ? await deps.recommend.forPerson(req.tenant, who.keys, req.filters)
    : await deps.recommend.inContext(req.tenant, { categoryId: req.filters.categoryId, priceBand: req.filters.priceBand, inStockOnly: req.filters.inStockOnly });
  const { policy, table, placed } = await deps.allocation.allocate(req.tenant, set.snapshot, set.candidates, req.n, set.eligible);
  const sources = new Map(set.candidates.map((c) => [c.index, c.sources]));
  const items: RecommendedItem[] = placed.map((p) => {
    const it = table.items[p.index];
    return {
      itemId: it?.itemId ?? '', position: p.position, score: p.score, propensity: p.propensity, explored: p.explored,
      categoryId: it?.categoryId ?? null, priceBand: it?.priceBand ?? null, merchantId: it?.merchantId ?? '', credit: p.credit, components: p.components,
      relevanceSources: sources.get(p.index) ?? null,
    };
  });
  const recommendation: Recommendation = {
    requestId: newId('rec', deps.clock.now()), slot: req.slot, mode: personal ? 'personalised' : 'non_personalised', reason: who.reason,
    // Nothing personal is returned or logged with a non-personalised slate, not even who asked.
    personId: personal ? who.personId : null, policyVersion: policy.version,
    ignoredFilters: personal ? [] : (['excludeBought', 'excludeSeen'] as const).filter((f) => req.filters[f]), items,
  };
  if (!options.preview) {
    deps.allocation.record({
      requestId: recommendation.requestId, tenant: req.tenant, ts: deps.clock.now(), slot: req.slot, personId: recommendation.personId, mode: recommendation.mode,
      policyVersion: policy.version, items: items.map((i) => ({ itemId: i.itemId, position: i.position, propensity: i.propensity, explored: i.explored, score: i.score })),
    });
  }
  return { recommendation, policy };
}

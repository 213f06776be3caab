import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { checkRecommendationRequest, PRICE_BANDS, recommend, type RawRecommendationRequest } from '../flows/recommend.flow.js';
import { COMPONENT_DEFINITIONS, COMPONENTS, type PolicyVersion } from '../modules/allocation/index.js';
import { RELEVANCE_BLEND } from '../modules/recommend/index.js';
import { principalOf, requireKey } from './auth.js';
import { booleanParam, timeParam } from './query-params.js';

interface RecommendationQuery {
  person?: string; slot?: string; n?: string; category?: string; priceBand?: string;
  inStock?: string; excludeBought?: string; excludeSeen?: string; personalised?: string;
}

const RECOMMENDATION_QUERY = {
  type: 'object',
  properties: {
    person: { type: 'string', description: 'Person id (per_…) or identity key (user:42, openid:douyin:…); absent = non-personalised' },
    slot: { type: 'string', description: 'Placement, e.g. home_feed (default), product_detail, live_cart' },
    n: { type: 'string', description: 'How many items, 1–100 (default 20)' },
    category: { type: 'string', description: 'Only this categoryId' },
    priceBand: { type: 'string', description: `One of ${PRICE_BANDS.join(', ')} (yuan)` },
    inStock: { type: 'string', description: 'true: leave out items whose latest stock is 0' },
    excludeBought: { type: 'string', description: 'true: leave out what the person paid for (personal mode only)' },
    excludeSeen: { type: 'string', description: 'true: leave out what the person has seen or interacted with (personal mode only)' },
    personalised: { type: 'string', description: 'false: serve the non-personalised mode whatever the consent' },
  },
} as const;

function rawOf(q: RecommendationQuery): RawRecommendationRequest {
  return {
    person: q.person, slot: q.slot, n: q.n, category: q.category, priceBand: q.priceBand,
    inStock: booleanParam('inStock', q.inStock), excludeBought: booleanParam('excludeBought', q.excludeBought),
    excludeSeen: booleanParam('excludeSeen', q.excludeSeen), personalised: booleanParam('personalised', q.personalised),
  };
}

/** A policy version with its published definitions: the formula, each component's meaning, the relevance blend. */
export function publishedPolicy(p: PolicyVersion): Record<string, unknown> {
  return {
    version: p.version, createdAt: p.createdAt, createdBy: p.createdBy, note: p.note,
    formula: 'score = credit × Σ weight_c × component_c (each component in [0, 1]; weights sum to 1)',
    weights: p.weights, parameters: p.parameters,
    components: COMPONENTS.map((c) => ({ name: c, weight: p.weights[c], ...COMPONENT_DEFINITIONS[c] })),
    relevanceBlend: RELEVANCE_BLEND,
  };
}

/** Recommendations, their explanation, the model, and the published allocation policy with its versions. */
export function registerRecommendationRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');

  server.get<{ Querystring: RecommendationQuery }>('/v1/recommendations', {
    preHandler: secret,
    schema: { summary: 'Recommend items for a person and slot (personal only with personalization consent); the slate is logged with each item\'s propensity', tags: ['recommendation'], querystring: RECOMMENDATION_QUERY },
  }, async (request) => {
    const req = checkRecommendationRequest(principalOf(request).tenant.id, rawOf(request.query));
    const { recommendation } = await recommend(app, req, { preview: false });
    return { ...recommendation, items: recommendation.items.map(({ components: _c, relevanceSources: _r, credit: _k, ...rest }) => rest) };
  });

  server.get<{ Querystring: RecommendationQuery }>('/v1/recommendations/explain', {
    preHandler: secret,
    schema: { summary: 'Why these items: each item\'s component scores, credit multiplier and relevance sources under the policy in force (a preview: nothing is logged)', tags: ['recommendation'], querystring: RECOMMENDATION_QUERY },
  }, async (request) => {
    const req = checkRecommendationRequest(principalOf(request).tenant.id, rawOf(request.query));
    const { recommendation, policy } = await recommend(app, req, { preview: true });
    return { ...recommendation, policy: publishedPolicy(policy) };
  });

  server.get('/v1/recommendations/model', {
    preHandler: secret, schema: { summary: 'The shop\'s trained models: items, persons, interactions, build time, memory per item', tags: ['recommendation'] },
  }, async (request) => app.recommend.summary(principalOf(request).tenant.id));

  server.post('/v1/recommendations/rebuild', {
    preHandler: secret, schema: { summary: 'Retrain the shop\'s models from the event store now', tags: ['recommendation'] },
  }, async (request) => app.recommend.rebuild(principalOf(request).tenant.id));

  server.get<{ Querystring: { version?: number } }>('/v1/allocation/policy', {
    schema: { summary: 'The published allocation policy (the one in force, or a version): formula, weights, parameters, definitions', tags: ['recommendation'],
      querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 0 } } } },
    preHandler: secret,
  }, async (request) => {
    const tenant = principalOf(request).tenant.id;
    const v = request.query.version;
    return publishedPolicy(v === undefined ? await app.allocation.policy(tenant) : await app.allocation.policyVersion(tenant, v));
  });

  server.get('/v1/allocation/policy/versions', {
    preHandler: secret, schema: { summary: 'Every version of the allocation policy, newest first (version 0 = built-in default)', tags: ['recommendation'] },
  }, async (request) => ({ versions: (await app.allocation.versions(principalOf(request).tenant.id)).map(publishedPolicy) }));

  server.put<{ Body: Record<string, unknown> }>('/v1/allocation/policy', {
    preHandler: secret,
    schema: { summary: 'Publish a new policy version: weights (summing to 1) and parameters; missing ones keep their current values', tags: ['recommendation'],
      body: { type: 'object', properties: { weights: { type: 'object' }, parameters: { type: 'object' }, note: { type: 'string', maxLength: 500 } } } },
  }, async (request, reply) => {
    const p = principalOf(request);
    const published = await app.allocation.publish(p.tenant.id, request.body, `key:${p.keyId}`);
    return reply.code(201).send(publishedPolicy(published));
  });

  server.get<{ Querystring: { from?: string; to?: string; limit?: number } }>('/v1/allocation/served', {
    preHandler: secret,
    schema: { summary: 'Served slates with each item\'s propensity, oldest first (the log for off-policy evaluation)', tags: ['recommendation'],
      querystring: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 10000 } } } },
  }, async (request) => {
    const q = request.query;
    const range = { from: timeParam('from', q.from) ?? 0, to: timeParam('to', q.to) ?? app.clock.now() + 1, limit: q.limit ?? 1000 };
    return { slates: await app.allocation.served(principalOf(request).tenant.id, range) };
  });
}

import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { assignVisitor } from '../flows/assign.flow.js';
import { readSnippetSource, type ExperimentInput, type FlagInput } from '../modules/experiments/index.js';
import { principalOf, requireKey } from './auth.js';
import { booleanParam } from './query-params.js';

type AssignQuery = Record<string, string | undefined>;

const ASSIGN_QUERY = {
  type: 'object',
  properties: {
    key: { type: 'string', description: 'Identity key (user:42, anon:…, openid:douyin:…) — the hash attribute — or a person id per_…' },
    platform: { type: 'string' }, creatorId: { type: 'string', description: 'Cluster experiments by creator hash on it' },
    liveId: { type: 'string', description: 'Cluster experiments by live room, and switchback experiments, hash on it' },
    experiments: { type: 'string', description: 'Comma-separated experiment keys (default: every running or shipped one)' },
    expose: { type: 'string', description: 'false: assign without recording exposures (e.g. prefetch)' },
  },
  additionalProperties: { type: 'string', description: 'attr.<name>=value: extra attributes for GrowthBook conditions' },
} as const;

const ID_PARAMS = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

/** Experiments and flags: definitions, lifecycle, assignment, exposures, reports, and the client snippet. */
export function registerExperimentRoutes(server: FastifyInstance, app: App): void {
  const secret = requireKey(app, 'secret');
  const write = requireKey(app, 'write');
  const tenantOf = (request: Parameters<typeof principalOf>[0]): string => principalOf(request).tenant.id;

  server.get<{ Querystring: AssignQuery }>('/v1/assign', {
    preHandler: write,
    schema: { summary: 'Assign a visitor to the running experiments and evaluate flags (GrowthBook-compatible hashing); records each exposure once per person', tags: ['experiments'], querystring: ASSIGN_QUERY },
  }, async (request) => {
    const q = request.query;
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(q)) if (k.startsWith('attr.') && v !== undefined) attributes[k.slice(5)] = v;
    return assignVisitor(app, tenantOf(request), {
      key: q.key, platform: q.platform, creatorId: q.creatorId, liveId: q.liveId, experiments: q.experiments,
      expose: booleanParam('expose', q.expose), attributes,
    });
  });

  server.get('/v1/assign.js', { schema: { summary: 'The zero-dependency browser / mini-program snippet (ReelpathAB)', tags: ['experiments'] } }, async (_request, reply) => {
    return reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(readSnippetSource());
  });

  server.get('/v1/experiments', { preHandler: secret, schema: { summary: 'Experiments, newest first', tags: ['experiments'] } },
    async (request) => ({ experiments: await app.experiments.list(tenantOf(request)) }));

  server.post<{ Body: ExperimentInput }>('/v1/experiments', {
    preHandler: secret, schema: { summary: 'Create a draft experiment (variations, metrics, guardrails, design, targeting, analysis settings)', tags: ['experiments'], body: { type: 'object' } },
  }, async (request, reply) => reply.code(201).send(await app.experiments.create(tenantOf(request), request.body)));

  server.get<{ Params: { id: string } }>('/v1/experiments/:id', { preHandler: secret, schema: { summary: 'One experiment', tags: ['experiments'], params: ID_PARAMS } },
    async (request) => app.experiments.get(tenantOf(request), request.params.id));

  server.put<{ Params: { id: string }; Body: ExperimentInput }>('/v1/experiments/:id', {
    preHandler: secret, schema: { summary: 'Replace a draft\'s definition', tags: ['experiments'], params: ID_PARAMS, body: { type: 'object' } },
  }, async (request) => app.experiments.edit(tenantOf(request), request.params.id, request.body));

  server.post<{ Params: { id: string } }>('/v1/experiments/:id/start', { preHandler: secret, schema: { summary: 'Start (or restart) assigning', tags: ['experiments'], params: ID_PARAMS } },
    async (request) => app.experiments.start(tenantOf(request), request.params.id));

  server.post<{ Params: { id: string } }>('/v1/experiments/:id/stop', { preHandler: secret, schema: { summary: 'Stop assigning (everyone gets the control); results stay', tags: ['experiments'], params: ID_PARAMS } },
    async (request) => app.experiments.stop(tenantOf(request), request.params.id));

  server.post<{ Params: { id: string }; Body: { variation: string } }>('/v1/experiments/:id/ship', {
    preHandler: secret,
    schema: { summary: 'Conclude: everyone gets this variation from now on', tags: ['experiments'], params: ID_PARAMS,
      body: { type: 'object', properties: { variation: { type: 'string' } }, required: ['variation'] } },
  }, async (request) => app.experiments.ship(tenantOf(request), request.params.id, request.body.variation));

  server.get<{ Params: { id: string } }>('/v1/experiments/:id/report', {
    preHandler: secret, schema: { summary: 'Per metric and variation: effect, interval, p-value or chance to win, SRM, guardrails, verdict (zh/en)', tags: ['experiments'], params: ID_PARAMS },
  }, async (request) => app.experimentReports.report(tenantOf(request), request.params.id));

  server.get('/v1/flags', { preHandler: secret, schema: { summary: 'Feature flags', tags: ['experiments'] } },
    async (request) => ({ flags: await app.experiments.flags(tenantOf(request)) }));

  server.put<{ Params: { key: string }; Body: Omit<FlagInput, 'key'> }>('/v1/flags/:key', {
    preHandler: secret, schema: { summary: 'Create or replace a flag: defaultValue and rules (targeting, value, coverage)', tags: ['experiments'], body: { type: 'object' } },
  }, async (request) => app.experiments.putFlag(tenantOf(request), { ...request.body, key: request.params.key }));

  server.delete<{ Params: { key: string } }>('/v1/flags/:key', { preHandler: secret, schema: { summary: 'Delete a flag', tags: ['experiments'] } },
    async (request, reply) => { await app.experiments.deleteFlag(tenantOf(request), request.params.key); return reply.code(204).send(); });
}

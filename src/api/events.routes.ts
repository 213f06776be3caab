import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import type { App } from '../app/app.js';
import { ingestBatch } from '../flows/ingest-events.flow.js';
import { buildEventJsonSchema } from '../modules/events/index.js';
import { principalOf, requireKey } from './auth.js';
import { batchItems } from './body-parsers.js';
import { timeParam } from './query-params.js';

const ingestResponse = {
  200: {
    description: 'Per-item outcome: the good items are stored even when others are rejected.',
    type: 'object',
    properties: {
      accepted: { type: 'integer' },
      duplicates: { type: 'integer', description: 'Accepted items that were already stored (idempotent replays).' },
      rejected: { type: 'array', items: { type: 'object', properties: { index: { type: 'integer' }, code: { type: 'string' }, reason: { type: 'string' } } } },
    },
  },
};

/** Ingestion and event reads. */
export function registerEventRoutes(server: FastifyInstance, app: App): void {
  server.post('/v1/events', {
    preHandler: requireKey(app, 'write'),
    schema: {
      summary: 'Ingest a batch of events (JSON array, {batch:[…]} or NDJSON; gzip accepted)',
      tags: ['events'],
      consumes: ['application/json', 'application/x-ndjson'],
      body: { description: 'Events in the canonical model; see GET /v1/schema.' },
      response: ingestResponse,
    },
  }, async (request) => {
    const tenant = principalOf(request).tenant;
    const result = await ingestBatch(app, tenant, batchItems(request.body));
    request.log.debug({ tenant: tenant.id, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected.length }, 'ingested');
    return result;
  });

  server.get('/v1/schema', { schema: { summary: 'The canonical event model as JSON Schema', tags: ['events'] } }, async () => buildEventJsonSchema());

  server.get<{ Params: { eventId: string } }>('/v1/events/:eventId', {
    preHandler: requireKey(app, 'secret'),
    schema: { summary: 'Read one stored event', tags: ['events'], params: { type: 'object', properties: { eventId: { type: 'string' } }, required: ['eventId'] } },
  }, async (request) => {
    const event = await app.events.find(principalOf(request).tenant.id, request.params.eventId);
    if (!event) throw new AppError('api_not_found', `event ${request.params.eventId} not found`);
    return event;
  });

  server.get<{ Querystring: { from?: string; to?: string } }>('/v1/events/counts', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Count stored events per name',
      tags: ['events'],
      querystring: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    },
  }, async (request) => {
    const q = request.query;
    return { counts: await app.events.countByName(principalOf(request).tenant.id, { from: timeParam('from', q.from), to: timeParam('to', q.to) }) };
  });
}

import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { principalOf, requireKey } from './auth.js';

const STATUSES = ['active', 'all'] as const;

/** Alert states (firing, acknowledged, resolved) and the operator's acknowledgement. */
export function registerAlertRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: { status?: (typeof STATUSES)[number]; limit?: number } }>('/v1/alerts', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Alerts of the tenant, most recently changed first: active = firing or acknowledged (default); all adds resolved ones',
      tags: ['monitoring'],
      querystring: { type: 'object', properties: {
        status: { type: 'string', enum: [...STATUSES] },
        limit: { type: 'integer', minimum: 1, maximum: 1000 },
      } },
    },
  }, async (request) => ({ alerts: await app.alerts.list(principalOf(request).tenant.id, request.query.status ?? 'active', request.query.limit ?? 100) }));

  server.post<{ Params: { id: string }; Body: { by?: string } | undefined }>('/v1/alerts/:id/acknowledge', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Acknowledge a firing alert: it keeps firing, marked as being handled (idempotent); 409 alerts_not_active once resolved',
      tags: ['monitoring'],
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: { type: 'object', nullable: true, properties: { by: { type: 'string', maxLength: 200, description: 'Who handles it (shown on the board)' } } },
    },
  }, async (request) => app.alerts.acknowledge(principalOf(request).tenant.id, request.params.id, request.body?.by ?? null));
}

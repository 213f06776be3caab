import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { principalOf, requireKey } from './auth.js';
import { timeParam } from './query-params.js';

/** The KPI health radar. */
export function registerKpiRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: { from?: string; to?: string; targets?: string } }>('/v1/kpi/radar', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'KPI health radar: each indicator against its target (click-through, conversions, repurchase, decision time, refunds, fulfilment, GPM)',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        from: { type: 'string' }, to: { type: 'string' },
        targets: { type: 'string', description: 'Targets for this answer, e.g. ctr=0.12,gpm=500' },
      } },
    },
  }, async (request) => app.kpi.radar({
    tenant: principalOf(request).tenant.id, from: timeParam('from', request.query.from), to: timeParam('to', request.query.to), targets: request.query.targets,
  }));
}

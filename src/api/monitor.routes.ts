import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { AppError } from '../shared/errors/index.js';
import { MINUTE_MS, floorMinute } from '../modules/monitor/index.js';
import { principalOf, requireKey } from './auth.js';
import { SCOPE_QUERY, timeParam } from './query-params.js';

/** The live per-minute funnel: counts of the eight nodes and adjacent rates, by scope. */
export function registerMonitorRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: { scope?: string; minutes?: number; from?: string; to?: string } }>('/v1/monitor/series', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Live per-minute funnel counts and adjacent conversion rates (by event time; late events within monitor.latenessMs corrected)',
      tags: ['monitoring'],
      querystring: { type: 'object', properties: {
        scope: SCOPE_QUERY,
        minutes: { type: 'integer', minimum: 1, maximum: 1440, description: 'The last N minutes up to now (default 60), when from/to are not given' },
        from: { type: 'string' }, to: { type: 'string' },
      } },
    },
  }, async (request) => {
    const q = request.query;
    const now = floorMinute(app.clock.now());
    const to = timeParam('to', q.to) ?? now;
    const from = timeParam('from', q.from) ?? to - ((q.minutes ?? 60) - 1) * MINUTE_MS;
    if (from > to) throw new AppError('api_invalid_request', 'from must not be after to');
    const tenant = principalOf(request).tenant.id;
    return { tenant, scope: q.scope ?? 'all', from, to, points: app.monitor.series(tenant, q.scope ?? 'all', from, to) };
  });
}

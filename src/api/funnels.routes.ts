import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import { parseDuration } from '../shared/time.js';
import type { App } from '../app/app.js';
import { FUNNEL_NODES } from '../modules/events/index.js';
import type { FunnelDimension } from '../modules/funnels/index.js';
import { principalOf, requireKey } from './auth.js';
import { timeParam } from './query-params.js';

/** The first ordered window funnel. */
export function registerFunnelRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: { steps?: string; window?: string; by?: string; from?: string; to?: string } }>('/v1/funnel', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Ordered window funnel (ClickHouse windowFunnel semantics) over persons, optional breakdown',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        steps: { type: 'string', description: 'Comma-separated event names; default the eight funnel nodes' },
        window: { type: 'string', description: 'Window from the first step, e.g. 30m, 24h, 7d (default 24h)' },
        by: { type: 'string', description: 'platform, creatorId, videoId, liveId, productId, categoryId or priceBand' },
        from: { type: 'string' }, to: { type: 'string' },
      } },
    },
  }, async (request) => {
    const q = request.query;
    const windowMs = parseDuration(q.window ?? '24h');
    if (windowMs === undefined) throw new AppError('funnels_invalid_window', `window ${q.window} is not a duration like 30m, 24h or 7d`);
    return app.funnels.run({
      tenant: principalOf(request).tenant.id,
      steps: q.steps ? q.steps.split(',').map((s) => s.trim()).filter(Boolean) : [...FUNNEL_NODES],
      windowMs,
      by: q.by as FunnelDimension | undefined,
      from: timeParam('from', q.from),
      to: timeParam('to', q.to),
    });
  });
}

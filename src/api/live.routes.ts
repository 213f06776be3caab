import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { parseScope } from '../modules/monitor/index.js';
import { principalOf, requireKey } from './auth.js';
import { onServerClosing } from './graceful-close.js';
import { LiveHub } from './live-hub.js';
import { SCOPE_QUERY } from './query-params.js';

/**
 * `GET /v1/live/stream`: the live board's server-sent events (snapshot, minute, alert, ping). The key
 * goes in the Authorization header (the dashboard reads the stream with fetch), never in the URL.
 */
export function registerLiveRoutes(server: FastifyInstance, app: App): LiveHub {
  const hub = new LiveHub(app);
  onServerClosing(server, () => hub.close());
  server.get<{ Querystring: { scope?: string; minutes?: number } }>('/v1/live/stream', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Live board stream (text/event-stream): snapshot on connect, then minute updates about every second and alert changes as they happen',
      tags: ['monitoring'],
      querystring: { type: 'object', properties: {
        scope: SCOPE_QUERY,
        minutes: { type: 'integer', minimum: 1, maximum: 180, description: 'Minutes in the snapshot (default 30)' },
      } },
    },
  }, async (request, reply) => {
    const scope = request.query.scope ?? 'all';
    parseScope(scope);
    const tenant = principalOf(request).tenant.id;
    const alerts = await app.alerts.list(tenant, 'all', 50);
    reply.hijack();
    hub.open(tenant, scope, request.query.minutes ?? 30, alerts, reply.raw);
  });
  return hub;
}

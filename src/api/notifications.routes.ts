import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { principalOf, requireKey } from './auth.js';

/** Alert webhook endpoints (secret answered once), a test delivery, and the delivery log. */
export function registerNotificationRoutes(server: FastifyInstance, app: App): void {
  const tags = ['alerts'];
  server.post<{ Body: { url: string } }>('/v1/alerts/endpoints', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Register a webhook endpoint for alerts; the signing secret (whsec_…) is answered only now',
      tags, body: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
    },
  }, async (request, reply) => {
    const endpoint = await app.notifications.addEndpoint(principalOf(request).tenant.id, request.body.url);
    return reply.code(201).send(endpoint);
  });
  server.get('/v1/alerts/endpoints', { preHandler: requireKey(app, 'secret'), schema: { summary: 'The tenant\'s webhook endpoints (without secrets)', tags } },
    async (request) => app.notifications.endpoints(principalOf(request).tenant.id));
  server.delete<{ Params: { id: string } }>('/v1/alerts/endpoints/:id', { preHandler: requireKey(app, 'secret'), schema: { summary: 'Remove a webhook endpoint', tags } },
    async (request, reply) => {
      await app.notifications.removeEndpoint(principalOf(request).tenant.id, request.params.id);
      return reply.code(204).send();
    });
  server.post<{ Params: { id: string } }>('/v1/alerts/endpoints/:id/test', {
    preHandler: requireKey(app, 'secret'), schema: { summary: 'Send a signed `ping` delivery to one endpoint and answer its outcome', tags },
  }, async (request) => {
    const [delivery] = await app.notifications.notify(principalOf(request).tenant.id, 'ping', { message: 'Reelpath webhook test / 测试推送' }, request.params.id);
    return delivery;
  });
  server.get<{ Querystring: { limit?: number } }>('/v1/alerts/deliveries', {
    preHandler: requireKey(app, 'secret'),
    schema: { summary: 'Recent deliveries with their status, attempts and last answer', tags, querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } } },
  }, async (request) => app.notifications.deliveries(principalOf(request).tenant.id, request.query.limit ?? 100));
}

import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';

/** Liveness and readiness. */
export function registerHealthRoutes(server: FastifyInstance, app: App): void {
  server.get('/healthz', { schema: { summary: 'Liveness: the process answers', tags: ['health'], security: [] } }, async () => ({ status: 'ok' }));
  server.get('/readyz', { schema: { summary: 'Readiness: the stores answer', tags: ['health'], security: [] } }, async (request, reply) => {
    try {
      await app.tenants.listTenants();
      return { status: 'ready', engines: app.engines };
    } catch (err) {
      // Unauthenticated route: log the cause, answer only the catalogued code.
      request.log.error({ err }, 'readiness check failed');
      void reply.status(503);
      return { status: 'unavailable', error: 'storage_unavailable' };
    }
  });
}

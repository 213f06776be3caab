import type { FastifyInstance } from 'fastify';
import { DASHBOARD_HTML } from '../web/dashboard-page.js';

/** The dashboard at `/`. */
export function registerWebRoutes(server: FastifyInstance): void {
  server.get('/', { schema: { hide: true } }, async (_req, reply) => {
    void reply.type('text/html; charset=utf-8');
    return DASHBOARD_HTML;
  });
}

import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { App } from '../app/app.js';
import { registerBodyParsers } from './body-parsers.js';
import { registerErrorHandler } from './error-handler.js';
import { registerEventRoutes } from './events.routes.js';
import { registerExperimentRoutes } from './experiments.routes.js';
import { registerOrderRoutes } from './orders.routes.js';
import { registerLedgerRoutes } from './ledger.routes.js';
import { registerComplianceRoutes } from './compliance.routes.js';
import { registerStockRoutes } from './stock.routes.js';
import { registerTraceRoutes } from './trace.routes.js';
import { registerAlertRoutes } from './alerts.routes.js';
import { registerAttributionRoutes } from './attribution.routes.js';
import { registerFunnelRoutes } from './funnels.routes.js';
import { registerGracefulClose } from './graceful-close.js';
import { registerHealthRoutes } from './health.routes.js';
import { registerKpiRoutes } from './kpi.routes.js';
import { registerLiveRoutes } from './live.routes.js';
import { registerMonitorRoutes } from './monitor.routes.js';
import { registerNotificationRoutes } from './notifications.routes.js';
import { registerPathRoutes } from './paths.routes.js';
import { registerPersonRoutes } from './persons.routes.js';
import { registerPlatformRoutes } from './platforms.routes.js';
import { registerRecommendationRoutes } from './recommendations.routes.js';
import { registerRetentionRoutes } from './retention.routes.js';
import { registerSegmentsRoutes } from './segments.routes.js';
import { registerTenantRoutes } from './tenants.routes.js';
import { registerWebRoutes } from './web.routes.js';

/**
 * Builds the HTTP server over a wired App (does not listen). Body limit from config; OpenAPI at
 * /docs (JSON at /docs/json); the dashboard at /. `close()` drains in-flight requests first
 * (graceful-close.ts), so the App may be closed right after it.
 */
export async function buildServer(app: App): Promise<FastifyInstance> {
  const server = Fastify({
    loggerInstance: app.logger as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: app.config.api.bodyLimitBytes,
    // Requests arriving during close get our catalogued 503 api_shutting_down (graceful-close.ts).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  registerGracefulClose(server);
  registerErrorHandler(server);
  registerBodyParsers(server);
  await server.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Reelpath API', version: '1', description: 'Collect short-video commerce events under one identity; read funnels. 短视频电商数据平台 API。' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'rp_pub_… (ingest only) or rp_sec_… (read/admin)' } } },
      security: [{ apiKey: [] }],
    },
  });
  await server.register(swaggerUi, { routePrefix: '/docs' });
  registerHealthRoutes(server, app);
  registerEventRoutes(server, app);
  registerPlatformRoutes(server, app);
  registerPersonRoutes(server, app);
  registerTenantRoutes(server, app);
  registerFunnelRoutes(server, app);
  registerRecommendationRoutes(server, app);
  registerExperimentRoutes(server, app);
  registerStockRoutes(server, app);
  registerTraceRoutes(server, app);
  registerOrderRoutes(server, app);
  registerLedgerRoutes(server, app);
  registerComplianceRoutes(server, app);
  registerKpiRoutes(server, app);
  registerNotificationRoutes(server, app);
  registerMonitorRoutes(server, app);
  registerAlertRoutes(server, app);
  registerLiveRoutes(server, app);
  registerAttributionRoutes(server, app);
  registerPathRoutes(server, app);
  registerRetentionRoutes(server, app);
  registerSegmentsRoutes(server, app);
  registerWebRoutes(server);
  return server;
}

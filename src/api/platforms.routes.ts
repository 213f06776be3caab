import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import type { App } from '../app/app.js';
import { ingestBatch } from '../flows/ingest-events.flow.js';
import { applyPlatformLogistics } from '../flows/platform-logistics.flow.js';
import { findAdapter } from '../modules/platforms/index.js';
import { principalOf, requireKey } from './auth.js';

/**
 * Platform order webhooks: a documented Douyin Shop / Kuaishou Shop / WeChat Channels Shop / TikTok Shop
 * message is mapped to canonical events and ingested like any batch (deterministic eventIds make a
 * replayed callback apply once). The body reaches the adapter as raw text: WeChat's 19-digit numeric
 * order ids would be rounded by JSON.parse. Thin notifications answer a `followUp` naming the detail
 * the caller should fetch and post next. Ship and deliver messages of an order Reelpath holds (placed with
 * client key `<adapter>:<platform order id>`) also move that order (`logistics` in the answer). Platform
 * signature checks belong in front of this route.
 */
export function registerPlatformRoutes(server: FastifyInstance, app: App): void {
  void server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { adapter: string } }>('/v1/webhooks/:adapter', {
      preHandler: requireKey(app, 'write'),
      schema: {
        summary: 'Ingest one platform order / payment / refund message',
        tags: ['events'],
        params: { type: 'object', properties: { adapter: { type: 'string', description: 'douyin_shop, kuaishou_shop, wechat_channels_shop or tiktok_shop' } }, required: ['adapter'] },
      },
    }, async (request) => {
      const adapter = findAdapter(request.params.adapter);
      if (!adapter) throw new AppError('platforms_unknown', `no adapter ${request.params.adapter}`);
      const mapped = adapter.toEvents(request.body);
      if (!mapped.ok) throw new AppError('platforms_bad_payload', mapped.reason);
      const tenant = principalOf(request).tenant;
      const result = await ingestBatch(app, tenant, mapped.events);
      // Ship and deliver messages also move the Reelpath order they belong to (client key `<adapter>:<order id>`).
      const logistics = await applyPlatformLogistics(app, tenant.id, adapter.id, mapped.events);
      return { ...result, ...(logistics.length > 0 ? { logistics } : {}), ...(mapped.followUp ? { followUp: mapped.followUp } : {}) };
    });
  });
}

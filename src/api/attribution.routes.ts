import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors/index.js';
import type { App } from '../app/app.js';
import { readAttributionParams, type AttributionParams } from '../modules/attribution/index.js';
import { principalOf, requireKey } from './auth.js';
import { timeParam } from './query-params.js';

type AttributionQuery = AttributionParams & { from?: string; to?: string };

const optionDocs = {
  model: { type: 'string', description: 'first_touch, last_touch, linear, time_decay, position_based, markov (default) or shapley' },
  order: { type: 'string', description: 'Markov order 1–4 (default 1)' },
  collapseRepeats: { type: 'string', description: 'Markov: collapse consecutive repeats (default true); false keeps self-loops' },
  halfLife: { type: 'string', description: 'Time-decay half-life, e.g. 7d (default 7d)' },
} as const;

/**
 * Multi-touch attribution: over the tenant's events (`GET /v1/attribution`) or over a ChannelAttribution
 * path file (`POST /v1/attribution/paths`, text/plain, text/csv, or JSON `{"pathFile": "…"}`).
 * Registered in its own scope so the plain-text body parser applies to these routes only.
 */
export function registerAttributionRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: AttributionQuery }>('/v1/attribution', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Multi-touch attribution of conversions and net GMV to platform, creator, video or live session',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        ...optionDocs,
        by: { type: 'string', description: 'platform (default), creatorId, videoId or liveId' },
        clickWindow: { type: 'string', description: 'Click-through window for product_click, detail_view, add_to_cart (default 7d)' },
        viewWindow: { type: 'string', description: 'View-through window for impression, play, complete, live_enter (default 1d)' },
        from: { type: 'string', description: 'Conversions (pay) at or after, epoch ms or ISO-8601' },
        to: { type: 'string', description: 'Conversions before, epoch ms or ISO-8601' },
      } },
    },
  }, async (request) => {
    const q = request.query;
    return app.attribution.run({
      ...readAttributionParams(q), tenant: principalOf(request).tenant.id, from: timeParam('from', q.from), to: timeParam('to', q.to),
    });
  });

  void server.register(async (scope) => {
    scope.addContentTypeParser(['text/plain', 'text/csv'], { parseAs: 'string' }, (_req, body, done) => { done(null, String(body)); });
    scope.post<{ Querystring: AttributionParams; Body: unknown }>('/v1/attribution/paths', {
      preHandler: requireKey(app, 'secret'),
      schema: {
        summary: 'Multi-touch attribution of a ChannelAttribution path file (path;total_conversions;total_conversion_value;total_null)',
        tags: ['analytics'],
        querystring: { type: 'object', properties: optionDocs },
      },
    }, async (request) => {
      const body = request.body;
      const text = typeof body === 'string' ? body
        : body !== null && typeof body === 'object' && typeof (body as { pathFile?: unknown }).pathFile === 'string' ? (body as { pathFile: string }).pathFile
          : undefined;
      if (text === undefined) throw new AppError('api_malformed_body', 'send the path file as text/plain, or JSON {"pathFile": "path;total_conversions\\nA > B;1"}');
      const { model, order, collapseRepeats, halfLifeMs } = readAttributionParams(request.query);
      return app.attribution.runPaths({ text, model, order, collapseRepeats, halfLifeMs });
    });
  });
}

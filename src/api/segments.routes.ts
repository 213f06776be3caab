import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import { AppError } from '../shared/errors/index.js';
import { renderMembersCsv, type RfmRequest } from '../modules/segments/index.js';
import { principalOf, requireKey } from './auth.js';
import { BUYER_QUERY_PROPERTIES, buyerQueryOf, type BuyerQueryParams } from './buyer-query-params.js';
import { listParam, numberParam, timeParam } from './query-params.js';

interface RfmQuery extends BuyerQueryParams {
  asOf?: string; scores?: string; recencyCuts?: string; frequencyCuts?: string; monetaryCuts?: string; rules?: string;
}
interface MembersQuery extends RfmQuery { layer?: string; limit?: string; offset?: string; format?: string }

const RFM_PROPERTIES = {
  asOf: { type: 'string', description: 'Recency is measured to this time (epoch ms or ISO-8601); later orders are ignored. Default now' },
  scores: { type: 'string', description: 'Scores run 1…k, k 2–10 (default 5; other k need rules)' },
  recencyCuts: { type: 'string', description: 'k−1 ascending cut points in days since the last order, e.g. 30,60,90,180 (default: quantiles)' },
  frequencyCuts: { type: 'string', description: 'k−1 ascending cut points in orders (default: quantiles)' },
  monetaryCuts: { type: 'string', description: 'k−1 ascending cut points in net fen (default: quantiles)' },
  rules: { type: 'string', description: 'Layer rules in order, e.g. loyal:R3-5,F4-5;high_potential_new:R4-5,F1-2,M3-5' },
  ...BUYER_QUERY_PROPERTIES,
} as const;

const cutsParam = (value: string | undefined): number[] | undefined => listParam(value)?.map(Number);

function rfmRequestOf(tenant: string, q: RfmQuery): RfmRequest {
  return {
    ...buyerQueryOf(tenant, q),
    asOf: timeParam('asOf', q.asOf),
    scores: numberParam(q.scores),
    cuts: { recencyDays: cutsParam(q.recencyCuts), frequency: cutsParam(q.frequencyCuts), monetary: cutsParam(q.monetaryCuts) },
    rules: q.rules === '' ? undefined : q.rules,
  };
}

/** RFM segments: layer sizes and strategies, and members as JSON or CSV (read with a secret key). */
export function registerSegmentsRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: RfmQuery }>('/v1/segments/rfm', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'RFM layers (high-potential new, loyal, at-risk, dormant, other): sizes, content strategies (zh/en), thresholds and rules used',
      tags: ['analytics'],
      querystring: { type: 'object', properties: RFM_PROPERTIES },
    },
  }, async (request) => app.segments.rfm(rfmRequestOf(principalOf(request).tenant.id, request.query)));

  server.get<{ Querystring: MembersQuery }>('/v1/segments/rfm/members', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Members of an RFM layer (or every buyer), highest net first, paged; JSON or CSV',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        layer: { type: 'string', description: 'loyal, high_potential_new, at_risk, dormant or other; default every buyer' },
        limit: { type: 'string', description: 'Page size; default 100 for JSON, every member for CSV' },
        offset: { type: 'string' },
        format: { type: 'string', description: 'json (default) or csv' },
        ...RFM_PROPERTIES,
      } },
    },
  }, async (request, reply) => {
    const q = request.query;
    const format = q.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new AppError('api_invalid_request', `format must be json or csv, got ${format}`);
    const page = await app.segments.members({
      ...rfmRequestOf(principalOf(request).tenant.id, q),
      layer: q.layer === '' ? undefined : q.layer,
      limit: numberParam(q.limit) ?? (format === 'json' ? 100 : undefined),
      offset: numberParam(q.offset),
    });
    if (format === 'json') return page;
    const name = `rfm-${page.layer ?? 'all'}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(renderMembersCsv(page.members));
  });
}

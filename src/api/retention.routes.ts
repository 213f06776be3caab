import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import type { CohortBasis, PeriodUnit, RetentionMode } from '../modules/retention/index.js';
import { principalOf, requireKey } from './auth.js';
import { BUYER_QUERY_PROPERTIES, buyerQueryOf, type BuyerQueryParams } from './buyer-query-params.js';
import { numberParam } from './query-params.js';

interface RetentionQuery extends BuyerQueryParams { cohort?: string; period?: string; mode?: string; periods?: string }
interface RepurchaseQuery extends BuyerQueryParams { withinDays?: string }
interface LtvQuery extends BuyerQueryParams { period?: string; limit?: string; offset?: string }

/** Cohort retention, repurchase and lifetime value (read with a secret key). */
export function registerRetentionRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: RetentionQuery }>('/v1/retention', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Cohort retention: cohorts by first event or first order, weekly or monthly (UTC), "on" or "on or after"',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        cohort: { type: 'string', description: 'first_event (returning = any event) or first_order (returning = an order); default first_order' },
        period: { type: 'string', description: 'week (Monday 00:00 UTC) or month (UTC); default month' },
        mode: { type: 'string', description: 'on (returned in exactly period k) or on_or_after (period k or later); default on' },
        periods: { type: 'string', description: 'Columns after period 0, 1–120; default 8' },
        ...BUYER_QUERY_PROPERTIES,
      } },
    },
  }, async (request) => {
    const q = request.query;
    return app.retention.cohorts({
      ...buyerQueryOf(principalOf(request).tenant.id, q),
      cohort: (q.cohort ?? 'first_order') as CohortBasis,
      period: (q.period ?? 'month') as PeriodUnit,
      mode: (q.mode ?? 'on') as RetentionMode,
      periods: numberParam(q.periods) ?? 8,
    });
  });

  server.get<{ Querystring: RepurchaseQuery }>('/v1/repurchase', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Repurchase rate (buyers with ≥ 2 orders; optionally within N days of the first) and time between orders',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        withinDays: { type: 'string', description: 'N: share of eligible buyers whose second order came within N days of the first' },
        ...BUYER_QUERY_PROPERTIES,
      } },
    },
  }, async (request) => {
    const q = request.query;
    return app.retention.repurchase({ ...buyerQueryOf(principalOf(request).tenant.id, q), withinDays: numberParam(q.withinDays) });
  });

  server.get<{ Querystring: LtvQuery }>('/v1/ltv', {
    preHandler: requireKey(app, 'secret'),
    schema: {
      summary: 'Customer lifetime value net of refunds (integer fen): totals, per cohort of first order, and a page of buyers',
      tags: ['analytics'],
      querystring: { type: 'object', properties: {
        period: { type: 'string', description: 'Cohort period: week or month (UTC); default month' },
        limit: { type: 'string', description: 'Buyers per page, highest net first (0–1000, default 20)' },
        offset: { type: 'string' },
        ...BUYER_QUERY_PROPERTIES,
      } },
    },
  }, async (request) => {
    const q = request.query;
    return app.retention.ltv({
      ...buyerQueryOf(principalOf(request).tenant.id, q),
      period: q.period as PeriodUnit | undefined, limit: numberParam(q.limit), offset: numberParam(q.offset),
    });
  });
}
